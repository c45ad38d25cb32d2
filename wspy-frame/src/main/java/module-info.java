/**
 * The WebSocket wire format (RFC 6455): frames, the incremental decoder and the encoder, masking,
 * UTF-8 validation, close codes and the extension SPI. It has no dependency outside the JDK and is
 * usable on its own by tools that speak frames.
 *
 * <p>{@code jdk.incubator.vector} is optional: when the application resolves it (for example with
 * {@code --add-modules jdk.incubator.vector}), masking runs on SIMD registers; otherwise a scalar
 * kernel is used.
 */
module io.wspy.frame {
    requires static jdk.incubator.vector;

    exports io.wspy.frame;
    exports io.wspy.frame.extension;
}

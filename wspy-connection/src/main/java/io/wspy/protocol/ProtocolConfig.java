package io.wspy.protocol;

import io.wspy.frame.MaskingKeys;
import io.wspy.metrics.WebSocketMetrics;

import java.time.Duration;
import java.util.function.IntSupplier;

/**
 * Limits and timings of a {@link WebSocketProtocol}. Immutable; start from {@link #defaults()}.
 *
 * @param maxMessageSize   largest message accepted, in bytes (after decompression); a message that
 *                         would exceed it is refused with 1009 before it is buffered
 * @param maxFrameSize     largest frame payload accepted, checked from the frame header (1009);
 *                         also bounds what is buffered for an extension to decode one frame
 * @param fragmentSize     outgoing messages are split into frames of at most this many payload
 *                         bytes; 0 sends every message as one frame
 * @param closeTimeout     how long to wait for the peer's close frame (and, for a client, for the
 *                         server to close TCP) before dropping the connection
 * @param pingInterval     send a keepalive ping this often; {@link Duration#ZERO} disables it
 * @param pongTimeout      drop the connection (close code 1006) if a keepalive ping is not answered
 *                         within this time
 * @param maskingKeys      where a client's masking keys come from
 * @param metrics          what the connections report their figures to; {@link WebSocketMetrics#NONE} by default
 */
public record ProtocolConfig(long maxMessageSize, long maxFrameSize, int fragmentSize, Duration closeTimeout,
                             Duration pingInterval, Duration pongTimeout, IntSupplier maskingKeys,
                             WebSocketMetrics metrics) {
    /** Default {@link #maxMessageSize}: 1 MiB. */
    public static final long DEFAULT_MAX_MESSAGE_SIZE = 1L << 20;
    /** Default {@link #maxFrameSize}: 2 MiB (room for a compressed frame of a 1 MiB message). */
    public static final long DEFAULT_MAX_FRAME_SIZE = 2L << 20;

    private static final ProtocolConfig DEFAULTS = new ProtocolConfig(DEFAULT_MAX_MESSAGE_SIZE,
            DEFAULT_MAX_FRAME_SIZE, 0, Duration.ofSeconds(10), Duration.ZERO, Duration.ofSeconds(20),
            MaskingKeys.secure(), WebSocketMetrics.NONE);

    /** Checks the values. */
    public ProtocolConfig {
        if (maxMessageSize < 0 || maxFrameSize < 0 || fragmentSize < 0) {
            throw new IllegalArgumentException("sizes must not be negative");
        }
        requireNonNegative(closeTimeout, "closeTimeout");
        requireNonNegative(pingInterval, "pingInterval");
        requireNonNegative(pongTimeout, "pongTimeout");
        if (maskingKeys == null) {
            throw new IllegalArgumentException("maskingKeys must not be null");
        }
        if (metrics == null) {
            throw new IllegalArgumentException("metrics must not be null (WebSocketMetrics.NONE for none)");
        }
    }

    /** Limits and timings without metrics. */
    public ProtocolConfig(long maxMessageSize, long maxFrameSize, int fragmentSize, Duration closeTimeout,
                          Duration pingInterval, Duration pongTimeout, IntSupplier maskingKeys) {
        this(maxMessageSize, maxFrameSize, fragmentSize, closeTimeout, pingInterval, pongTimeout, maskingKeys,
                WebSocketMetrics.NONE);
    }

    /** The defaults: 1 MiB messages, 2 MiB frames, no fragmentation, 10 s close timeout, no keepalive. */
    public static ProtocolConfig defaults() {
        return DEFAULTS;
    }

    /** A copy with another message limit. */
    public ProtocolConfig withMaxMessageSize(long bytes) {
        return new ProtocolConfig(bytes, maxFrameSize, fragmentSize, closeTimeout, pingInterval, pongTimeout,
                maskingKeys, metrics);
    }

    /** A copy with another frame limit. */
    public ProtocolConfig withMaxFrameSize(long bytes) {
        return new ProtocolConfig(maxMessageSize, bytes, fragmentSize, closeTimeout, pingInterval, pongTimeout,
                maskingKeys, metrics);
    }

    /** A copy that fragments outgoing messages into frames of at most {@code bytes}; 0 to not fragment. */
    public ProtocolConfig withFragmentSize(int bytes) {
        return new ProtocolConfig(maxMessageSize, maxFrameSize, bytes, closeTimeout, pingInterval, pongTimeout,
                maskingKeys, metrics);
    }

    /** A copy with another close timeout. */
    public ProtocolConfig withCloseTimeout(Duration timeout) {
        return new ProtocolConfig(maxMessageSize, maxFrameSize, fragmentSize, timeout, pingInterval, pongTimeout,
                maskingKeys, metrics);
    }

    /** A copy that sends a keepalive ping every {@code interval} and expects the pong within {@code timeout}. */
    public ProtocolConfig withKeepalive(Duration interval, Duration timeout) {
        return new ProtocolConfig(maxMessageSize, maxFrameSize, fragmentSize, closeTimeout, interval, timeout,
                maskingKeys, metrics);
    }

    /** A copy with another masking key source (tests and tools). */
    public ProtocolConfig withMaskingKeys(IntSupplier keys) {
        return new ProtocolConfig(maxMessageSize, maxFrameSize, fragmentSize, closeTimeout, pingInterval, pongTimeout,
                keys, metrics);
    }

    /** A copy whose connections report to {@code listener}. */
    public ProtocolConfig withMetrics(WebSocketMetrics listener) {
        return new ProtocolConfig(maxMessageSize, maxFrameSize, fragmentSize, closeTimeout, pingInterval, pongTimeout,
                maskingKeys, listener);
    }

    private static void requireNonNegative(Duration d, String name) {
        if (d == null || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be zero or positive");
        }
    }
}

package io.wspy.frame.extension;

import io.wspy.frame.Frame;
import io.wspy.frame.ProtocolException;
import io.wspy.frame.WebSocketException;

/**
 * One negotiated extension on one connection (RFC 6455 section 9), created by an
 * {@link ExtensionFactory} during the handshake and owned by the connection.
 *
 * <p>Only data frames (and frames carrying one of the extension's own {@link #opcodes()}) pass
 * through an extension; control frames never do. A per-message extension (like
 * permessage-deflate) sets its RSV bits on the first frame of a message only and sees the frames
 * of a message in order; a message whose first frame carries none of its bits is not transformed,
 * and when every negotiated extension works per message such a message streams past them without
 * being shown to them. A per-frame extension (like deflate-frame) treats every frame alone.
 *
 * <p>Threading: {@link #encode} and {@link #decode} may run at the same time on two threads (a
 * sender and a reader), but each is never called concurrently with itself. A frame returned by
 * either may be backed by a buffer the extension reuses; it is valid until the next call of the
 * same method.
 */
public interface Extension extends AutoCloseable {
    /** The negotiated element, as it appears in the handshake response. */
    ExtensionParameters parameters();

    /** The RSV bits this extension sets ({@link io.wspy.frame.FrameHeader#RSV1} and so on). */
    int rsvBits();

    /** Reserved opcodes this extension uses, as a bit set ({@code 1 << opcode}); usually none. */
    default int opcodes() {
        return 0;
    }

    /** Whether this extension transforms whole messages (true) or each frame on its own (false). */
    boolean perMessage();

    /**
     * Transforms an outgoing data frame.
     *
     * @throws WebSocketException if the frame cannot be transformed
     */
    Frame encode(Frame frame) throws WebSocketException;

    /**
     * Transforms an incoming data frame.
     *
     * @param maxPayload the most bytes the result may carry; beyond it, throw a
     *                   {@link ProtocolException} with {@link io.wspy.frame.CloseCode#MESSAGE_TOO_BIG}
     *                   without producing more (this is what stops decompression bombs)
     * @throws ProtocolException if the frame is invalid for this extension
     */
    Frame decode(Frame frame, long maxPayload) throws ProtocolException;

    /** Releases what the extension holds (native zlib memory, pooled buffers). Idempotent. */
    @Override
    void close();
}

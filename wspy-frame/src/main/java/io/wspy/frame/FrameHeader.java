package io.wspy.frame;

/**
 * The fields of a frame header (RFC 6455 section 5.2). {@link Frame} implements it; so does the
 * view a {@link FrameDecoder} passes to its {@link FrameListener}, which is only valid during the
 * callback.
 */
public interface FrameHeader {
    /** RSV1: claimed by permessage-deflate and deflate-frame. */
    int RSV1 = 0b100;
    /** RSV2. */
    int RSV2 = 0b010;
    /** RSV3. */
    int RSV3 = 0b001;

    /** Whether this is the final fragment of a message. */
    boolean fin();

    /** The three RSV bits: {@link #RSV1}, {@link #RSV2}, {@link #RSV3} or'ed together. */
    int rsv();

    /** The opcode; see {@link Opcode}. */
    int opcode();

    /** Whether the payload is (or was, on the wire) masked. */
    boolean isMasked();

    /** The masking key, big-endian (its first byte on the wire is the top byte); 0 if unmasked. */
    int maskingKey();

    /** The payload length in bytes. */
    long payloadLength();

    /** Whether the opcode is a control opcode. */
    default boolean isControl() {
        return Opcode.isControl(opcode());
    }
}

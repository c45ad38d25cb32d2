package io.wspy.protocol;

import io.wspy.frame.Opcode;

import java.nio.ByteBuffer;

/**
 * A complete WebSocket message: text or binary, however many frames it took on the wire.
 * Messages are immutable and may be sent to many connections.
 */
public abstract sealed class Message permits TextMessage, BinaryMessage {
    Message() {
    }

    /** {@link Opcode#TEXT} or {@link Opcode#BINARY}. */
    public abstract int opcode();

    /** The bytes sent on the wire (UTF-8 for text), as a read-only buffer positioned at 0. */
    public abstract ByteBuffer payload();

    /**
     * The payload as the protocol sends it: a buffer of its own, positioned at 0, which the
     * protocol only reads. A message that can hand out a writable view of its bytes does, so that
     * masking reads them straight from the array.
     */
    ByteBuffer payloadToSend() {
        return payload();
    }

    /** The payload length in bytes. */
    public abstract int length();

    /** Whether this is a {@link TextMessage}. */
    public boolean isText() {
        return opcode() == Opcode.TEXT;
    }
}

package io.wspy.protocol;

import io.wspy.frame.Opcode;

import java.nio.ByteBuffer;

/** A binary message. Its bytes are taken over, not copied: do not change them after sending. */
public final class BinaryMessage extends Message {
    private final ByteBuffer data;

    /** A message carrying {@code data}. */
    public BinaryMessage(byte[] data) {
        this(ByteBuffer.wrap(data));
    }

    /** A message carrying {@code data}'s remaining bytes. */
    public BinaryMessage(ByteBuffer data) {
        this.data = data.slice().asReadOnlyBuffer();
    }

    /** The data as a read-only buffer positioned at 0. */
    public ByteBuffer data() {
        return data.duplicate();
    }

    /** A copy of the data. */
    public byte[] bytes() {
        byte[] copy = new byte[data.remaining()];
        data.get(0, copy);
        return copy;
    }

    @Override
    public int opcode() {
        return Opcode.BINARY;
    }

    @Override
    public ByteBuffer payload() {
        return data.duplicate();
    }

    @Override
    public int length() {
        return data.remaining();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BinaryMessage && ((BinaryMessage) o).data.equals(data);
    }

    @Override
    public int hashCode() {
        return data.hashCode();
    }

    @Override
    public String toString() {
        return "BinaryMessage[" + data.remaining() + " bytes]";
    }
}

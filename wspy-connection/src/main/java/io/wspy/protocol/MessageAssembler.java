package io.wspy.protocol;

import io.wspy.frame.Opcode;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Collects a {@link ProtocolListener}'s message stream into whole {@link Message}s. The protocol
 * has already enforced the size limit, so the buffer never grows past it.
 *
 * <p>Each byte is copied once into a buffer of the message's size whenever that size is known
 * (the size hint of an unfragmented message) or the message arrives in one chunk; the message then
 * takes the buffer over. Memory follows the bytes that arrive, not the size a header announces: at
 * most {@value #EAGER_BYTES} bytes or {@value #GROWTH} times what has arrived are allocated ahead
 * of the bytes, and growth stops at the hinted size, so that the last buffer is exactly full.
 * Without a hint the buffer starts at the size of the first chunk and doubles.
 */
public final class MessageAssembler {
    /** What a hinted message may allocate before its bytes arrive. */
    static final int EAGER_BYTES = 64 * 1024;
    /** How far a hinted message's buffer grows ahead of what has arrived. */
    static final int GROWTH = 4;
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    private final Consumer<Message> sink;
    private int opcode;
    private long sizeHint;
    private byte[] buffer;
    private int size;

    /** An assembler that hands each complete message to {@code sink}. */
    public MessageAssembler(Consumer<Message> sink) {
        this.sink = sink;
    }

    /** See {@link ProtocolListener#onMessageStart(int)}: a message of unknown size. */
    public void start(int opcode) {
        start(opcode, -1);
    }

    /** See {@link ProtocolListener#onMessageStart(int, long)}. */
    public void start(int opcode, long sizeHint) {
        this.opcode = opcode;
        this.sizeHint = sizeHint;
        this.buffer = null;
        this.size = 0;
    }

    /** See {@link ProtocolListener#onMessageData}. */
    public void data(ByteBuffer data) {
        int n = data.remaining();
        if (buffer == null || size + n > buffer.length) {
            grow(size + n);
        }
        data.get(data.position(), buffer, size, n);
        size += n;
    }

    private void grow(int needed) {
        long target;
        if (sizeHint >= needed) {
            long ahead = buffer == null ? EAGER_BYTES : (long) GROWTH * buffer.length;
            target = Math.min(sizeHint, Math.max(needed, ahead));
        } else {
            target = buffer == null ? needed : Math.max(needed, 2L * buffer.length);
        }
        int length = (int) Math.min(MAX_ARRAY, target);
        buffer = buffer == null ? new byte[length] : Arrays.copyOf(buffer, length);
    }

    /** See {@link ProtocolListener#onMessageEnd}. */
    public void end() {
        byte[] bytes = buffer == null ? new byte[0] : buffer.length == size ? buffer : Arrays.copyOf(buffer, size);
        buffer = null;
        sink.accept(opcode == Opcode.TEXT ? TextMessage.ofValidatedUtf8(bytes) : new BinaryMessage(bytes));
    }
}

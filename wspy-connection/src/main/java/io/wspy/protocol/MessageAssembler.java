package io.wspy.protocol;

import io.wspy.frame.Opcode;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Collects a {@link ProtocolListener}'s message stream into whole {@link Message}s. The protocol
 * has already enforced the size limit, so the buffer never grows past it.
 *
 * <p>The buffer starts at the size of the first chunk and doubles as needed; a message that arrives
 * in one chunk (the usual case) is copied exactly once.
 */
public final class MessageAssembler {
    private final Consumer<Message> sink;
    private int opcode;
    private byte[] buffer;
    private int size;

    /** An assembler that hands each complete message to {@code sink}. */
    public MessageAssembler(Consumer<Message> sink) {
        this.sink = sink;
    }

    /** See {@link ProtocolListener#onMessageStart}. */
    public void start(int opcode) {
        this.opcode = opcode;
        this.buffer = null;
        this.size = 0;
    }

    /** See {@link ProtocolListener#onMessageData}. */
    public void data(ByteBuffer data) {
        int n = data.remaining();
        if (buffer == null) {
            buffer = new byte[n];
        } else if (size + n > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(size + n, (int) Math.min(Integer.MAX_VALUE - 8, 2L * buffer.length)));
        }
        data.get(data.position(), buffer, size, n);
        size += n;
    }

    /** See {@link ProtocolListener#onMessageEnd}. */
    public void end() {
        byte[] bytes = buffer == null ? new byte[0] : buffer.length == size ? buffer : Arrays.copyOf(buffer, size);
        buffer = null;
        sink.accept(opcode == Opcode.TEXT ? TextMessage.ofValidatedUtf8(bytes) : new BinaryMessage(bytes));
    }
}

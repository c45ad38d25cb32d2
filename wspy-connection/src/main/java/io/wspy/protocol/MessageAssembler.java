package io.wspy.protocol;

import io.wspy.frame.Masking;
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
 * takes the buffer over. Masked bytes are unmasked in that same copy. Memory follows the bytes that
 * arrive, not the size a header announces: at most {@value #EAGER_BYTES} bytes or {@value #GROWTH}
 * times what has arrived are allocated ahead of the bytes, and growth stops at the hinted size, so
 * that the last buffer is exactly full. Given an {@link AllocationBudget}, a larger hinted message
 * takes its whole buffer at once while the budget holds it, and gives the reservation back when it
 * ends or is {@linkplain #abandon() abandoned}. Without a hint the buffer starts at the size of the
 * first chunk and doubles.
 */
public final class MessageAssembler {
    /** What a hinted message may allocate before its bytes arrive. */
    static final int EAGER_BYTES = 64 * 1024;
    /** How far a hinted message's buffer grows ahead of what has arrived. */
    static final int GROWTH = 4;
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    private final Consumer<Message> sink;
    /** {@code null}: memory always follows the bytes. */
    private final AllocationBudget budget;
    private int opcode;
    private long sizeHint;
    private byte[] buffer;
    private int size;
    /** What the current message holds of the budget. */
    private long reserved;

    /** An assembler that hands each complete message to {@code sink}. */
    public MessageAssembler(Consumer<Message> sink) {
        this(sink, null);
    }

    /**
     * An assembler that hands each complete message to {@code sink}, and allocates a large hinted
     * message's buffer at once while {@code budget} holds it.
     *
     * @param budget shared with other assemblers, or {@code null} for none
     */
    public MessageAssembler(Consumer<Message> sink, AllocationBudget budget) {
        this.sink = sink;
        this.budget = budget;
    }

    /** See {@link ProtocolListener#onMessageStart(int)}: a message of unknown size. */
    public void start(int opcode) {
        start(opcode, -1);
    }

    /** See {@link ProtocolListener#onMessageStart(int, long)}. */
    public void start(int opcode, long sizeHint) {
        abandon();
        this.opcode = opcode;
        this.sizeHint = sizeHint;
        this.size = 0;
        if (sizeHint > EAGER_BYTES && sizeHint <= MAX_ARRAY && budget != null && budget.tryReserve(sizeHint)) {
            reserved = sizeHint;
            buffer = new byte[(int) sizeHint];
        }
    }

    /** See {@link ProtocolListener#onMessageData}. */
    public void data(ByteBuffer data) {
        int n = data.remaining();
        ensureRoom(n);
        data.get(data.position(), buffer, size, n);
        size += n;
    }

    /** See {@link ProtocolListener#onMaskedMessageData}: unmasks while copying. */
    public void maskedData(ByteBuffer data, int maskingKey, int phase) {
        int n = data.remaining();
        ensureRoom(n);
        if (data.hasArray()) {
            Masking.mask(data.array(), data.arrayOffset() + data.position(), buffer, size, n, maskingKey, phase);
        } else {
            data.get(data.position(), buffer, size, n);
            Masking.mask(buffer, size, n, maskingKey, phase);
        }
        size += n;
    }

    private void ensureRoom(int n) {
        if (buffer == null || size + n > buffer.length) {
            grow(size + n);
        }
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
        abandon();
        sink.accept(opcode == Opcode.TEXT ? TextMessage.ofValidatedUtf8(bytes) : new BinaryMessage(bytes));
    }

    /**
     * Drops the message being assembled, if any, and gives back what it held of the budget: call
     * it when the connection closes, since a message cut short never ends.
     */
    public void abandon() {
        buffer = null;
        if (reserved != 0) {
            budget.release(reserved);
            reserved = 0;
        }
    }
}

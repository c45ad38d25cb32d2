package io.wspy.protocol;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A cap on the memory that messages still arriving may hold before their bytes do, shared by many
 * connections (a server's clients). A {@link MessageAssembler} given a budget takes a large
 * message's whole buffer as soon as its frame header announces the size, which spares the copies
 * of a buffer that grows with the bytes, but only while the messages holding such buffers announce
 * no more than the budget in total. Past it, memory follows the bytes again: a peer that announces
 * large messages and then sends nothing pins at most the budget, whatever the number of
 * connections. Thread-safe.
 */
public final class AllocationBudget {
    private final long limit;
    private final AtomicLong reserved = new AtomicLong();

    /**
     * A budget of {@code limit} bytes; 0 reserves nothing, so that memory always follows the bytes.
     *
     * @throws IllegalArgumentException if {@code limit} is negative
     */
    public AllocationBudget(long limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("an allocation budget cannot be negative: " + limit);
        }
        this.limit = limit;
    }

    /** The budget in bytes. */
    public long limit() {
        return limit;
    }

    /** The bytes reserved now and not yet released. */
    public long reserved() {
        return reserved.get();
    }

    /** Reserves {@code bytes} if the budget still holds them; the caller must {@link #release} them. */
    public boolean tryReserve(long bytes) {
        long now;
        do {
            now = reserved.get();
            if (bytes > limit - now) {
                return false;
            }
        } while (!reserved.compareAndSet(now, now + bytes));
        return true;
    }

    /** Gives back bytes taken with {@link #tryReserve}. */
    public void release(long bytes) {
        reserved.addAndGet(-bytes);
    }

    @Override
    public String toString() {
        return "AllocationBudget[" + reserved() + " of " + limit + " bytes reserved]";
    }
}

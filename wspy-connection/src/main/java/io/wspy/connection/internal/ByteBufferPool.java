package io.wspy.connection.internal;

import java.nio.ByteBuffer;

/**
 * Byte buffers of one size, heap or direct, shared by threads that each need one for a short
 * while: the blocking connections borrow a read buffer for a burst of input that is already there,
 * and a write buffer while bytes wait in it, and give them back once done, so an idle connection
 * holds none. At most {@code maxPooled} buffers are kept; beyond that they are left to the garbage
 * collector. The most recently returned buffer is handed out first, while it is still in cache.
 */
public final class ByteBufferPool {
    private final int size;
    private final boolean direct;
    private final ByteBuffer[] pooled;
    private final int maxBorrowed;
    /** Guarded by this. */
    private int count;
    /** Buffers taken and not given back. Guarded by this. */
    private int borrowed;

    /** A pool of buffers of {@code size} bytes, direct if {@code direct}, keeping at most {@code maxPooled}. */
    public ByteBufferPool(int size, boolean direct, int maxPooled) {
        this(size, direct, maxPooled, Integer.MAX_VALUE);
    }

    /**
     * A pool as above that lends at most {@code maxBorrowed} buffers at a time through
     * {@link #tryTake()}: what threads blocked while holding one can pin stays bounded.
     */
    public ByteBufferPool(int size, boolean direct, int maxPooled, int maxBorrowed) {
        this.size = size;
        this.direct = direct;
        this.pooled = new ByteBuffer[maxPooled];
        this.maxBorrowed = maxBorrowed;
    }

    /** A cleared buffer of {@code size} bytes, pooled or new; give it back with {@link #giveBack}. */
    public ByteBuffer take() {
        return take(Integer.MAX_VALUE);
    }

    /** As {@link #take()}, or {@code null} when the pool has lent as many buffers as it may. */
    public ByteBuffer tryTake() {
        return take(maxBorrowed);
    }

    private ByteBuffer take(int limit) {
        synchronized (this) {
            if (borrowed >= limit) {
                return null;
            }
            borrowed++;
            if (count > 0) {
                ByteBuffer buffer = pooled[--count];
                pooled[count] = null;
                return buffer;
            }
        }
        return direct ? ByteBuffer.allocateDirect(size) : ByteBuffer.allocate(size);
    }

    /** Returns a buffer from {@link #take()}; the caller keeps no reference to it. */
    public void giveBack(ByteBuffer buffer) {
        buffer.clear();
        synchronized (this) {
            borrowed--;
            if (count < pooled.length) {
                pooled[count++] = buffer;
            }
        }
    }

    /** Buffers taken and not given back yet. */
    public synchronized int borrowed() {
        return borrowed;
    }
}

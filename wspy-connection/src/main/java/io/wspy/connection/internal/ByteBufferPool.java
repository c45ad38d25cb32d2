package io.wspy.connection.internal;

import java.nio.ByteBuffer;

/**
 * Byte buffers of one size, heap or direct, shared by threads that each need one for a short
 * while: the blocking transports borrow a write buffer while bytes wait in it and give it back once
 * they are written, so an idle connection holds none. At most {@code maxPooled} buffers are kept;
 * beyond that they are left to the garbage collector. The most recently returned buffer is handed
 * out first, while it is still in cache.
 */
public final class ByteBufferPool {
    private final int size;
    private final boolean direct;
    private final ByteBuffer[] pooled;
    /** Guarded by this. */
    private int count;

    /** A pool of buffers of {@code size} bytes, direct if {@code direct}, keeping at most {@code maxPooled}. */
    public ByteBufferPool(int size, boolean direct, int maxPooled) {
        this.size = size;
        this.direct = direct;
        this.pooled = new ByteBuffer[maxPooled];
    }

    /** A cleared buffer of {@code size} bytes, pooled or new; give it back with {@link #giveBack}. */
    public ByteBuffer take() {
        synchronized (this) {
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
            if (count < pooled.length) {
                pooled[count++] = buffer;
            }
        }
    }
}

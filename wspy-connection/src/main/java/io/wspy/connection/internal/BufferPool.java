package io.wspy.connection.internal;

/**
 * Byte arrays of one size, shared by threads that each need one for a short while: the blocking
 * connections borrow a large read buffer for a burst of input that is already there (so that they
 * never block holding it) and give it back before they wait again, so an idle connection holds
 * none. At most {@code maxPooled} arrays are kept; beyond that they are left to the garbage
 * collector. The most recently returned array is handed out first, while it is still in cache.
 */
public final class BufferPool {
    private final int size;
    private final byte[][] pooled;
    /** Guarded by this. */
    private int count;
    /** Arrays taken and not given back. Guarded by this. */
    private int borrowed;

    /** A pool of arrays of {@code size} bytes keeping at most {@code maxPooled} of them. */
    public BufferPool(int size, int maxPooled) {
        this.size = size;
        this.pooled = new byte[maxPooled][];
    }

    /** An array of {@link #size()} bytes, pooled or new; give it back with {@link #giveBack}. */
    public byte[] take() {
        synchronized (this) {
            borrowed++;
            if (count > 0) {
                byte[] buffer = pooled[--count];
                pooled[count] = null;
                return buffer;
            }
        }
        return new byte[size];
    }

    /** Returns an array from {@link #take()}; the caller keeps no reference to it. */
    public synchronized void giveBack(byte[] buffer) {
        borrowed--;
        if (count < pooled.length) {
            pooled[count++] = buffer;
        }
    }

    /** Arrays taken and not given back yet: 0 whenever no borrower is inside its burst. */
    public synchronized int borrowed() {
        return borrowed;
    }

    /** The size of the arrays. */
    public int size() {
        return size;
    }
}

package io.wspy.server.internal.nio;

import java.nio.ByteBuffer;

/**
 * The output chunks that connections' queues copy small writes into, shared by every loop. A
 * queue takes one when it has bytes to send and gives it back when the network has taken them
 * all, so an idle connection holds none, and a busy one does not allocate a chunk per round of
 * the loop (an echo's few bytes each round cost a 4 KiB chunk each time before). At most
 * {@code maxPooled} chunks are kept; a chunk not given back is left to the garbage collector.
 * Thread-safe: a queue is written by any sender, under its connection's lock.
 */
final class ChunkPool {
    private final int size;
    private final ByteBuffer[] pooled;
    /** Guarded by this. */
    private int count;

    ChunkPool(int size, int maxPooled) {
        this.size = size;
        this.pooled = new ByteBuffer[maxPooled];
    }

    /** A chunk of {@link #size()} bytes, pooled or new, its content undefined. */
    ByteBuffer take() {
        synchronized (this) {
            if (count > 0) {
                ByteBuffer chunk = pooled[--count];
                pooled[count] = null;
                return chunk;
            }
        }
        return ByteBuffer.allocate(size);
    }

    /** Returns a chunk from {@link #take()} of which nobody keeps a view. */
    synchronized void giveBack(ByteBuffer chunk) {
        if (count < pooled.length) {
            pooled[count++] = chunk.clear();
        }
    }

    /** The size of the chunks. */
    int size() {
        return size;
    }
}

package io.wspy.connection.internal;

import java.nio.ByteBuffer;

/**
 * Flush batching for a blocking driver: while its reading thread works through input that arrived
 * together, the answers that thread sends are held back until no more of that input is left, so
 * they leave in one write. Sends from any other thread are never held back.
 *
 * <p>The reading thread calls {@link #begin} before it hands input to the protocol and
 * {@link #end} after; the transport asks {@link #holdsBackFlush()} on each flush, under the
 * protocol's write lock.
 */
public final class ReadBatch {
    /** The reading thread and its input between begin and end; only that thread writes them. */
    private Thread reader;
    private ByteBuffer input;
    /** A flush was held back. Guarded by the protocol's write lock, set only by the reading thread. */
    private boolean heldBack;

    /** The calling thread starts handling {@code input}. */
    public void begin(ByteBuffer input) {
        this.reader = Thread.currentThread();
        this.input = input;
    }

    /** The input is handled; returns whether a flush was held back (the driver then flushes). */
    public boolean end() {
        reader = null;
        input = null;
        return heldBack;
    }

    /** Whether the flush asked for now may wait: the reading thread asks it and input is left. */
    public boolean holdsBackFlush() {
        if (reader == Thread.currentThread() && input.hasRemaining()) {
            heldBack = true;
            return true;
        }
        heldBack = false;
        return false;
    }
}

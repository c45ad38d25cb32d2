package io.wspy.extensions.internal;

import java.nio.ByteBuffer;

/**
 * Holds one direction's zlib stream for a connection. With context takeover the stream is the
 * connection's own: created at the first compressed unit, ended by {@link #close()}, and small
 * results are views of its reused buffer. Without, a pooled stream is borrowed for one unit and
 * results are handed over for good (copied out of the stream's buffer if they sit there), so that
 * nothing stays behind between units.
 *
 * <p>Thread-safe: {@link #close()} may come from another thread than the one using the stream.
 */
abstract class StreamHolder<S extends ZlibStream> implements AutoCloseable {
    /** Work on the stream; implementations capture nothing, so that no object is made per frame. */
    interface Work<S, X extends Exception> {
        void on(S stream, ByteBuffer in, boolean endOfUnit, long limit) throws X;
    }

    private final boolean contextTakeover;
    private S stream;
    private boolean closed;

    StreamHolder(boolean contextTakeover) {
        this.contextTakeover = contextTakeover;
    }

    /** A stream of the connection's own. */
    abstract S own();

    /** A stream from the pool. */
    abstract S borrow();

    /** Ends the connection's own stream. */
    abstract void end(S own);

    /** Returns a borrowed stream to the pool. */
    abstract void giveBack(S borrowed);

    /** Whether the history runs on from one unit to the next. */
    public final boolean contextTakeover() {
        return contextTakeover;
    }

    final synchronized <X extends Exception> ByteBuffer use(Work<S, X> work, ByteBuffer in, boolean endOfUnit,
                                                            long limit) throws X {
        if (closed) {
            throw new IllegalStateException("the extension is closed");
        }
        if (stream == null) {
            stream = contextTakeover ? own() : borrow();
        }
        boolean done = false;
        try {
            work.on(stream, in, endOfUnit, limit);
            ByteBuffer result = stream.result(!contextTakeover);
            done = true;
            return result;
        } finally {
            // A borrowed stream goes back after its unit; after a failure it is in no state worth
            // keeping, so it goes back (reset) at once.
            if (!contextTakeover && (endOfUnit || !done)) {
                giveBack(stream);
                stream = null;
            }
        }
    }

    /** Ends the own stream, or gives a borrowed one back. Idempotent. */
    @Override
    public final synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (stream == null) {
            return;
        }
        if (contextTakeover) {
            end(stream);
        } else {
            giveBack(stream);
        }
        stream = null;
    }
}

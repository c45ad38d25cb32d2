package io.wspy.protocol;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * What a {@link WebSocketProtocol} asks of the I/O driver that runs it: write bytes, close the
 * connection, keep time. The blocking endpoint, the NIO server and TLS each implement it; tests
 * implement it in memory.
 */
public interface Transport {
    /**
     * Writes {@code data}'s remaining bytes after everything written before. The buffer is only
     * valid during the call: a driver that queues must copy. Called with the protocol's write lock
     * held, so calls never overlap.
     */
    void write(ByteBuffer data) throws IOException;

    /**
     * Writes bytes that never change and may be shared by many connections (the frames of a
     * {@link PreparedMessage}), in order with {@link #write}. A driver that queues may keep a
     * reference to {@code data} instead of a copy. By default, the same as {@link #write}.
     */
    default void writeShared(ByteBuffer data) throws IOException {
        write(data);
    }

    /**
     * Ends a burst of writes: push buffered bytes towards the peer. A driver that knows more input
     * is about to be handled (answers to it would leave together) may hold the bytes back, and
     * then calls {@link WebSocketProtocol#flush()} once that input is handled.
     */
    void flush() throws IOException;

    /**
     * Pushes buffered bytes towards the peer now, never held back: the protocol calls it after a
     * close frame, which the transport's close may follow at once.
     */
    default void flushNow() throws IOException {
        flush();
    }

    /**
     * Closes the connection once the bytes written so far are sent (or cannot be). Idempotent.
     * The driver must then call {@link WebSocketProtocol#transportClosed()}.
     */
    void close();

    /**
     * Closes the connection at once, without waiting for written bytes or for the peer: the peer
     * is gone. The driver must then call {@link WebSocketProtocol#transportClosed()}.
     */
    default void abort() {
        close();
    }

    /** Starts {@code timer}, replacing it if it runs; the driver calls {@link WebSocketProtocol#onTimer} when it fires. */
    void schedule(ProtocolTimer timer, long delayMillis);

    /** Stops {@code timer} if it runs. */
    void cancel(ProtocolTimer timer);
}

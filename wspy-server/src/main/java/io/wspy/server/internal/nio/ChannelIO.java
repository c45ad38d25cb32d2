package io.wspy.server.internal.nio;

import javax.net.ssl.SSLSession;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * The byte stream under one connection of the NIO server, as its selector loop sees it: plain TCP
 * ({@link PlainChannelIO}), or TLS over an {@code SSLEngine} ({@link TlsChannelIO}), which keeps
 * its own record buffers and may have output pending of its own (handshake messages,
 * {@code close_notify}). Every method but {@link #sslSession()} is called by the connection's
 * selector loop only.
 */
public interface ChannelIO {
    /** Opens the stream over an accepted channel. */
    @FunctionalInterface
    interface Opener {
        /**
         * @param wakeUp what the stream calls, from another thread, when it can go on after work
         *               it did off the loop (the TLS handshake's tasks): the loop must take the
         *               connection up again
         */
        ChannelIO open(SocketChannel channel, Runnable wakeUp) throws IOException;
    }

    /** The channel registered with the selector. */
    SocketChannel channel();

    /**
     * Reads application bytes into {@code dst}.
     *
     * @return the number of bytes read, 0 if none are available yet, -1 at the end of the stream
     */
    int read(ByteBuffer dst) throws IOException;

    /** Writes application bytes from {@code srcs}; returns how many were taken, possibly none. */
    long write(ByteBuffer[] srcs, int offset, int length) throws IOException;

    /**
     * Whether the stream may hold input it has read from the channel but not returned yet (TLS
     * records): the selector cannot see it, so the loop reads until a read returns 0, and on every
     * event of the connection. For plain TCP, a read shorter than the buffer drained the socket.
     */
    default boolean buffersInput() {
        return false;
    }

    /**
     * Whether bytes already taken by {@link #write} still wait to go out (encrypted records that
     * did not fit the socket): the loop then keeps waiting for the channel to be writable.
     */
    default boolean hasPendingOutput() {
        return false;
    }

    /** Writes whatever {@link #hasPendingOutput()} reports; a no-op for plain TCP. */
    default void flushPendingOutput() throws IOException {
    }

    /**
     * The {@link SelectionKey} operations to wait for.
     *
     * @param read         whether the connection wants to read
     * @param outputQueued whether application bytes wait to be written
     */
    default int interestOps(boolean read, boolean outputQueued) {
        return (read ? SelectionKey.OP_READ : 0) | (outputQueued ? SelectionKey.OP_WRITE : 0);
    }

    /**
     * Ends the output side once everything written has gone out: a TCP FIN (after TLS
     * {@code close_notify}, which may first wait in {@link #hasPendingOutput()}).
     */
    void shutdownOutput() throws IOException;

    /** Closes the channel at once. */
    void close();

    /** Whether the stream is encrypted. */
    boolean isSecure();

    /** The TLS session, or {@code null} for plain TCP. Any thread. */
    default SSLSession sslSession() {
        return null;
    }
}

package io.wspy.server.internal.nio;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * The byte stream under one connection of the NIO server, as its selector loop sees it: plain TCP
 * ({@link PlainChannelIO}), or TLS over an {@code SSLEngine}, which keeps its own record buffers and
 * may have output pending of its own (handshake messages, {@code close_notify}). Every method is
 * called by the connection's selector loop only.
 */
public interface ChannelIO {
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
     * Whether bytes already taken by {@link #write} still wait to go out (encrypted records that
     * did not fit the socket): the loop then keeps waiting for the channel to be writable.
     */
    default boolean hasPendingOutput() {
        return false;
    }

    /** Writes whatever {@link #hasPendingOutput()} reports; a no-op for plain TCP. */
    default void flushPendingOutput() throws IOException {
    }

    /** Ends the output side once everything written has gone out: a TCP FIN (after TLS {@code close_notify}). */
    void shutdownOutput() throws IOException;

    /** Closes the channel at once. */
    void close();

    /** Whether the stream is encrypted. */
    boolean isSecure();

    /** The peer's address, or {@code null} if unknown. */
    InetSocketAddress remoteAddress();

    /** This end's address, or {@code null} if unknown. */
    InetSocketAddress localAddress();
}

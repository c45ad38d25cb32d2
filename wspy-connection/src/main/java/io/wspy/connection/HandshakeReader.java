package io.wspy.connection;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * Reads a handshake from a blocking socket within one overall deadline, so a peer that trickles
 * bytes (slowloris) cannot hold the socket longer than the handshake timeout.
 */
final class HandshakeReader {
    private static final int CHUNK = 4096;

    private final Socket socket;
    private final InputStream in;
    private final long deadline;
    private final byte[] buffer = new byte[CHUNK];

    HandshakeReader(Socket socket, Duration timeout) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.deadline = System.nanoTime() + timeout.toNanos();
    }

    /** The next bytes; valid until the next call. */
    ByteBuffer read() throws IOException {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            throw new SocketTimeoutException("handshake timed out");
        }
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
        int n = in.read(buffer);
        if (n < 0) {
            throw new EOFException("connection closed during the handshake");
        }
        return ByteBuffer.wrap(buffer, 0, n);
    }

    /** The handshake is over: no read timeout from now on; returns a copy of the unread bytes or null. */
    static ByteBuffer finish(Socket socket, ByteBuffer unread) throws IOException {
        socket.setSoTimeout(0);
        if (!unread.hasRemaining()) {
            return null;
        }
        ByteBuffer copy = ByteBuffer.allocate(unread.remaining());
        copy.put(unread).flip();
        return copy;
    }
}

package io.wspy.server.internal.nio;

import io.wspy.ssl.internal.TlsChannel;

import javax.net.ssl.SSLSession;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * TLS over the channel: a {@link TlsChannel}, driven as its documentation prescribes. The
 * connection flushes, reads until nothing is left and writes on every event ({@link #buffersInput()}),
 * and takes its interest from the engine's state; the TCP FIN follows {@code close_notify}.
 */
final class TlsChannelIO implements ChannelIO {
    private final SocketChannel channel;
    private final TlsChannel tls;
    /** The plaintext of a whole record: a read buffer with less room would make the channel copy. */
    private final int recordSize;
    /** {@code close_notify} waits for room in the socket; the FIN goes after it. Loop only. */
    private boolean finPending;

    TlsChannelIO(SocketChannel channel, TlsChannel tls) {
        this.channel = channel;
        this.tls = tls;
        this.recordSize = tls.session().getApplicationBufferSize();
    }

    @Override
    public SocketChannel channel() {
        return channel;
    }

    /** Unwraps records while a whole one fits, so one call hands the connection several. */
    @Override
    public int read(ByteBuffer dst) throws IOException {
        int total = 0;
        do {
            int n = tls.read(dst);
            if (n <= 0) {
                return total > 0 ? total : n;
            }
            total += n;
        } while (dst.remaining() >= recordSize);
        return total;
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        long total = 0;
        for (int i = offset; i < offset + length; i++) {
            ByteBuffer src = srcs[i];
            total += tls.write(src);
            if (src.hasRemaining()) {
                break;
            }
        }
        return total;
    }

    @Override
    public boolean buffersInput() {
        return true;
    }

    @Override
    public boolean hasPendingOutput() {
        return finPending || (tls.interestOps(false) & SelectionKey.OP_WRITE) != 0;
    }

    @Override
    public void flushPendingOutput() throws IOException {
        if (tls.flush() && finPending) {
            finPending = false;
            channel.shutdownOutput();
        }
    }

    @Override
    public int interestOps(boolean read, boolean outputQueued) {
        int ops = tls.interestOps(outputQueued);
        return read ? ops : ops & ~SelectionKey.OP_READ;
    }

    @Override
    public void shutdownOutput() throws IOException {
        if (tls.shutdownOutput()) {
            channel.shutdownOutput();
        } else {
            finPending = true;
        }
    }

    @Override
    public void close() {
        try {
            tls.close();
        } catch (IOException ignored) {
            // Nothing is left to do with a channel that fails to close.
        }
    }

    @Override
    public boolean isSecure() {
        return true;
    }

    @Override
    public SSLSession sslSession() {
        return tls.session();
    }
}

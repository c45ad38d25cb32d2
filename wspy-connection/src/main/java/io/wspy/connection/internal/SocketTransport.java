package io.wspy.connection.internal;

import io.wspy.protocol.ProtocolTimer;
import io.wspy.protocol.Transport;
import io.wspy.protocol.WebSocketProtocol;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;

/**
 * The {@link Transport} of a blocking connection over a {@link Socket}.
 *
 * <p>Writes are gathered in a buffer until {@link #flush()}, so that a frame's header and its
 * payload, and the answers to input that arrived together, leave in one write (a header written on
 * its own costs a system call, a TCP segment and, over TLS, a record of its own). The buffer is
 * borrowed from a shared pool while bytes wait in it and given back once they are written, so an
 * idle connection holds none; only the part of a payload larger than the buffer goes straight to
 * the socket.
 *
 * <p>Closing is graceful: {@link #close()} half-closes (the peer reads everything, then end of
 * stream) and the reading thread closes the socket when the peer's end of stream arrives; a timer
 * closes it anyway after the linger time.
 */
public final class SocketTransport implements Transport {
    /**
     * Four 16 KiB echoes, or the first 64 KiB of a large message, per write; the pool keeps at
     * most 2 MiB for the writers to come.
     */
    private static final BufferPool WRITE_BUFFERS = new BufferPool(64 * 1024, 32);

    private final Socket socket;
    private final OutputStream out;
    private final long lingerMillis;
    private final Map<ProtocolTimer, ScheduledFuture<?>> timers = new EnumMap<>(ProtocolTimer.class);
    private final ReadBatch batch = new ReadBatch();
    private WebSocketProtocol protocol;
    private Runnable onHardClose = () -> { };

    /** Guarded by the protocol's write lock. */
    private byte[] buffer;
    private int filled;
    private boolean closing;
    /** Guarded by this. */
    private boolean socketClosed;
    private ScheduledFuture<?> hardCloseTimer;

    /** A transport writing to {@code socket}, giving a closed peer {@code lingerMillis} to hang up. */
    public SocketTransport(Socket socket, long lingerMillis) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.lingerMillis = lingerMillis;
    }

    /** Connects the transport to the protocol whose timers it runs. */
    public void bind(WebSocketProtocol protocol, Runnable onHardClose) {
        this.protocol = protocol;
        this.onHardClose = onHardClose;
    }

    @Override
    public void write(ByteBuffer data) throws IOException {
        if (buffer == null) {
            buffer = WRITE_BUFFERS.take();
        }
        int n = data.remaining();
        if (n > buffer.length - filled) {
            // Fill the buffer first: the frame's header leaves with the start of its payload.
            int head = buffer.length - filled;
            data.get(buffer, filled, head);
            filled += head;
            drain();
            n -= head;
            if (n >= buffer.length) {
                writeDirectly(data);
                return;
            }
        }
        data.get(buffer, filled, n);
        filled += n;
    }

    private void writeDirectly(ByteBuffer data) throws IOException {
        if (data.hasArray()) {
            out.write(data.array(), data.arrayOffset() + data.position(), data.remaining());
            data.position(data.limit());
            return;
        }
        while (data.hasRemaining()) {
            int chunk = Math.min(buffer.length, data.remaining());
            data.get(buffer, 0, chunk);
            out.write(buffer, 0, chunk);
        }
    }

    /** The reading thread's batch: the answers it sends while input is left wait for its end. */
    public ReadBatch batch() {
        return batch;
    }

    @Override
    public void flush() throws IOException {
        if (batch.holdsBackFlush()) {
            return;
        }
        flushNow();
    }

    @Override
    public void flushNow() throws IOException {
        drain();
        out.flush();
        if (buffer != null) {
            // Everything is written: an idle connection keeps no write buffer.
            WRITE_BUFFERS.giveBack(buffer);
            buffer = null;
        }
    }

    private void drain() throws IOException {
        if (filled > 0) {
            int n = filled;
            filled = 0;
            out.write(buffer, 0, n);
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closing) {
                return;
            }
            closing = true;
        }
        try {
            socket.shutdownOutput();
        } catch (IOException | UnsupportedOperationException e) {
            closeSocket();
            return;
        }
        ScheduledFuture<?> timer = TimerService.schedule(this::hardClose, lingerMillis);
        synchronized (this) {
            if (socketClosed) {
                timer.cancel(false);
            } else {
                hardCloseTimer = timer;
            }
        }
    }

    @Override
    public void abort() {
        synchronized (this) {
            closing = true;
        }
        closeSocket();
    }

    /** Whether {@link #close()} was called. */
    public synchronized boolean isClosing() {
        return closing;
    }

    /** Closes the socket now; a blocked reader wakes up with an exception. */
    public void closeSocket() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Nothing is left to do with a socket that fails to close.
        }
        ScheduledFuture<?> timer;
        synchronized (this) {
            socketClosed = true;
            timer = hardCloseTimer;
            hardCloseTimer = null;
        }
        if (timer != null) {
            // A pending timer would keep the whole connection reachable until the linger time is up.
            timer.cancel(false);
        }
    }

    private void hardClose() {
        closeSocket();
        onHardClose.run();
    }

    @Override
    public synchronized void schedule(ProtocolTimer timer, long delayMillis) {
        cancel(timer);
        WebSocketProtocol target = protocol;
        timers.put(timer, TimerService.schedule(() -> target.onTimer(timer), delayMillis));
    }

    @Override
    public synchronized void cancel(ProtocolTimer timer) {
        ScheduledFuture<?> running = timers.remove(timer);
        if (running != null) {
            running.cancel(false);
        }
    }
}

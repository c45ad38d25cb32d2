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
 * <p>Writes are gathered in a small buffer until {@link #flush()}, so a frame's header and a short
 * payload leave in one segment; large payloads go straight to the socket.
 *
 * <p>Closing is graceful: {@link #close()} half-closes (the peer reads everything, then end of
 * stream) and the reading thread closes the socket when the peer's end of stream arrives; a timer
 * closes it anyway after the linger time.
 */
public final class SocketTransport implements Transport {
    private static final int BUFFER_SIZE = 4096;

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
        int n = data.remaining();
        if (buffer == null) {
            buffer = new byte[BUFFER_SIZE];
        }
        if (n > buffer.length - filled) {
            drain();
        }
        if (n >= buffer.length) {
            if (data.hasArray()) {
                out.write(data.array(), data.arrayOffset() + data.position(), n);
                data.position(data.limit());
            } else {
                while (data.hasRemaining()) {
                    int chunk = Math.min(buffer.length, data.remaining());
                    data.get(buffer, 0, chunk);
                    out.write(buffer, 0, chunk);
                }
            }
            return;
        }
        data.get(buffer, filled, n);
        filled += n;
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

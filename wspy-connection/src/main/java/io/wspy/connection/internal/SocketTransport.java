package io.wspy.connection.internal;

import io.wspy.protocol.ProtocolTimer;
import io.wspy.protocol.Transport;
import io.wspy.protocol.WebSocketProtocol;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
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
 * idle connection holds none. A socket with a channel (plain TCP accepted through a server socket
 * channel) is written through a direct buffer, a large payload a buffer at a time; otherwise the
 * part of a payload larger than the buffer goes straight to the socket's stream.
 *
 * <p>Closing is graceful: {@link #close()} half-closes (the peer reads everything, then end of
 * stream) and the reading thread closes the socket when the peer's end of stream arrives; a timer
 * closes it anyway after the linger time.
 */
public final class SocketTransport implements Transport {
    /**
     * Four 16 KiB echoes, or the first 64 KiB of a large message, per write; each pool keeps at
     * most 2 MiB for the writers to come.
     */
    private static final int WRITE_BUFFER_SIZE = 64 * 1024;
    private static final ByteBufferPool HEAP_BUFFERS = new ByteBufferPool(WRITE_BUFFER_SIZE, false, 32);
    /**
     * A socket with a channel (plain TCP accepted through a server socket channel) is written from
     * a direct buffer: the JDK copies a heap buffer or array into a temporary direct buffer of its
     * own on every write, again for what a partial write left.
     */
    private static final ByteBufferPool DIRECT_BUFFERS = new ByteBufferPool(WRITE_BUFFER_SIZE, true, 32);
    /**
     * A large payload leaves up to 1 MiB per write, as the NIO server's loop writes: on loopback
     * each write costs the kernel about as much again in the receiver's processing, whatever its
     * size (a 1 MiB echo half again as fast as in 64 KiB writes). A writer blocked on a slow client
     * holds its buffer, so at most 8 (8 MiB) are lent at a time; past that a payload goes in
     * 64 KiB writes.
     */
    private static final ByteBufferPool LARGE_DIRECT_BUFFERS = new ByteBufferPool(1024 * 1024, true, 2, 8);

    private final Socket socket;
    private final OutputStream out;
    /** The socket's channel, or null (TLS, or a socket made without one): then {@link #out}. */
    private final SocketChannel channel;
    private final ByteBufferPool writeBuffers;
    private final long lingerMillis;
    private final Map<ProtocolTimer, ScheduledFuture<?>> timers = new EnumMap<>(ProtocolTimer.class);
    private final ReadBatch batch = new ReadBatch();
    private WebSocketProtocol protocol;
    private Runnable onHardClose = () -> { };

    /** Guarded by the protocol's write lock. */
    private ByteBuffer buffer;
    private boolean closing;
    /** Guarded by this. */
    private boolean socketClosed;
    private ScheduledFuture<?> hardCloseTimer;

    /** A transport writing to {@code socket}, giving a closed peer {@code lingerMillis} to hang up. */
    public SocketTransport(Socket socket, long lingerMillis) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.channel = socket.getChannel();
        this.writeBuffers = channel == null ? HEAP_BUFFERS : DIRECT_BUFFERS;
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
            buffer = writeBuffers.take();
        }
        if (data.remaining() > buffer.remaining()) {
            // Fill the buffer first: the frame's header leaves with the start of its payload.
            putSome(data, buffer.remaining());
            drain();
            if (data.remaining() >= buffer.capacity()) {
                writeDirectly(data);
                return;
            }
        }
        buffer.put(data);
    }

    private void putSome(ByteBuffer data, int n) {
        int limit = data.limit();
        data.limit(data.position() + n);
        buffer.put(data);
        data.limit(limit);
    }

    private void writeDirectly(ByteBuffer data) throws IOException {
        if (channel == null && data.hasArray()) {
            out.write(data.array(), data.arrayOffset() + data.position(), data.remaining());
            data.position(data.limit());
            return;
        }
        if (channel != null && buffer.capacity() == WRITE_BUFFER_SIZE) {
            ByteBuffer large = LARGE_DIRECT_BUFFERS.tryTake();
            if (large != null) {
                writeBuffers.giveBack(buffer); // empty: drained before a large payload
                buffer = large;
            }
        }
        // Through the direct buffer, a chunk at a time; the tail waits there for what follows.
        while (data.remaining() >= buffer.remaining()) {
            putSome(data, buffer.remaining());
            drain();
        }
        buffer.put(data);
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
            releaseBuffer();
        }
    }

    private void drain() throws IOException {
        if (buffer == null || buffer.position() == 0) {
            return;
        }
        buffer.flip();
        try {
            if (channel != null) {
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            } else {
                out.write(buffer.array(), buffer.arrayOffset(), buffer.limit());
            }
            buffer.clear();
        } catch (IOException e) {
            // The connection is lost: its buffer goes back now, not when the collector finds it.
            releaseBuffer();
            throw e;
        }
    }

    private void releaseBuffer() {
        (buffer.capacity() == WRITE_BUFFER_SIZE ? writeBuffers : LARGE_DIRECT_BUFFERS).giveBack(buffer);
        buffer = null;
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

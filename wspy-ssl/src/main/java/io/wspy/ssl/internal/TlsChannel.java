package io.wspy.ssl.internal;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * TLS over a non-blocking byte channel, driven by an {@link SSLEngine}: reads return plaintext,
 * writes take plaintext, and neither ever blocks. It is what a selector loop (AsyncServer) puts
 * between its {@link java.nio.channels.SocketChannel} and the WebSocket handshake and protocol.
 *
 * <p>It runs the whole TLS life: the handshake (wrapping, unwrapping, and the engine's slow tasks
 * on an {@link Executor}, off the loop), records split across reads or several in one read,
 * buffers sized from the session and grown when the engine asks, and the close: {@code close_notify}
 * sent by {@link #shutdownOutput()} or {@link #close()}, the peer's {@code close_notify} (or its
 * plain end of stream) reported as {@code -1} by {@link #read}. TLS records and WebSocket frames
 * are independent: one record may carry several frames, one frame may span many records.
 *
 * <h2>Driving it from a selector loop</h2>
 * <ol>
 * <li><b>Accept.</b> Make the accepted {@code SocketChannel} non-blocking and wrap it with
 *     {@code new TlsChannel(channel, serverTls.newEngine(peer), ...)}, giving an executor for the handshake's tasks and an
 *     {@code onTasksDone} callback that queues the connection for its loop and calls
 *     {@code selector.wakeup()}. Register the socket channel with {@link #interestOps
 *     interestOps(false)} ({@code OP_READ}: the client speaks first). Start the handshake timeout
 *     now: it covers the TLS handshake and the HTTP upgrade.</li>
 * <li><b>On every event</b> of the connection (readable, writable, or the wake-up after tasks),
 *     in this order:
 *     <ol type="a">
 *     <li>{@link #flush()}: sends pending records (handshake, tickets, {@code close_notify}, or the
 *         tail of an earlier write);</li>
 *     <li>{@link #read} into the loop's buffer <em>until it returns 0</em>, handing each chunk to
 *         the {@code ServerHandshake} and, after it, to {@code WebSocketProtocol.receive}; one socket
 *         read may hold several records, so one call is not enough. {@code -1} means the peer
 *         closed: close the channel and call {@code WebSocketProtocol.transportClosed()};</li>
 *     <li>{@link #write} the plaintext queued by the loop's {@code Transport.write} until a call
 *         takes less than offered (the socket is full, or the handshake must read first);</li>
 *     <li>{@code key.interestOps(tls.interestOps(plaintext still queued))}. An interest of 0
 *         means the engine's tasks are running: {@code onTasksDone} will wake the loop.</li>
 *     </ol></li>
 * <li><b>Transport.close()</b> (the WebSocket closing handshake is over): call
 *     {@link #shutdownOutput()}; once it or a later {@link #flush()} returns {@code true}, half-close
 *     TCP and wait for the peer's end of stream under the linger timer as for plain TCP, then
 *     {@link #close()}. <b>Transport.abort()</b>: {@link #close()} at once.</li>
 * </ol>
 *
 * <p>Threading: {@link #read} is for one thread at a time (the loop); {@link #write},
 * {@link #flush()} and {@link #shutdownOutput()} may be called from other threads too (they share
 * a lock with the few writes a read must make for the handshake). {@code onTasksDone} runs on the
 * executor's thread.
 *
 * <p>Memory: two buffers of a TLS record (about 16 KiB), and a third for plaintext once a read was
 * given a buffer smaller than a record; larger read buffers receive plaintext directly.
 */
public final class TlsChannel implements ByteChannel {
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final ByteChannel channel;
    private final SSLEngine engine;
    private final Executor taskExecutor;
    private final Runnable onTasksDone;
    private final ReentrantLock readLock = new ReentrantLock();
    private final ReentrantLock writeLock = new ReentrantLock();
    private final AtomicBoolean tasksRunning = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    /** Network bytes read but not yet unwrapped, in {@code [0, position)}. Read lock. */
    private ByteBuffer netIn;
    /** Plaintext unwrapped but not yet returned, in {@code [position, limit)}. Read lock. */
    private ByteBuffer appIn = ByteBuffer.allocate(0);
    /** Network bytes wrapped but not yet written, in {@code [position, limit)}. Write lock. */
    private ByteBuffer netOut;

    private volatile boolean outputPending;
    private volatile boolean outputShut;
    private volatile boolean inputDone;
    private volatile boolean handshakeDone;

    /**
     * A TLS channel over {@code channel}; the engine's mode (client or server) and parameters are
     * set by the caller, as {@link io.wspy.ssl.ServerTls#newEngine} and
     * {@link io.wspy.ssl.ClientTls#newEngine} do.
     *
     * @param channel      a connected channel whose reads and writes return at once (a
     *                     non-blocking {@code SocketChannel})
     * @param taskExecutor runs the engine's delegated tasks; one that runs them at once (such as
     *                     {@code Runnable::run}) keeps them on the calling thread
     * @param onTasksDone  called on the executor's thread once the tasks are done; it must not call
     *                     into this channel, only get the loop to handle the connection again
     */
    public TlsChannel(ByteChannel channel, SSLEngine engine, Executor taskExecutor, Runnable onTasksDone)
            throws SSLException {
        if (channel == null || engine == null || taskExecutor == null || onTasksDone == null) {
            throw new IllegalArgumentException("channel, engine, taskExecutor and onTasksDone must be set");
        }
        this.channel = channel;
        this.engine = engine;
        this.taskExecutor = taskExecutor;
        this.onTasksDone = onTasksDone;
        int packet = engine.getSession().getPacketBufferSize();
        this.netIn = ByteBuffer.allocate(packet);
        this.netOut = ByteBuffer.allocate(packet).flip();
        engine.beginHandshake();
    }

    // ---------------------------------------------------------------- reading

    /**
     * Reads plaintext into {@code dst}, advancing the handshake as needed.
     *
     * @return the number of bytes read; 0 when nothing can be read until the next event (more
     *         network input, output room for the handshake, or the engine's tasks); -1 once the
     *         peer has closed (its {@code close_notify}, or its end of stream)
     */
    @Override
    public int read(ByteBuffer dst) throws IOException {
        readLock.lock();
        try {
            if (appIn.hasRemaining()) {
                return transfer(appIn, dst);
            }
            if (inputDone) {
                return -1;
            }
            // Told 0, the loop waits for the socket: a record unwrapped now would sit unseen in appIn.
            if (!dst.hasRemaining()) {
                return 0;
            }
            return unwrapInto(dst);
        } finally {
            readLock.unlock();
        }
    }

    private int unwrapInto(ByteBuffer dst) throws IOException {
        boolean needInput = netIn.position() == 0;
        boolean direct = true;
        while (true) {
            if (tasksRunning.get()) {
                return 0;
            }
            HandshakeStatus status = engine.getHandshakeStatus();
            if (status == HandshakeStatus.NEED_TASK) {
                startTasks();
                continue;
            }
            if (status == HandshakeStatus.NEED_WRAP) {
                if (!flush() || engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
                    return 0;
                }
                continue;
            }
            if (needInput) {
                if (!netIn.hasRemaining()) {
                    netIn = grow(netIn, engine.getSession().getPacketBufferSize(), "network input");
                }
                int n = channel.read(netIn);
                if (n < 0) {
                    return endOfStream();
                }
                if (n == 0) {
                    return 0;
                }
            }
            // Straight into the caller's buffer when a whole record fits; else through appIn.
            ByteBuffer target = direct && dst.remaining() >= engine.getSession().getApplicationBufferSize()
                    ? dst : appIn.clear();
            SSLEngineResult result;
            netIn.flip();
            try {
                result = engine.unwrap(netIn, target);
            } finally {
                netIn.compact();
                if (target == appIn) {
                    appIn.flip();
                }
            }
            noteFinished(result);
            switch (result.getStatus()) {
                case OK:
                    if (result.bytesProduced() > 0) {
                        return target == dst ? result.bytesProduced() : transfer(appIn, dst);
                    }
                    needInput = netIn.position() == 0 || result.bytesConsumed() == 0;
                    break;
                case BUFFER_UNDERFLOW:
                    needInput = true;
                    break;
                case BUFFER_OVERFLOW:
                    if (target == dst) {
                        direct = false;
                    } else {
                        appIn = grow(appIn, engine.getSession().getApplicationBufferSize(), "plaintext").flip();
                    }
                    needInput = false;
                    break;
                case CLOSED:
                    inputDone = true;
                    answerCloseNotify();
                    return -1;
                default:
                    throw new SSLException("unexpected unwrap status " + result.getStatus());
            }
        }
    }

    /** Under TLS 1.2 the engine answers the peer's close_notify with its own, if the peer still listens. */
    private void answerCloseNotify() {
        try {
            flush();
        } catch (IOException peerGone) {
            // The peer closed first; its end of the stream is what the reader must learn.
        }
    }

    /** The peer hung up; without a close_notify the engine objects, but to a reader it is the end all the same. */
    private int endOfStream() {
        inputDone = true;
        try {
            engine.closeInbound();
        } catch (SSLException truncated) {
            // The WebSocket closing handshake, not TLS, tells a clean end from a cut connection.
        }
        return -1;
    }

    // ---------------------------------------------------------------- writing

    /**
     * Encrypts and sends as much of {@code src} as the socket takes now.
     *
     * @return the plaintext bytes taken; fewer than offered (maybe 0) when the socket is full or
     *         the handshake must first read: wait for the next event, then write the rest
     * @throws ClosedChannelException after {@link #shutdownOutput()} or {@link #close()}
     */
    @Override
    public int write(ByteBuffer src) throws IOException {
        writeLock.lock();
        try {
            if (outputShut || closed.get()) {
                throw new ClosedChannelException();
            }
            return wrapFrom(src);
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Sends what is pending: the rest of an earlier write and the records the engine has to send
     * by itself (handshake messages, session tickets, {@code close_notify}).
     *
     * @return {@code true} when nothing is left to send; otherwise wait for {@code OP_WRITE}
     */
    public boolean flush() throws IOException {
        writeLock.lock();
        try {
            wrapFrom(EMPTY);
            return !netOut.hasRemaining();
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Ends the sending side the TLS way: queues {@code close_notify} and sends what it can. Writing
     * is over after this call; reading goes on until the peer closes too.
     *
     * @return {@code true} when {@code close_notify} is sent; otherwise wait for {@code OP_WRITE} and
     *         {@link #flush()} until it returns {@code true}
     */
    public boolean shutdownOutput() throws IOException {
        writeLock.lock();
        try {
            outputShut = true;
            engine.closeOutbound();
            return flush();
        } finally {
            writeLock.unlock();
        }
    }

    /** Wraps {@code src} (or only the engine's own records when it is empty) and writes; holds the write lock. */
    private int wrapFrom(ByteBuffer src) throws IOException {
        int consumed = 0;
        while (true) {
            if (!writeOut() || tasksRunning.get()) {
                return consumed;
            }
            HandshakeStatus status = engine.getHandshakeStatus();
            if (status == HandshakeStatus.NEED_TASK) {
                startTasks();
                continue;
            }
            if (status == HandshakeStatus.NEED_UNWRAP || status == HandshakeStatus.NEED_UNWRAP_AGAIN
                    || (status != HandshakeStatus.NEED_WRAP && !src.hasRemaining())) {
                return consumed;
            }
            SSLEngineResult result;
            netOut.compact();
            try {
                result = engine.wrap(src, netOut);
            } finally {
                netOut.flip();
            }
            noteFinished(result);
            consumed += result.bytesConsumed();
            switch (result.getStatus()) {
                case OK:
                    if (result.bytesConsumed() == 0 && result.bytesProduced() == 0) {
                        return consumed;
                    }
                    break;
                case BUFFER_OVERFLOW:
                    if (!netOut.hasRemaining()) {
                        netOut = grow(netOut.compact(), engine.getSession().getPacketBufferSize(), "network output")
                                .flip();
                    }
                    break;
                case CLOSED:
                    if (result.bytesProduced() == 0) {
                        writeOut();
                        if (consumed == 0 && src.hasRemaining()) {
                            throw new ClosedChannelException();
                        }
                        return consumed;
                    }
                    break;
                default:
                    throw new SSLException("unexpected wrap status " + result.getStatus());
            }
        }
    }

    /** Writes pending network bytes; {@code true} once none are left. */
    private boolean writeOut() throws IOException {
        while (netOut.hasRemaining()) {
            if (channel.write(netOut) == 0) {
                outputPending = true;
                return false;
            }
        }
        outputPending = false;
        return true;
    }

    // ---------------------------------------------------------------- the loop's questions

    /**
     * The {@link SelectionKey} operations to wait for: {@code OP_READ} until the peer has closed,
     * {@code OP_WRITE} while records wait for room in the socket or the engine has some to make,
     * and also when {@code plaintextQueued} and writing can go on (not while the handshake waits
     * to read). 0 while the engine's tasks run: {@code onTasksDone} wakes the loop.
     */
    public int interestOps(boolean plaintextQueued) {
        if (tasksRunning.get() || closed.get()) {
            return 0;
        }
        HandshakeStatus status = engine.getHandshakeStatus();
        int ops = inputDone ? 0 : SelectionKey.OP_READ;
        boolean canWrite = !outputShut && status != HandshakeStatus.NEED_UNWRAP
                && status != HandshakeStatus.NEED_UNWRAP_AGAIN;
        if (outputPending || status == HandshakeStatus.NEED_WRAP || (plaintextQueued && canWrite)) {
            ops |= SelectionKey.OP_WRITE;
        }
        return ops;
    }

    /** Whether the first handshake has completed. */
    public boolean isHandshakeComplete() {
        return handshakeDone;
    }

    /** Whether the engine's delegated tasks are running. */
    public boolean isTaskRunning() {
        return tasksRunning.get();
    }

    /** The TLS session: protocol, cipher suite, the peer's certificates once the handshake is done. */
    public SSLSession session() {
        return engine.getSession();
    }

    // ---------------------------------------------------------------- closing

    /** Whether {@link #close()} has not been called and the channel is open. */
    @Override
    public boolean isOpen() {
        return !closed.get() && channel.isOpen();
    }

    /**
     * Sends {@code close_notify} if the socket takes it at once, then closes the channel: for a
     * peer that is gone or an abort. For a graceful end use {@link #shutdownOutput()} first.
     */
    @Override
    public void close() throws IOException {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        writeLock.lock();
        try {
            if (!outputShut) {
                outputShut = true;
                engine.closeOutbound();
                wrapFrom(EMPTY);
            }
        } catch (IOException peerGone) {
            // Nothing more can be said to this peer; the channel closes all the same.
        } finally {
            writeLock.unlock();
            channel.close();
        }
    }

    // ---------------------------------------------------------------- helpers

    private void startTasks() throws SSLException {
        if (!tasksRunning.compareAndSet(false, true)) {
            return;
        }
        try {
            taskExecutor.execute(this::runTasks);
        } catch (RejectedExecutionException e) {
            tasksRunning.set(false);
            throw new SSLException("the executor refused the TLS handshake's tasks", e);
        }
    }

    private void runTasks() {
        try {
            for (Runnable task = engine.getDelegatedTask(); task != null; task = engine.getDelegatedTask()) {
                task.run();
            }
        } finally {
            tasksRunning.set(false);
            onTasksDone.run();
        }
    }

    private void noteFinished(SSLEngineResult result) {
        if (result.getHandshakeStatus() == HandshakeStatus.FINISHED) {
            handshakeDone = true;
        }
    }

    private static int transfer(ByteBuffer from, ByteBuffer to) {
        int n = Math.min(from.remaining(), to.remaining());
        int limit = from.limit();
        from.limit(from.position() + n);
        to.put(from);
        from.limit(limit);
        return n;
    }

    /**
     * A larger copy of {@code buffer} (in write mode), as large as the session now says it must be;
     * the engine asking for more than that is an error, so growth is bounded.
     */
    private static ByteBuffer grow(ByteBuffer buffer, int sessionSize, String what) throws SSLException {
        if (sessionSize <= buffer.capacity()) {
            throw new SSLException("the TLS engine wants more " + what + " room than its session's "
                    + sessionSize + " bytes");
        }
        return ByteBuffer.allocate(sessionSize).put(buffer.flip());
    }
}

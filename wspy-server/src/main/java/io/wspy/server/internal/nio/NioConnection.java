package io.wspy.server.internal.nio;

import io.wspy.frame.CloseCode;
import io.wspy.frame.Role;
import io.wspy.handshake.HttpResponse;
import io.wspy.handshake.ServerHandshake;
import io.wspy.protocol.Message;
import io.wspy.protocol.ProtocolTimer;
import io.wspy.protocol.WebSocketProtocol;
import io.wspy.server.internal.ClientLink;
import io.wspy.server.internal.ClientSession;
import io.wspy.server.internal.ServerContext;

import javax.net.ssl.SSLSession;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.List;

/**
 * The NIO driver of one client, from its first byte to its close: the non-blocking handshake,
 * then the protocol fed from the loop's shared read buffer, output through its
 * {@link NioTransport}, and the graceful close. Once the handshake is accepted, the client's
 * {@link ClientSession} holds what handlers see; this class only moves its bytes.
 *
 * <p>Everything but the transport's queueing runs on the connection's selector loop.
 */
final class NioConnection implements ClientLink, ChannelDriver {
    static final String OVERFLOW_REASON = "outbound queue full";
    private static final System.Logger LOG = System.getLogger("io.wspy.server");
    private static final int MAX_READS_PER_EVENT = 4;

    /** Where the connection stands. */
    private enum Phase {
        /** Reading the upgrade request. */
        HANDSHAKE,
        /** The request is read; the handler executor decides on it (the authenticator may block). Not read meanwhile. */
        DECIDING,
        /** The WebSocket protocol runs. */
        OPEN,
        /** An HTTP answer (a rejection, a plain request's response) is on its way; then the channel closes. */
        RESPONDING,
        /** The channel is closed. */
        CLOSED
    }

    private final SelectorLoop loop;
    private final LoopHost engine;
    private final ServerContext context;
    private final ChannelIO io;
    /** TLS: input may wait inside {@link #io}, unseen by the selector (see {@link ChannelIO#buffersInput()}). */
    private final boolean buffersInput;
    private final NioTransport transport;
    private final InetSocketAddress remoteAddress;
    private final InetSocketAddress localAddress;
    private final boolean overLimit;
    private final long acceptedAt;

    /** Loop state. */
    boolean dirty;
    private SelectionKey key;
    private Phase phase = Phase.HANDSHAKE;
    private int interest = SelectionKey.OP_READ;
    private OpeningStage handshake;
    /** Why reading or writing failed, for an opening stage that reports it. */
    private Throwable failure;
    private boolean writeBlocked;
    private boolean readPaused;
    /** Not read while its outbound queue is at the limit: a peer that reads nothing cannot make it grow (pongs). */
    private boolean outputBacklogged;
    private boolean endOfStream;
    private boolean outputShut;
    private TimerQueue.Timer lingerTimer;
    /** The protocol's timers (see {@link ProtocolTimers}). */
    private TimerQueue.Timer[] timers;

    /** Made on the first send from another thread: an idle connection carries none (16 B each). */
    private Runnable flushTask;

    /** Set once the handshake is accepted, before the client is visible to anyone. */
    private volatile WebSocketProtocol protocol;
    private volatile ClientSession session;

    NioConnection(SelectorLoop loop, LoopHost engine, SocketChannel channel, boolean overLimit) throws IOException {
        this.loop = loop;
        this.engine = engine;
        this.context = engine.context();
        this.io = engine.open(channel, this::wakeUp);
        this.buffersInput = io.buffersInput();
        this.overLimit = overLimit;
        this.remoteAddress = address(channel, true);
        this.localAddress = address(channel, false);
        this.transport = new NioTransport(this, engine.config().maxQueuedBytes(), engine.config().slowReaderPolicy(),
                engine.config().blockTimeout().toNanos(), engine.options().protocol().metrics());
        this.handshake = engine.openingStage(this, loop, overLimit);
        this.acceptedAt = loop.now();
    }

    /** The peer's or this end's address, or {@code null} if the channel no longer knows it. */
    private static InetSocketAddress address(SocketChannel channel, boolean remote) {
        try {
            return (InetSocketAddress) (remote ? channel.getRemoteAddress() : channel.getLocalAddress());
        } catch (IOException e) {
            return null;
        }
    }

    void registered(SelectionKey selectionKey) {
        this.key = selectionKey;
    }

    // ---------------------------------------------------------------- loop: reading

    void onReady(SelectionKey ready) {
        if (buffersInput) {
            onAnyEvent();
            return;
        }
        int ops = ready.readyOps();
        if ((ops & SelectionKey.OP_WRITE) != 0) {
            writeBlocked = false;
            flushOnLoop();
        }
        if ((ops & SelectionKey.OP_READ) != 0 && phase != Phase.CLOSED) {
            onReadable();
        }
    }

    /**
     * TLS: whatever the event (readable, writable, or the handshake's tasks done), flush, read
     * until nothing is left, write, and take the interest from the TLS engine: records already
     * read may wait inside the stream, and the handshake may need to write in order to read.
     */
    private void onAnyEvent() {
        if (phase == Phase.CLOSED) {
            return;
        }
        writeBlocked = false;
        flushOnLoop();
        if (wantsInput()) {
            onReadable();
        }
    }

    /** TLS: called on a TLS thread when the handshake's tasks are done. */
    private void wakeUp() {
        loop.execute(() -> SelectorLoop.guarded(this, this::onAnyEvent));
    }

    private void onReadable() {
        if (readInput() && phase != Phase.CLOSED) {
            // The other connections of this loop first; the rest of this TLS input in the next round.
            loop.executeNextRound(() -> SelectorLoop.guarded(this, this::onAnyEvent));
        }
        if (buffersInput) {
            updateInterest();
        }
    }

    /** Reads and handles input; returns whether a TLS stream may hold more (a bound on reads per event was hit). */
    private boolean readInput() {
        if (phase == Phase.DECIDING) {
            return false;
        }
        ByteBuffer buffer = loop.readBuffer();
        for (int round = 0; round < MAX_READS_PER_EVENT; round++) {
            buffer.clear();
            int n;
            try {
                n = io.read(buffer);
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "reading {0} failed: {1}", this, e.toString());
                failure = e;
                closeChannel();
                return false;
            }
            if (io.hasPendingOutput()) {
                // Reading made output of the stream's own (a TLS handshake message): send it.
                loop.markDirty(this);
            }
            if (n < 0) {
                onEndOfStream();
                return false;
            }
            if (n == 0) {
                return false;
            }
            if (session != null) {
                session.inputArrived(loop.now());
            }
            buffer.flip();
            if (phase == Phase.HANDSHAKE && handshake.receive(buffer)) {
                handshake = null;
            }
            if (phase == Phase.OPEN && buffer.hasRemaining()) {
                protocol.receive(buffer);
                if (transport.queuedBytes() >= engine.config().maxQueuedBytes()) {
                    outputBacklogged = true;
                    updateInterest();
                    return false;
                }
            }
            // A short plain read drained the socket; a TLS stream is drained only when a read returns 0.
            if (!wantsInput() || !buffersInput && n < buffer.capacity()) {
                return false;
            }
        }
        return buffersInput;
    }

    private void onEndOfStream() {
        endOfStream = true;
        updateInterest();
        if (phase == Phase.HANDSHAKE) {
            closeChannel();
        } else if (session != null) {
            // Events still queued for the handler may answer the client, which can still read.
            session.afterQueuedEvents(() -> loop.runOnLoop(this::continueClosing));
        } else {
            continueClosing();
        }
    }

    // ---------------------------------------------------------------- loop: handshake

    /** Loop: the request is read and is being decided off the loop; the connection is not read meanwhile. */
    void decidingOffLoop() {
        phase = Phase.DECIDING;
        updateInterest();
    }

    /**
     * Loop: the handshake succeeded. Frames that came with the request are left in the loop's
     * buffer for the protocol, or, when decided off the loop, in {@code early}.
     */
    void accepted(ServerHandshake.Accepted accepted, ByteBuffer early) {
        if (phase != Phase.CLOSED) {
            writeHandshake(accepted.response().toBytes());
        }
        open(Role.SERVER, new ClientSession.Accepted(accepted.request(), accepted.user(), accepted.subprotocol(),
                accepted.extensions(), accepted.attachment()), early);
    }

    /** Loop: queues handshake bytes (a request, a response) ahead of any frame. */
    void writeHandshake(byte[] bytes) {
        transport.write(ByteBuffer.wrap(bytes));
        transport.flush();
    }

    /**
     * Loop: the handshake is done, on either end; the protocol runs from {@code early} on (may be
     * {@code null}).
     */
    void open(Role role, ClientSession.Accepted accepted, ByteBuffer early) {
        if (phase == Phase.CLOSED) {
            // Closed while deciding (the handshake timeout, the server stopping).
            accepted.extensions().close();
            return;
        }
        ClientSession client = new ClientSession(context, this, accepted, engine.handlerExecutor(), loop.now());
        WebSocketProtocol p = new WebSocketProtocol(role, engine.options().protocol(), accepted.extensions(),
                transport, client);
        protocol = p;
        session = client;
        boolean wasDeciding = phase == Phase.DECIDING;
        phase = Phase.OPEN;
        client.open(p);
        if (early != null && early.hasRemaining()) {
            p.receive(early);
        }
        if (wasDeciding) {
            updateInterest();
            if (buffersInput) {
                // Records read with the request wait inside the TLS stream, unseen by the selector.
                onAnyEvent();
            }
        }
    }

    /** Loop: sends an HTTP response, then closes. */
    void respond(HttpResponse response) {
        if (phase == Phase.CLOSED) {
            return;
        }
        phase = Phase.RESPONDING;
        transport.write(ByteBuffer.wrap(response.toBytes()));
        transport.close();
    }

    // ---------------------------------------------------------------- loop: writing and closing

    private void runFlushTask() {
        transport.flushTaskStarted();
        flushOnLoop();
    }

    /** Writes queued output if the channel can take it, then moves the close along. */
    void flushOnLoop() {
        if (phase == Phase.CLOSED) {
            return;
        }
        if (!writeBlocked) {
            boolean empty;
            try {
                if (io.hasPendingOutput()) {
                    io.flushPendingOutput();
                }
                ByteBuffer staging = io.isSecure() ? null : loop.writeStaging(transport.queuedBytes());
                empty = transport.writeTo(io, loop.writeBatch(), staging) && !io.hasPendingOutput();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "writing {0} failed: {1}", this, e.toString());
                failure = e;
                closeChannel();
                return;
            }
            writeBlocked = !empty;
            if (outputBacklogged && transport.queuedBytes() < engine.config().maxQueuedBytes()) {
                outputBacklogged = false;
                if (buffersInput) {
                    // Records read before the backlog wait inside the TLS stream, unseen by the selector.
                    loop.executeNextRound(() -> SelectorLoop.guarded(this, this::onAnyEvent));
                }
            }
            updateInterest();
            List<Message> sent = transport.takeSent();
            for (Message m : sent) {
                session.written(m);
            }
        }
        continueClosing();
    }

    private void continueClosing() {
        if (phase == Phase.CLOSED || !endOfStream && !transport.closeRequested()) {
            return;
        }
        if (lingerTimer == null) {
            // However the peer behaves, the connection is gone after the close timeout.
            lingerTimer = loop.schedule(engine.options().protocol().closeTimeout().toMillis(), this::closeChannel);
        }
        if (writeBlocked || !transport.isEmpty()) {
            return;
        }
        if (endOfStream) {
            closeChannel();
            return;
        }
        if (!outputShut) {
            outputShut = true;
            try {
                io.shutdownOutput();
            } catch (IOException e) {
                closeChannel();
                return;
            }
            if (io.hasPendingOutput()) {
                // TLS: close_notify waits for room in the socket, and the FIN behind it.
                writeBlocked = true;
                updateInterest();
            }
        }
    }

    /** Closes the channel now and reports the close. Idempotent; loop thread only. */
    void closeChannel() {
        if (phase == Phase.CLOSED) {
            return;
        }
        boolean opening = phase == Phase.HANDSHAKE || phase == Phase.DECIDING;
        phase = Phase.CLOSED;
        if (key != null) {
            key.cancel();
        }
        io.close();
        cancelTimers();
        transport.release();
        WebSocketProtocol p = protocol;
        if (p != null) {
            p.transportClosed();
        }
        engine.connectionGone(overLimit);
        if (opening && handshake != null) {
            // Last: whoever hears of it finds the connection gone.
            handshake.closedEarly(failure);
        }
    }

    /** Whether the connection is to be read now. */
    private boolean wantsInput() {
        return !readPaused && !outputBacklogged && !endOfStream && phase != Phase.CLOSED && phase != Phase.DECIDING;
    }

    private void updateInterest() {
        if (key == null || !key.isValid()) {
            return;
        }
        int wanted = io.interestOps(wantsInput(), writeBlocked);
        if (wanted != interest) {
            interest = wanted;
            key.interestOps(wanted);
        }
    }

    // ---------------------------------------------------------------- loop: timers and deadlines

    /** Closes a connection whose handshake or silence lasted too long. */
    void sweep(long now) {
        if ((phase == Phase.HANDSHAKE || phase == Phase.DECIDING)
                && now - acceptedAt >= engine.options().handshakeTimeout().toMillis()) {
            LOG.log(System.Logger.Level.DEBUG, "handshake with {0} timed out", remoteAddress);
            failure = new SocketTimeoutException("handshake timed out");
            closeChannel();
        } else if (phase == Phase.OPEN && session.claimIdleClose(now, engine.idleMillis())) {
            session.idleOut();
        }
    }

    /** The server is stopping. */
    void goingAway() {
        if (phase == Phase.HANDSHAKE || phase == Phase.DECIDING) {
            closeChannel();
        } else if (phase == Phase.OPEN) {
            session.goingAway();
        }
    }

    @Override
    public boolean inLoop() {
        return loop.inLoop();
    }

    @Override
    public void flushAtEndOfRound() {
        loop.markDirty(this);
    }

    @Override
    public void flushFromElsewhere() {
        Runnable task = flushTask;
        if (task == null) {
            // Two senders may each make one: either does, so no lock is needed.
            task = this::runFlushTask;
            flushTask = task;
        }
        loop.execute(task);
    }

    @Override
    public void scheduleTimer(ProtocolTimer timer, long delayMillis) {
        loop.runOnLoop(() -> {
            if (phase != Phase.CLOSED) {
                timers = ProtocolTimers.schedule(timers, loop, timer, delayMillis, this);
            }
        });
    }

    @Override
    public void cancelTimer(ProtocolTimer timer) {
        loop.runOnLoop(() -> ProtocolTimers.cancel(timers, timer));
    }

    /** Loop: a timer scheduled through {@link ProtocolTimers} is due. */
    void fireTimer(ProtocolTimer timer) {
        ProtocolTimers.fired(timers, timer);
        WebSocketProtocol p = protocol;
        if (phase != Phase.CLOSED && p != null) {
            p.onTimer(timer);
        }
    }

    private void cancelTimers() {
        ProtocolTimers.cancelAll(timers);
        timers = null;
        if (lingerTimer != null) {
            lingerTimer.cancel();
        }
    }

    // ---------------------------------------------------------------- ClientLink (any thread)

    @Override
    public boolean admit() throws IOException {
        return transport.admit();
    }

    @Override
    public void markSent(Message message) {
        transport.markSent(message);
    }

    @Override
    public long bufferedAmount() {
        return transport.queuedBytes();
    }

    @Override
    public void abort() {
        transport.close();
    }

    @Override
    public void pauseReading() {
        if (!readPaused) {
            readPaused = true;
            updateInterest();
        }
    }

    @Override
    public void resumeReading() {
        loop.execute(this::resumeIfDrained);
    }

    private void resumeIfDrained() {
        if (readPaused && session.backlogDrained()) {
            readPaused = false;
            updateInterest();
            if (buffersInput) {
                // Records read before the pause wait inside the TLS stream, unseen by the selector.
                onAnyEvent();
            }
        }
    }

    @Override
    public void overflowed() {
        LOG.log(System.Logger.Level.DEBUG, "{0} reads too slowly: closing it with 1008", this);
        session.fail(CloseCode.POLICY_VIOLATION, OVERFLOW_REASON);
    }

    @Override
    public boolean onSelectorThread() {
        return engine.onSelectorThread();
    }

    @Override
    public boolean isSecure() {
        return io.isSecure();
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return remoteAddress;
    }

    @Override
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    @Override
    public SSLSession sslSession() {
        return io.sslSession();
    }

    @Override
    public String toString() {
        return "Client[" + remoteAddress + "]";
    }
}

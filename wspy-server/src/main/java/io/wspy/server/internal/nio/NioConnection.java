package io.wspy.server.internal.nio;

import io.wspy.connection.Session;
import io.wspy.frame.CloseCode;
import io.wspy.frame.CloseStatus;
import io.wspy.frame.ProtocolException;
import io.wspy.frame.Role;
import io.wspy.frame.extension.ExtensionChain;
import io.wspy.handshake.HandshakeException;
import io.wspy.handshake.HttpHeaders;
import io.wspy.handshake.HttpRequest;
import io.wspy.handshake.HttpRequestParser;
import io.wspy.handshake.HttpResponse;
import io.wspy.handshake.ServerHandshake;
import io.wspy.protocol.Message;
import io.wspy.protocol.MessageAssembler;
import io.wspy.protocol.PreparedMessage;
import io.wspy.protocol.ProtocolListener;
import io.wspy.protocol.ProtocolTimer;
import io.wspy.protocol.WebSocketProtocol;
import io.wspy.server.internal.Overload;
import io.wspy.server.internal.ServerContext;

import javax.net.ssl.SSLSession;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One client of the NIO server, from its first byte to its close: the non-blocking handshake,
 * then the protocol fed from the loop's shared read buffer, output through its
 * {@link NioTransport}, and the graceful close. Also the {@link Session} handlers see.
 *
 * <p>Everything but the {@code Session} methods and the transport's queueing runs on the
 * connection's selector loop. Handler events run there too, or on the engine's executor through a
 * per-connection {@link SerialExecutor}, in order.
 */
final class NioConnection implements Session, ProtocolListener {
    static final String OVERFLOW_REASON = "outbound queue full";
    private static final System.Logger LOG = System.getLogger("io.wspy.server");
    private static final int MAX_READS_PER_EVENT = 4;
    private static final int HANDSHAKE = 0;
    private static final int OPEN = 1;
    private static final int RESPONDING = 2;
    private static final int CLOSED = 3;

    final SelectorLoop loop;
    final Runnable flushTask = this::runFlushTask;
    private final NioEngine engine;
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
    private int phase = HANDSHAKE;
    private int interest = SelectionKey.OP_READ;
    private ServerHandshake handshake;
    private long lastRead;
    private boolean writeBlocked;
    private boolean readPaused;
    /** Not read while its outbound queue is at the limit: a peer that reads nothing cannot make it grow (pongs). */
    private boolean outputBacklogged;
    private boolean endOfStream;
    private boolean outputShut;
    private boolean idleClosing;
    private TimerQueue.Timer[] timers;
    private TimerQueue.Timer lingerTimer;
    private MessageAssembler assembler;

    /** Set once the handshake is accepted, before the client is visible to anyone. */
    private volatile WebSocketProtocol protocol;
    /** The upgrade request while the client opens; afterwards its bytes, parsed again when asked for. */
    private volatile Object request;
    private String user;
    private String subprotocol;
    private ExtensionChain extensions;
    private SerialExecutor serial;
    private AtomicLong pendingInbound;
    private volatile Object attachment;

    NioConnection(SelectorLoop loop, NioEngine engine, SocketChannel channel, boolean overLimit) throws IOException {
        this.loop = loop;
        this.engine = engine;
        this.context = engine.context();
        this.io = engine.open(channel, this::wakeUp);
        this.buffersInput = io.buffersInput();
        this.overLimit = overLimit;
        this.remoteAddress = address(channel, true);
        this.localAddress = address(channel, false);
        this.transport = new NioTransport(this, engine.config().maxQueuedBytes(), engine.config().slowReaderPolicy(),
                engine.config().blockTimeout().toNanos());
        this.handshake = new ServerHandshake(engine.options().handshake());
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
        if ((ops & SelectionKey.OP_READ) != 0 && phase != CLOSED) {
            onReadable();
        }
    }

    /**
     * TLS: whatever the event (readable, writable, or the handshake's tasks done), flush, read
     * until nothing is left, write, and take the interest from the TLS engine: records already
     * read may wait inside the stream, and the handshake may need to write in order to read.
     */
    private void onAnyEvent() {
        if (phase == CLOSED) {
            return;
        }
        writeBlocked = false;
        flushOnLoop();
        if (phase != CLOSED && !readPaused && !outputBacklogged && !endOfStream) {
            onReadable();
        }
    }

    /** TLS: called on a TLS thread when the handshake's tasks are done. */
    private void wakeUp() {
        loop.execute(() -> SelectorLoop.guarded(this, this::onAnyEvent));
    }

    private void onReadable() {
        if (readInput() && phase != CLOSED) {
            // The other connections of this loop first; the rest of this TLS input in the next round.
            loop.executeNextRound(() -> SelectorLoop.guarded(this, this::onAnyEvent));
        }
        if (buffersInput) {
            updateInterest();
        }
    }

    /** Reads and handles input; returns whether a TLS stream may hold more (a bound on reads per event was hit). */
    private boolean readInput() {
        ByteBuffer buffer = loop.readBuffer();
        for (int round = 0; round < MAX_READS_PER_EVENT; round++) {
            buffer.clear();
            int n;
            try {
                n = io.read(buffer);
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "reading {0} failed: {1}", this, e.toString());
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
            lastRead = loop.now();
            buffer.flip();
            if (phase == HANDSHAKE) {
                handshake(buffer);
            }
            if (phase == OPEN && buffer.hasRemaining()) {
                protocol.receive(buffer);
                if (transport.queuedBytes() >= engine.config().maxQueuedBytes()) {
                    outputBacklogged = true;
                    updateInterest();
                    return false;
                }
            }
            // A short plain read drained the socket; a TLS stream is drained only when a read returns 0.
            if (phase == CLOSED || readPaused || endOfStream || !buffersInput && n < buffer.capacity()) {
                return false;
            }
        }
        return buffersInput;
    }

    private void onEndOfStream() {
        endOfStream = true;
        updateInterest();
        if (phase == HANDSHAKE) {
            closeChannel();
        } else if (serial != null) {
            // Events still queued for the handler may answer the client, which can still read.
            serial.execute(() -> loop.execute(this::continueClosing));
        } else {
            continueClosing();
        }
    }

    // ---------------------------------------------------------------- loop: handshake

    private void handshake(ByteBuffer in) {
        ServerHandshake.Outcome outcome = handshake.receive(in);
        if (outcome == null) {
            return;
        }
        handshake = null;
        if (overLimit) {
            respond(Overload.response());
        } else if (outcome instanceof ServerHandshake.Accepted) {
            open((ServerHandshake.Accepted) outcome);
        } else if (outcome instanceof ServerHandshake.Rejected) {
            ServerHandshake.Rejected rejected = (ServerHandshake.Rejected) outcome;
            LOG.log(System.Logger.Level.DEBUG, "handshake from {0} answered {1}: {2}", remoteAddress,
                    rejected.reason().status(), rejected.reason().getMessage());
            respond(rejected.response());
        } else {
            serveHttp(outcome.request());
        }
    }

    /** The handshake succeeded; frames that came with it are left in the buffer for the protocol. */
    private void open(ServerHandshake.Accepted accepted) {
        HttpRequest upgrade = accepted.request();
        request = upgrade;
        user = accepted.user();
        subprotocol = accepted.subprotocol();
        extensions = accepted.extensions();
        transport.write(ByteBuffer.wrap(accepted.response().toBytes()));
        transport.flush();
        if (engine.handlerExecutor() != null) {
            serial = new SerialExecutor(engine.handlerExecutor());
            pendingInbound = new AtomicLong();
        }
        WebSocketProtocol p = new WebSocketProtocol(Role.SERVER, engine.options().protocol(), extensions, transport,
                this);
        protocol = p;
        phase = OPEN;
        dispatch(() -> {
            try {
                context.opened(this);
            } finally {
                // Most handlers read the request in onOpen: an idle client keeps it compact.
                request = upgrade.toBytes();
            }
        }, 0);
        p.start();
        if (engine.isStopping()) {
            closeQuietly(CloseCode.GOING_AWAY, ServerContext.SHUTDOWN_REASON);
        }
    }

    private void serveHttp(HttpRequest plain) {
        phase = RESPONDING;
        if (engine.handlerExecutor() == null) {
            respond(answer(plain));
        } else {
            engine.handlerExecutor().execute(() -> {
                HttpResponse response = answer(plain);
                loop.execute(() -> respond(response));
            });
        }
    }

    private HttpResponse answer(HttpRequest plain) {
        try {
            return engine.options().httpHandler().handle(plain);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "HTTP handler failed for " + plain.method() + " " + plain.target(), e);
            return HttpResponse.error(500, "the server failed to answer", HttpHeaders.empty());
        }
    }

    /** Sends an HTTP response, then closes. */
    private void respond(HttpResponse response) {
        if (phase == CLOSED) {
            return;
        }
        phase = RESPONDING;
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
        if (phase == CLOSED) {
            return;
        }
        if (!writeBlocked) {
            boolean empty;
            try {
                if (io.hasPendingOutput()) {
                    io.flushPendingOutput();
                }
                empty = transport.writeTo(io, loop.writeBatch()) && !io.hasPendingOutput();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "writing {0} failed: {1}", this, e.toString());
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
                dispatch(() -> context.sent(this, m), 0);
            }
        }
        continueClosing();
    }

    private void continueClosing() {
        if (phase == CLOSED || !endOfStream && !transport.closeRequested()) {
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
        if (phase == CLOSED) {
            return;
        }
        phase = CLOSED;
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
    }

    private void updateInterest() {
        if (key == null || !key.isValid()) {
            return;
        }
        int wanted = io.interestOps(!readPaused && !outputBacklogged && !endOfStream && phase != CLOSED, writeBlocked);
        if (wanted != interest) {
            interest = wanted;
            key.interestOps(wanted);
        }
    }

    // ---------------------------------------------------------------- loop: timers and deadlines

    /** Closes a connection whose handshake or silence lasted too long. */
    void sweep(long now) {
        if (phase == HANDSHAKE && now - acceptedAt >= engine.options().handshakeTimeout().toMillis()) {
            LOG.log(System.Logger.Level.DEBUG, "handshake from {0} timed out", remoteAddress);
            closeChannel();
        } else if (phase == OPEN && !idleClosing && engine.idleMillis() > 0 && now - lastRead >= engine.idleMillis()) {
            idleClosing = true;
            closeQuietly(CloseCode.GOING_AWAY, ServerContext.IDLE_REASON);
        }
    }

    /** The server is stopping. */
    void goingAway() {
        if (phase == HANDSHAKE) {
            closeChannel();
        } else if (phase == OPEN) {
            closeQuietly(CloseCode.GOING_AWAY, ServerContext.SHUTDOWN_REASON);
        }
    }

    void scheduleProtocolTimer(ProtocolTimer timer, long delayMillis) {
        if (phase == CLOSED) {
            return;
        }
        cancelProtocolTimer(timer);
        if (timers == null) {
            timers = new TimerQueue.Timer[ProtocolTimer.values().length];
        }
        int slot = timer.ordinal();
        timers[slot] = loop.schedule(delayMillis, () -> {
            timers[slot] = null;
            WebSocketProtocol p = protocol;
            if (phase != CLOSED && p != null) {
                p.onTimer(timer);
            }
        });
    }

    void cancelProtocolTimer(ProtocolTimer timer) {
        if (timers != null && timers[timer.ordinal()] != null) {
            timers[timer.ordinal()].cancel();
            timers[timer.ordinal()] = null;
        }
    }

    private void cancelTimers() {
        if (timers != null) {
            for (TimerQueue.Timer t : timers) {
                if (t != null) {
                    t.cancel();
                }
            }
            timers = null;
        }
        if (lingerTimer != null) {
            lingerTimer.cancel();
        }
    }

    // ---------------------------------------------------------------- events

    @Override
    public void onMessageStart(int opcode) {
        if (assembler == null) {
            assembler = new MessageAssembler(this::messageArrived);
        }
        assembler.start(opcode);
    }

    @Override
    public void onMessageData(ByteBuffer data) {
        assembler.data(data);
    }

    @Override
    public void onMessageEnd() {
        assembler.end();
    }

    private void messageArrived(Message message) {
        dispatch(() -> context.message(this, message), message.length());
    }

    @Override
    public void onPing(ByteBuffer payload) {
        byte[] bytes = bytes(payload);
        dispatch(() -> context.ping(this, bytes), 0);
    }

    @Override
    public void onPong(ByteBuffer payload) {
        byte[] bytes = bytes(payload);
        dispatch(() -> context.pong(this, bytes), 0);
    }

    @Override
    public void onProtocolError(ProtocolException error) {
        dispatch(() -> context.error(this, error), 0);
    }

    @Override
    public void onClose(CloseStatus status) {
        dispatch(() -> context.closed(this, status.code(), status.reason()), 0);
    }

    /**
     * Runs an event on the loop, or queues it behind the client's earlier events on the executor.
     * {@code weight} counts towards the inbound backlog that pauses reading.
     */
    private void dispatch(Runnable event, long weight) {
        if (serial == null) {
            runGuarded(event);
            return;
        }
        if (weight > 0 && pendingInbound.addAndGet(weight) > engine.config().maxPendingInboundBytes() && !readPaused) {
            readPaused = true;
            updateInterest();
        }
        serial.execute(() -> {
            runGuarded(event);
            if (weight > 0 && pendingInbound.addAndGet(-weight) <= engine.config().maxPendingInboundBytes() / 2) {
                loop.execute(this::resumeReading);
            }
        });
    }

    private void resumeReading() {
        if (readPaused && pendingInbound.get() <= engine.config().maxPendingInboundBytes() / 2) {
            readPaused = false;
            updateInterest();
            if (buffersInput) {
                // Records read before the pause wait inside the TLS stream, unseen by the selector.
                onAnyEvent();
            }
        }
    }

    private void runGuarded(Runnable event) {
        try {
            event.run();
        } catch (RuntimeException e) {
            context.error(this, e);
            WebSocketProtocol p = protocol;
            if (p != null) {
                p.fail(CloseCode.INTERNAL_ERROR, "internal error");
            }
        }
    }

    private static byte[] bytes(ByteBuffer payload) {
        byte[] b = new byte[payload.remaining()];
        payload.get(payload.position(), b);
        return b;
    }

    // ---------------------------------------------------------------- Session (any thread)

    @Override
    public void send(Message message) throws IOException {
        WebSocketProtocol p = protocol;
        if (!transport.admit()) {
            dropped(message);
            return;
        }
        p.send(message);
        if (context.wantsSent()) {
            transport.markSent(message);
        }
    }

    /** Sends a broadcast message prepared once for every client. */
    void send(PreparedMessage message) throws IOException {
        WebSocketProtocol p = protocol;
        if (!transport.admit()) {
            dropped(message.message());
            return;
        }
        p.send(message);
        if (context.wantsSent()) {
            transport.markSent(message.message());
        }
    }

    private void dropped(Message message) {
        LOG.log(System.Logger.Level.DEBUG, "{0} reads too slowly: a {1}-byte message was dropped", this,
                message.length());
    }

    /** The outbound queue overflowed under the CLOSE policy (or BLOCK timed out). */
    void overflowed() {
        LOG.log(System.Logger.Level.DEBUG, "{0} reads too slowly: closing it with 1008", this);
        protocol.fail(CloseCode.POLICY_VIOLATION, OVERFLOW_REASON);
    }

    /** Whether the calling thread is one of the server's selector loops, which must never wait. */
    boolean onSelectorThread() {
        return engine.onSelectorThread();
    }

    @Override
    public void ping(byte[] payload) throws IOException {
        protocol.ping(ByteBuffer.wrap(payload));
    }

    @Override
    public void pong(byte[] payload) throws IOException {
        protocol.pong(ByteBuffer.wrap(payload));
    }

    @Override
    public void close(int code, String reason) throws IOException {
        protocol.close(code, reason);
    }

    private void closeQuietly(int code, String reason) {
        try {
            protocol.close(code, reason);
        } catch (IOException e) {
            transport.close();
        }
    }

    @Override
    public boolean isOpen() {
        WebSocketProtocol p = protocol;
        return p != null && p.state() == WebSocketProtocol.State.OPEN;
    }

    @Override
    public long bufferedAmount() {
        return transport.queuedBytes();
    }

    /** The upgrade request; after {@code onOpen}, a new copy parsed from its bytes on each call. */
    @Override
    public HttpRequest request() {
        Object r = request;
        if (r instanceof HttpRequest) {
            return (HttpRequest) r;
        }
        try {
            return new HttpRequestParser(engine.options().handshake().limits()).parse(ByteBuffer.wrap((byte[]) r));
        } catch (HandshakeException e) {
            throw new IllegalStateException("a request that was accepted no longer parses", e);
        }
    }

    @Override
    public String user() {
        return user;
    }

    @Override
    public String subprotocol() {
        return subprotocol;
    }

    @Override
    public String extensions() {
        return extensions == null ? null : extensions.responseHeader();
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
    public boolean isSecure() {
        return io.isSecure();
    }

    @Override
    public SSLSession sslSession() {
        return io.sslSession();
    }

    @Override
    public Object attachment() {
        return attachment;
    }

    @Override
    public void attach(Object value) {
        this.attachment = value;
    }

    @Override
    public String toString() {
        return "Client[" + remoteAddress + "]";
    }
}

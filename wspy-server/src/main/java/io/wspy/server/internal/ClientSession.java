package io.wspy.server.internal;

import io.wspy.connection.SendResult;
import io.wspy.connection.Session;
import io.wspy.server.SendQueueFullException;
import io.wspy.frame.CloseCode;
import io.wspy.frame.CloseStatus;
import io.wspy.frame.ProtocolException;
import io.wspy.frame.extension.ExtensionChain;
import io.wspy.handshake.HandshakeException;
import io.wspy.handshake.HttpRequest;
import io.wspy.handshake.internal.HttpRequestParser;
import io.wspy.metrics.WebSocketMetrics;
import io.wspy.protocol.Message;
import io.wspy.protocol.MessageAssembler;
import io.wspy.protocol.PreparedMessage;
import io.wspy.protocol.ProtocolListener;
import io.wspy.protocol.WebSocketProtocol;

import javax.net.ssl.SSLSession;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One client of a server, once its handshake is accepted, whichever driver moves its bytes: the
 * {@link Session} handlers see, the protocol's events turned into handler events in order, the
 * 1011 that answers a failing handler, and the idle clock. The threaded {@code Server} and the
 * NIO {@code AsyncServer} both use it; what differs between them sits behind {@link ClientLink}.
 *
 * <p>Events run on the thread that feeds the protocol, or, given an executor, on it one at a time
 * in order; then a backlog of message bytes over the limit pauses reading until it halves.
 *
 * <p>The idle clock restarts whenever the driver reads bytes from the client
 * ({@link #inputArrived}), whole messages or not: see SECURITY.md for why, and for what bounds a
 * client that trickles.
 */
public final class ClientSession implements Session, ProtocolListener {
    private static final System.Logger LOG = System.getLogger("io.wspy.server");

    private final ServerContext context;
    private final ClientLink link;
    private final long id;
    private final String user;
    private final String subprotocol;
    private final ExtensionChain extensions;
    private final SerialExecutor serial;
    private final AtomicLong pendingInbound;

    /** Set once, before the client is visible to anyone. */
    private volatile WebSocketProtocol protocol;
    /** The upgrade request while the client opens; afterwards {@link #requestBytes}. */
    private volatile HttpRequest openingRequest;
    /**
     * The upgrade request's bytes once open, parsed again when asked for: an idle client keeps it
     * compact; {@code null} when the server does not keep it
     * ({@link io.wspy.server.ServerConfig#keepUpgradeRequest()}).
     */
    private volatile byte[] requestBytes;
    private MessageAssembler assembler;
    private volatile long lastInputMillis;
    private boolean idleClosing;
    private volatile Object attachment;

    /**
     * A client whose handshake was accepted.
     *
     * @param handlerExecutor where events run, one at a time; {@code null} to run them on the
     *                        thread that feeds the protocol
     */
    public ClientSession(ServerContext context, ClientLink link, Accepted handshake, Executor handlerExecutor,
                         long nowMillis) {
        this.context = context;
        this.link = link;
        this.id = context.nextClientId();
        this.openingRequest = handshake.request();
        this.user = handshake.user();
        this.subprotocol = handshake.subprotocol();
        this.extensions = handshake.extensions();
        this.serial = handlerExecutor == null ? null : new SerialExecutor(handlerExecutor);
        this.pendingInbound = handlerExecutor == null ? null : new AtomicLong();
        this.lastInputMillis = nowMillis;
        this.attachment = handshake.attachment();
    }

    /**
     * What the handshake settled, as the session needs it.
     *
     * @param attachment what the application's upgrade handler attached, or {@code null}
     */
    public record Accepted(HttpRequest request, String user, String subprotocol, ExtensionChain extensions,
                           Object attachment) {
    }

    /**
     * The protocol runs: reports {@code onOpen} (the client joins the server's clients) and starts
     * the protocol's timers. A client that opens while the server stops is closed like the others.
     */
    public void open(WebSocketProtocol started) {
        this.protocol = started;
        HttpRequest upgrade = openingRequest;
        dispatch(() -> {
            try {
                context.opened(this);
            } finally {
                // Most handlers read the request in onOpen.
                requestBytes = context.config().keepUpgradeRequest() ? upgrade.toBytes() : null;
                openingRequest = null;
            }
        }, 0);
        started.start();
        if (context.isStopping()) {
            goingAway();
        }
    }

    // ---------------------------------------------------------------- the driver's calls

    /** Bytes arrived from the client: the idle clock restarts. */
    public void inputArrived(long nowMillis) {
        lastInputMillis = nowMillis;
    }

    /**
     * Starts the closing handshake with 1001 if nothing arrived for {@code idleMillis}; true only
     * the first time, so a driver whose close may block can run it elsewhere.
     */
    public synchronized boolean claimIdleClose(long nowMillis, long idleMillis) {
        if (idleClosing || idleMillis <= 0 || nowMillis - lastInputMillis < idleMillis || protocol == null
                || !isOpen()) {
            return false;
        }
        idleClosing = true;
        return true;
    }

    /** This end is stopping (a server or a client): the closing handshake with 1001. */
    public void goingAway() {
        closeQuietly(CloseCode.GOING_AWAY, context.goingAwayReason());
    }

    /** The idle clock ran out: the closing handshake with 1001. */
    public void idleOut() {
        closeQuietly(CloseCode.GOING_AWAY, ServerContext.IDLE_REASON);
    }

    /** Runs {@code task} once the events queued so far have run (at once when events run inline). */
    public void afterQueuedEvents(Runnable task) {
        if (serial == null) {
            task.run();
        } else {
            serial.execute(task);
        }
    }

    /** A message sent to the client is completely written: {@code onSent}. */
    public void written(Message message) {
        dispatch(() -> context.sent(this, message), 0);
    }

    /** The driver fails the connection (a policy, not the peer): sends {@code code} and closes. */
    public void fail(int code, String reason) {
        protocol.fail(code, reason);
    }

    /** An event failed while the driver fed the protocol: reported, and the client closed with 1011. */
    public void eventFailed(RuntimeException e) {
        protocol.config().metrics().handlerError();
        context.error(this, e);
        protocol.fail(CloseCode.INTERNAL_ERROR, "internal error");
    }

    // ---------------------------------------------------------------- protocol events

    @Override
    public void onMessageStart(int opcode) {
        onMessageStart(opcode, -1);
    }

    @Override
    public void onMessageStart(int opcode, long sizeHint) {
        if (assembler == null) {
            assembler = new MessageAssembler(this::messageArrived, context.messageBudget());
        }
        assembler.start(opcode, sizeHint);
    }

    @Override
    public void onMessageData(ByteBuffer data) {
        assembler.data(data);
    }

    @Override
    public void onMaskedMessageData(ByteBuffer data, int maskingKey, int phase) {
        assembler.maskedData(data, maskingKey, phase);
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
        if (assembler != null) {
            assembler.abandon(); // a message cut short gives back what it held of the budget
        }
        dispatch(() -> context.closed(this, status.code(), status.reason()), 0);
    }

    /**
     * Runs an event now, or queues it behind the client's earlier events on the executor.
     * {@code weight} counts towards the inbound backlog that pauses reading.
     */
    private void dispatch(Runnable event, long weight) {
        if (serial == null) {
            runGuarded(event);
            return;
        }
        if (weight > 0 && pendingInbound.addAndGet(weight) > maxPendingInbound()) {
            link.pauseReading();
        }
        serial.execute(() -> {
            runGuarded(event);
            if (weight > 0 && pendingInbound.addAndGet(-weight) <= maxPendingInbound() / 2) {
                link.resumeReading();
            }
        });
    }

    /** Whether the handler's backlog is short enough to read again. */
    public boolean backlogDrained() {
        return pendingInbound == null || pendingInbound.get() <= maxPendingInbound() / 2;
    }

    /** Read from the configuration rather than kept: an idle client's session stays small. */
    private long maxPendingInbound() {
        return context.config().maxPendingInboundBytes();
    }

    private void runGuarded(Runnable event) {
        WebSocketMetrics metrics = protocol.config().metrics();
        // The clock is read only for metrics that time handlers.
        long started = metrics.timesHandlers() ? System.nanoTime() : 0;
        try {
            event.run();
        } catch (RuntimeException e) {
            eventFailed(e);
        } finally {
            if (started != 0) {
                metrics.handlerTime(System.nanoTime() - started);
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
        sendOrDrop(message);
    }

    /** The slow-reader policy's outcome as a {@link SendResult}, without the exceptions of {@link #send}. */
    @Override
    public SendResult trySend(Message message) {
        try {
            return sendOrDrop(message) ? SendResult.SENT : SendResult.DROPPED;
        } catch (SendQueueFullException refused) {
            return SendResult.REFUSED;
        } catch (IOException closed) {
            return SendResult.CLOSED;
        }
    }

    /** Sends unless the slow-reader policy drops it; returns whether it was sent. */
    private boolean sendOrDrop(Message message) throws IOException {
        if (!link.admit()) {
            dropped(message);
            return false;
        }
        protocol.send(message);
        if (context.wantsSent()) {
            link.markSent(message);
        }
        return true;
    }

    /** Sends a broadcast message prepared once for every client. */
    public void send(PreparedMessage message) throws IOException {
        if (!link.admit()) {
            dropped(message.message());
            return;
        }
        protocol.send(message);
        if (context.wantsSent()) {
            link.markSent(message.message());
        }
    }

    private void dropped(Message message) {
        LOG.log(System.Logger.Level.DEBUG, "{0} reads too slowly: a {1}-byte message was dropped", this,
                message.length());
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
        WebSocketProtocol p = protocol;
        if (p == null) {
            // Not open yet: opening checks whether the server stops.
            return;
        }
        try {
            p.close(code, reason);
        } catch (IOException e) {
            link.abort();
        }
    }

    @Override
    public boolean isOpen() {
        return protocol.state() == WebSocketProtocol.State.OPEN;
    }

    @Override
    public long bufferedAmount() {
        return link.bufferedAmount();
    }

    /** The upgrade request; after {@code onOpen}, a new copy parsed from its bytes on each call. */
    @Override
    public HttpRequest request() {
        HttpRequest opening = openingRequest;
        if (opening != null) {
            return opening;
        }
        byte[] kept = requestBytes;
        if (kept == null) {
            throw new IllegalStateException("the upgrade request is not kept after onOpen: the server was built "
                    + "with ServerConfig.Builder.keepUpgradeRequest(false)");
        }
        try {
            return new HttpRequestParser(context.config().options().handshake().limits()).parse(ByteBuffer.wrap(kept));
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
        return extensions.responseHeader();
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return link.remoteAddress();
    }

    @Override
    public InetSocketAddress localAddress() {
        return link.localAddress();
    }

    @Override
    public boolean isSecure() {
        return link.isSecure();
    }

    @Override
    public SSLSession sslSession() {
        return link.sslSession();
    }

    @Override
    public long id() {
        return id;
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
        return "Client[" + id + " " + link.remoteAddress() + "]";
    }
}

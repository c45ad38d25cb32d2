package io.wspy.protocol;

import io.wspy.frame.CloseCode;
import io.wspy.frame.CloseStatus;
import io.wspy.frame.DecoderConfig;
import io.wspy.frame.Frame;
import io.wspy.frame.FrameDecoder;
import io.wspy.frame.Opcode;
import io.wspy.frame.ProtocolException;
import io.wspy.frame.Role;
import io.wspy.frame.extension.ExtensionChain;
import io.wspy.metrics.WebSocketMetrics;
import io.wspy.metrics.internal.FlightRecorderEvents;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The WebSocket protocol after the handshake (RFC 6455 sections 5-7), without I/O: bytes go in
 * through {@link #receive}, events come out through a {@link ProtocolListener}; messages go in
 * through {@code send...}, bytes come out through a {@link Transport}. The blocking endpoint, the
 * NIO server and the tests all drive this one class, so each protocol rule lives here once.
 *
 * <p>It answers pings, runs the closing handshake in both directions (echoing the peer's code, the
 * server closing TCP first, the client waiting for it), fails the connection with the right close
 * code on any violation, and keeps the keepalive ping and its pong deadline. It keeps no clock:
 * it asks the transport to {@linkplain Transport#schedule schedule} timers and is told when they
 * fire.
 *
 * <p>Threading: {@link #receive} and {@link #transportClosed} are called by the driver's reading
 * thread, one at a time; {@link #onTimer} may come from a timer thread. Sending methods may be
 * called from any number of threads at once; frames of different messages never interleave.
 */
public final class WebSocketProtocol {
    /** Where the connection stands. */
    public enum State {
        /** Messages flow both ways. */
        OPEN,
        /** A close frame was sent or received, or the connection failed; the transport is still open. */
        CLOSING,
        /** The transport is closed. */
        CLOSED
    }

    /**
     * Where the closing handshake stands: the one record of which close frames were sent and
     * received, and who closed first. Every transition is a compare-and-set from one phase to
     * the next, so of two threads racing (the reader receiving a close, a sender writing one)
     * exactly one sees the handshake complete.
     */
    private enum Phase {
        /** No close frame either way. */
        OPEN(State.OPEN, false, true),
        /** This end closed first: its close frame is out, the peer's is awaited. */
        CLOSE_SENT(State.CLOSING, true, true),
        /** The peer closed first: its close frame arrived, this end's echo is on its way. */
        CLOSE_RECEIVED(State.CLOSING, false, false),
        /** The connection failed: this end's close frame is on its way; the transport closes after it. */
        FAILING(State.CLOSING, false, false),
        /** Both close frames are through: the transport is closing. */
        CLOSE_EXCHANGED(State.CLOSING, true, false),
        /** The connection failed after its close frame went out, or was dropped: the transport is closing. */
        TERMINATING(State.CLOSING, true, false),
        /** The transport is closed and the close reported. */
        CLOSED(State.CLOSED, true, false);

        final State state;
        final boolean closeSent;
        final boolean reading;

        Phase(State state, boolean closeSent, boolean reading) {
            this.state = state;
            this.closeSent = closeSent;
            this.reading = reading;
        }
    }

    private static final VarHandle PHASE;
    private static final VarHandle FAILURE;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            PHASE = lookup.findVarHandle(WebSocketProtocol.class, "phase", Phase.class);
            FAILURE = lookup.findVarHandle(WebSocketProtocol.class, "failure", CloseStatus.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Role role;
    private final ProtocolConfig config;
    private final Transport transport;
    private final ProtocolListener listener;
    private final FrameDecoder decoder;
    private final InboundStream inbound;
    private final OutboundStream outbound;

    /** Whether {@link #start()} ran: only a started connection counts as open. */
    private volatile boolean started;
    /** When the connection opened ({@link System#nanoTime()}), read only for a Flight Recorder recording; else 0. */
    private long openedNanos;

    private volatile Phase phase = Phase.OPEN;
    /** The peer's close frame, for the status reported; written before the phase leaves OPEN. */
    private volatile CloseStatus peerClose;
    /** Why the connection failed, set once; the status reported when no close frame arrived. */
    private volatile CloseStatus failure;

    private int keepaliveCount;
    private volatile ByteBuffer awaitedPong;

    /**
     * A protocol for one connection whose handshake has completed.
     *
     * @param extensions the negotiated extensions; the protocol closes them when the connection ends
     */
    public WebSocketProtocol(Role role, ProtocolConfig config, ExtensionChain extensions, Transport transport,
                             ProtocolListener listener) {
        this.role = role;
        this.config = config;
        this.transport = transport;
        this.listener = listener;
        WebSocketMetrics metrics = config.metrics();
        // Traffic is counted only if someone listens: metrics, or a flight recording when the connection is made.
        boolean counts = metrics != WebSocketMetrics.NONE || FlightRecorderEvents.connectionsRecorded();
        this.decoder = new FrameDecoder(DecoderConfig.of(role)
                .withMaxPayload(config.maxFrameSize())
                .withAllowedRsv(extensions.rsvBits())
                .withExtensionOpcodes(extensions.opcodes()));
        this.inbound = new InboundStream(this, listener, extensions, config.maxMessageSize(),
                counts ? new TrafficCounter(metrics, true) : null);
        this.outbound = new OutboundStream(this, role, config, extensions, transport,
                counts ? new TrafficCounter(metrics, false) : null);
    }

    /** Starts the keepalive timer if one is configured; call once, when the connection opens. */
    public void start() {
        started = true;
        config.metrics().connectionOpened();
        if (FlightRecorderEvents.connectionsRecorded()) {
            openedNanos = System.nanoTime();
            FlightRecorderEvents.connectionOpened(role.name());
        }
        if (!config.pingInterval().isZero()) {
            transport.schedule(ProtocolTimer.KEEPALIVE, config.pingInterval().toMillis());
        }
    }

    /** This endpoint's role. */
    public Role role() {
        return role;
    }

    /** The limits and timings in force. */
    public ProtocolConfig config() {
        return config;
    }

    /** Where the connection stands. */
    public State state() {
        return phase.state;
    }

    // ---------------------------------------------------------------- receiving (driver thread)

    /**
     * Feeds bytes read from the transport; consumes all of them. Masked payloads are unmasked in
     * place, so the buffer must be writable. A protocol violation does not throw: the protocol
     * sends the close frame, reports {@link ProtocolListener#onProtocolError} and closes the transport.
     */
    public void receive(ByteBuffer data) {
        if (isInputEnded()) {
            data.position(data.limit());
            return;
        }
        try {
            decoder.decode(data, inbound);
        } catch (ProtocolException e) {
            data.position(data.limit());
            if (e.closeCode() == CloseCode.MESSAGE_TOO_BIG) {
                FlightRecorderEvents.oversizedMessage(role.name(), e.getMessage());
            }
            if (!isInputEnded()) {
                fail(e);
            }
        } finally {
            inbound.publishCounts();
        }
    }

    /**
     * The driver is done handling a burst of input: writes out what the transport may still hold
     * back (see {@link Transport#flush()}), unless a sender is writing, which flushes anyway.
     * Never waits.
     */
    public void flush() {
        outbound.flushIfIdle();
    }

    /** The transport is closed (end of stream, error, or after {@link Transport#close()}). */
    public void transportClosed() {
        Phase current;
        do {
            current = phase;
            if (current == Phase.CLOSED) {
                return;
            }
        } while (!PHASE.compareAndSet(this, current, Phase.CLOSED));
        transport.cancel(ProtocolTimer.CLOSE_HANDSHAKE);
        transport.cancel(ProtocolTimer.KEEPALIVE);
        transport.cancel(ProtocolTimer.PONG_DEADLINE);
        outbound.release();
        CloseStatus status = finalStatus();
        if (started) {
            config.metrics().connectionClosed();
            FlightRecorderEvents.connectionClosed(role.name(), openedNanos, inbound.wireBytes(), outbound.wireBytes(),
                    status.code());
        }
        listener.onClose(status);
    }

    /** A timer the protocol scheduled has fired. */
    public void onTimer(ProtocolTimer timer) {
        switch (timer) {
            case CLOSE_HANDSHAKE:
                transport.close();
                break;
            case KEEPALIVE:
                sendKeepalive();
                break;
            case PONG_DEADLINE:
                if (awaitedPong != null && moveTo(Phase.TERMINATING)) {
                    // The peer is gone or stuck: drop the connection without a close frame (1006).
                    transport.abort();
                }
                break;
            default:
                throw new IllegalArgumentException(String.valueOf(timer));
        }
    }

    // ---------------------------------------------------------------- sending (any thread)

    /** Sends a message. */
    public void send(Message message) throws IOException {
        // A message's bytes never change once sent (see BinaryMessage): no copy needed.
        outbound.sendMessage(message.opcode(), message.payloadToSend(), true);
    }

    /**
     * Sends a message encoded once for many connections. A server connection without extensions,
     * fragmenting as the message was prepared, writes the prepared bytes as they are (through
     * {@link Transport#writeShared}); any other connection encodes the message itself, as
     * {@link #send(Message)} does.
     */
    public void send(PreparedMessage message) throws IOException {
        if (!outbound.sendPrepared(message)) {
            send(message.message());
        }
    }

    /** Sends a text message. */
    public void sendText(String text) throws IOException {
        outbound.sendMessage(Opcode.TEXT, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), true);
    }

    /** Sends a binary message made of {@code data}'s remaining bytes (not consumed). */
    public void sendBinary(ByteBuffer data) throws IOException {
        outbound.sendMessage(Opcode.BINARY, data, false);
    }

    /**
     * Starts a message to be sent piece by piece ({@link Opcode#TEXT} or {@link Opcode#BINARY}).
     * Other messages wait until the writer is finished; control frames do not.
     */
    public MessageWriter beginMessage(int opcode) {
        if (opcode != Opcode.TEXT && opcode != Opcode.BINARY) {
            throw new IllegalArgumentException("a message is TEXT or BINARY, not " + Opcode.name(opcode));
        }
        return outbound.beginMessage(opcode);
    }

    /** Sends a ping; the payload (at most 125 bytes) is not consumed. */
    public void ping(ByteBuffer payload) throws IOException {
        outbound.sendControl(Opcode.PING, checkControl(payload));
    }

    /** Sends an unsolicited pong (a one-way heartbeat); the payload is not consumed. */
    public void pong(ByteBuffer payload) throws IOException {
        outbound.sendControl(Opcode.PONG, checkControl(payload));
    }

    /**
     * Starts the closing handshake with {@code code} and {@code reason} (cut to fit a close frame).
     * Does nothing if a close frame was already sent. The connection is closed when the peer
     * answers, or after the close timeout.
     */
    public void close(int code, String reason) throws IOException {
        outbound.sendClose(new CloseStatus(code, reason).truncated());
    }

    /**
     * Fails the connection from the application side (for example with
     * {@link CloseCode#INTERNAL_ERROR} when a handler crashed): sends the close frame without
     * waiting for the write lock and closes the transport.
     */
    public void fail(int code, String reason) {
        failWith(new CloseStatus(code, reason == null ? "" : reason).truncated());
    }

    // ---------------------------------------------------------------- internal callbacks

    boolean isInputEnded() {
        return !phase.reading;
    }

    /** Whether this end's close frame is out (or the transport is gone): no more frames may be written. */
    boolean isCloseSent() {
        return phase.closeSent;
    }

    CloseStatus closeStatusIfKnown() {
        return peerClose != null ? peerClose : failure;
    }

    void onControlFrame(int opcode, ByteBuffer payload) throws ProtocolException {
        switch (opcode) {
            case Opcode.PING:
                outbound.queuePong(payload);
                listener.onPing(payload);
                break;
            case Opcode.PONG:
                ByteBuffer awaited = awaitedPong;
                if (awaited != null && awaited.equals(payload)) {
                    awaitedPong = null;
                    transport.cancel(ProtocolTimer.PONG_DEADLINE);
                    transport.schedule(ProtocolTimer.KEEPALIVE, config.pingInterval().toMillis());
                }
                listener.onPong(payload);
                break;
            case Opcode.CLOSE:
                onCloseFrameReceived(CloseStatus.parse(payload));
                break;
            default:
                throw new ProtocolException(CloseCode.PROTOCOL_ERROR, "unexpected control opcode " + Opcode.name(opcode));
        }
    }

    private void onCloseFrameReceived(CloseStatus status) {
        peerClose = status;
        config.metrics().closeReceived(status.code());
        while (true) {
            Phase current = phase;
            if (current == Phase.OPEN) {
                if (PHASE.compareAndSet(this, current, Phase.CLOSE_RECEIVED)) {
                    // Echo the code (RFC 6455 section 5.5.1); a close without a code is answered without one.
                    outbound.queueClose(status.code() == CloseCode.NO_STATUS_RECEIVED ? CloseStatus.NO_STATUS
                            : CloseStatus.of(status.code()));
                    return;
                }
            } else if (current == Phase.CLOSE_SENT) {
                if (PHASE.compareAndSet(this, current, Phase.CLOSE_EXCHANGED)) {
                    finishClosingHandshake();
                    return;
                }
            } else {
                // Failing or closing already: the frame under way, or the transport's close, ends it.
                return;
            }
        }
    }

    /** Called by the outbound stream, under its write lock, once a close frame is written. */
    void onCloseFrameSent() {
        while (true) {
            Phase current = phase;
            Phase next;
            switch (current) {
                case OPEN:
                    next = Phase.CLOSE_SENT;
                    break;
                case CLOSE_RECEIVED:
                    next = Phase.CLOSE_EXCHANGED;
                    break;
                case FAILING:
                    next = Phase.TERMINATING;
                    break;
                default:
                    return;
            }
            if (PHASE.compareAndSet(this, current, next)) {
                if (next == Phase.CLOSE_SENT) {
                    transport.schedule(ProtocolTimer.CLOSE_HANDSHAKE, config.closeTimeout().toMillis());
                } else if (next == Phase.CLOSE_EXCHANGED) {
                    finishClosingHandshake();
                } else {
                    transport.close();
                }
                return;
            }
        }
    }

    /** Both close frames are through: the server closes TCP first; the client gives it time to. */
    private void finishClosingHandshake() {
        if (role == Role.SERVER) {
            transport.close();
        } else {
            transport.schedule(ProtocolTimer.CLOSE_HANDSHAKE, config.closeTimeout().toMillis());
        }
    }

    private void fail(ProtocolException error) {
        failWith(new CloseStatus(error.closeCode(), error.getMessage()).truncated());
        listener.onProtocolError(error);
    }

    private void failWith(CloseStatus status) {
        if (phase == Phase.CLOSED || !FAILURE.compareAndSet(this, null, status)) {
            return;
        }
        while (true) {
            Phase current = phase;
            if (current == Phase.OPEN || current == Phase.CLOSE_RECEIVED) {
                if (PHASE.compareAndSet(this, current, Phase.FAILING)) {
                    // If the write lock is busy, the holder writes the close frame; the timer bounds the wait.
                    transport.schedule(ProtocolTimer.CLOSE_HANDSHAKE, config.closeTimeout().toMillis());
                    outbound.queueClose(status);
                    return;
                }
            } else if (current == Phase.CLOSE_SENT) {
                if (PHASE.compareAndSet(this, current, Phase.TERMINATING)) {
                    transport.close();
                    return;
                }
            } else {
                return;
            }
        }
    }

    /** Moves from a phase that still reads to {@code next}; false if the connection was already ending. */
    private boolean moveTo(Phase next) {
        while (true) {
            Phase current = phase;
            if (!current.reading) {
                return false;
            }
            if (PHASE.compareAndSet(this, current, next)) {
                return true;
            }
        }
    }

    private CloseStatus finalStatus() {
        CloseStatus received = peerClose;
        if (received != null) {
            return received;
        }
        CloseStatus failed = failure;
        return failed != null ? failed : CloseStatus.ABNORMAL;
    }

    /** One keepalive round: a ping now; the next round starts an interval after its pong. */
    private void sendKeepalive() {
        if (phase != Phase.OPEN || awaitedPong != null) {
            // A second ping while one is unanswered would push the pong deadline back.
            return;
        }
        ByteBuffer payload = ByteBuffer.allocate(4).putInt(0, ++keepaliveCount);
        awaitedPong = payload;
        transport.schedule(ProtocolTimer.PONG_DEADLINE, config.pongTimeout().toMillis());
        outbound.queuePing(payload);
    }

    private static ByteBuffer checkControl(ByteBuffer payload) {
        if (payload.remaining() > Frame.MAX_CONTROL_PAYLOAD) {
            throw new IllegalArgumentException("control frame payload over 125 bytes: " + payload.remaining());
        }
        return payload.duplicate();
    }
}

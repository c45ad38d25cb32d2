package io.wspy.connection;

import io.wspy.connection.internal.BlockingReader;
import io.wspy.connection.internal.SocketTransport;
import io.wspy.frame.CloseCode;
import io.wspy.frame.CloseStatus;
import io.wspy.frame.Opcode;
import io.wspy.frame.ProtocolException;
import io.wspy.handshake.HttpRequest;
import io.wspy.metrics.WebSocketMetrics;
import io.wspy.protocol.Message;
import io.wspy.protocol.MessageAssembler;
import io.wspy.protocol.MessageWriter;
import io.wspy.protocol.ProtocolListener;
import io.wspy.protocol.WebSocketProtocol;

import javax.net.ssl.SSLSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A WebSocket connection over a blocking socket, at the level of messages: control frames are
 * handled (pings answered, the closing handshake run) and fragmented messages reassembled.
 *
 * <p>Two ways to receive. <em>Push</em>: subclass, override the {@code on...}
 * events and call {@link #receiveForever()}, which returns once the connection is closed.
 * <em>Pull</em>: call {@link #receive()} for the next message. Only one thread receives at a time.
 *
 * <p>Sending ({@link #send}, {@link #ping}, {@link #close(int, String)}) is safe from any thread,
 * also from inside the events; frames of different messages never interleave.
 *
 * <p>Large messages need not be held whole: override {@link #onMessageStart},
 * {@link #onMessageData} and {@link #onMessageEnd} to take a message as its bytes arrive, and send
 * one from an {@link InputStream} or a {@link Reader}.
 */
public class Connection implements Session, AutoCloseable {
    private static final int STREAM_CHUNK = 16 * 1024;

    private static final AtomicLong IDS = new AtomicLong();

    private final long id = IDS.incrementAndGet();
    private final WebSocket webSocket;
    private final SocketTransport transport;
    private final WebSocketProtocol protocol;
    private final BlockingReader reader;
    private final ReentrantLock readLock = new ReentrantLock();
    private final MessageAssembler assembler = new MessageAssembler(this::deliver);
    private final ArrayDeque<Message> pulled = new ArrayDeque<>();

    private boolean pulling;
    private volatile CloseStatus closeStatus;
    private volatile Object attachment;

    /** Takes over an open frame-level endpoint; from now on this connection owns its socket. */
    public Connection(WebSocket webSocket) throws IOException {
        this.webSocket = webSocket;
        ByteBuffer pendingInput = webSocket.detach();
        this.transport = new SocketTransport(webSocket.socket(), webSocket.config().closeTimeout().toMillis());
        this.protocol = new WebSocketProtocol(webSocket.role(), webSocket.config(), webSocket.extensionChain(),
                transport, new Events());
        this.reader = new BlockingReader(webSocket.socket(), pendingInput, transport, protocol,
                () -> { }, this::reportAndFail, false);
        transport.bind(protocol, this::closedWithoutReader);
        protocol.start();
    }

    // ---------------------------------------------------------------- events, to override

    /** The connection is open; called by {@link #receiveForever()} before anything is received. */
    protected void onOpen() {
    }

    /** A whole message arrived (unless the three streaming events are overridden). */
    protected void onMessage(Message message) {
    }

    /** A message begins ({@link Opcode#TEXT} or {@link Opcode#BINARY}); see {@link #onMessageData}. */
    protected void onMessageStart(int opcode) {
        assembler.start(opcode);
    }

    /**
     * The next bytes of the current message, valid only during the call (text is already checked
     * to be valid UTF-8 so far). Overriding the three streaming events replaces {@link #onMessage}.
     */
    protected void onMessageData(ByteBuffer data) {
        assembler.data(data);
    }

    /** The current message is complete. */
    protected void onMessageEnd() {
        assembler.end();
    }

    /** A ping arrived; it has already been answered. */
    protected void onPing(byte[] payload) {
    }

    /** A pong arrived. */
    protected void onPong(byte[] payload) {
    }

    /** Something went wrong: the peer broke the protocol, or an event handler threw. */
    protected void onError(Throwable error) {
    }

    /** The connection is closed, with the peer's close code and reason, or 1006 if it just dropped. */
    protected void onClose(int code, String reason) {
    }

    // ---------------------------------------------------------------- receiving

    /**
     * Calls {@link #onOpen()}, then receives and dispatches events until the connection is closed.
     * An exception thrown by an event is reported to {@link #onError} and fails the connection with
     * {@link CloseCode#INTERNAL_ERROR}.
     */
    public void receiveForever() {
        readLock.lock();
        try {
            guarded(this::onOpen);
            while (closeStatus == null) {
                readOnce();
            }
        } finally {
            readLock.unlock();
        }
    }

    /**
     * Waits for the next message; events other than messages still fire. Returns {@code null}
     * once the connection is closed.
     */
    public Message receive() {
        readLock.lock();
        try {
            pulling = true;
            while (pulled.isEmpty() && closeStatus == null) {
                readOnce();
            }
            return pulled.poll();
        } finally {
            pulling = false;
            readLock.unlock();
        }
    }

    /** The close status once the connection is closed, otherwise {@code null}. */
    public CloseStatus closeStatus() {
        return closeStatus;
    }

    private void readOnce() {
        reader.readOnce(this::wantsMoreInput);
    }

    /** Whether to go on reading what the socket holds: not once closed, nor when a pulled message waits. */
    private boolean wantsMoreInput() {
        return closeStatus == null && !(pulling && !pulled.isEmpty());
    }

    private void deliver(Message message) {
        if (pulling) {
            pulled.add(message);
            return;
        }
        WebSocketMetrics metrics = protocol.config().metrics();
        // The clock is read only for metrics that time handlers.
        long started = metrics.timesHandlers() ? System.nanoTime() : 0;
        try {
            onMessage(message);
        } finally {
            if (started != 0) {
                metrics.handlerTime(System.nanoTime() - started);
            }
        }
    }

    private void guarded(Runnable event) {
        WebSocketMetrics metrics = protocol.config().metrics();
        // The clock is read only for metrics that time handlers.
        long started = metrics.timesHandlers() ? System.nanoTime() : 0;
        try {
            event.run();
        } catch (RuntimeException e) {
            reportAndFail(e);
        } finally {
            if (started != 0) {
                metrics.handlerTime(System.nanoTime() - started);
            }
        }
    }

    private void reportAndFail(RuntimeException e) {
        protocol.config().metrics().handlerError();
        try {
            onError(e);
        } finally {
            protocol.fail(CloseCode.INTERNAL_ERROR, "internal error");
        }
    }

    /** The transport gave up on a peer that did not hang up; report the close if nobody is reading. */
    private void closedWithoutReader() {
        if (readLock.tryLock()) {
            try {
                protocol.transportClosed();
            } finally {
                readLock.unlock();
            }
        }
    }

    // ---------------------------------------------------------------- sending

    @Override
    public void send(Message message) throws IOException {
        protocol.send(message);
    }

    /** Sends a binary message read from {@code data} until its end, in fragments; the stream is not closed. */
    public void send(InputStream data) throws IOException {
        try (MessageWriter writer = protocol.beginMessage(Opcode.BINARY)) {
            byte[] chunk = new byte[STREAM_CHUNK];
            for (int n = data.read(chunk); n >= 0; n = data.read(chunk)) {
                writer.write(ByteBuffer.wrap(chunk, 0, n));
            }
        }
    }

    /** Sends a text message read from {@code text} until its end, in fragments; the reader is not closed. */
    public void send(Reader text) throws IOException {
        CharsetEncoder utf8 = StandardCharsets.UTF_8.newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer chars = CharBuffer.allocate(STREAM_CHUNK / 4);
        ByteBuffer bytes = ByteBuffer.allocate(STREAM_CHUNK);
        try (MessageWriter writer = protocol.beginMessage(Opcode.TEXT)) {
            boolean end = false;
            while (!end) {
                end = text.read(chars) < 0;
                chars.flip();
                CoderResult result = utf8.encode(chars, bytes, end);
                if (end && result.isUnderflow()) {
                    result = utf8.flush(bytes);
                }
                if (result.isError()) {
                    result.throwException();
                }
                chars.compact();
                writer.write(bytes.flip());
                bytes.clear();
            }
        }
    }

    /** Starts a message to send piece by piece; see {@link MessageWriter}. */
    public MessageWriter beginMessage(int opcode) {
        return protocol.beginMessage(opcode);
    }

    @Override
    public void ping(byte[] payload) throws IOException {
        protocol.ping(ByteBuffer.wrap(payload));
    }

    @Override
    public void pong(byte[] payload) throws IOException {
        protocol.pong(ByteBuffer.wrap(payload));
    }

    /**
     * Starts the closing handshake. When no other thread is receiving, this call also receives
     * until the connection is closed (bounded by the close timeout), so the connection is closed
     * when it returns.
     */
    @Override
    public void close(int code, String reason) throws IOException {
        try {
            protocol.close(code, reason);
        } catch (IOException e) {
            transport.close();
        }
        if (!readLock.isHeldByCurrentThread() && readLock.tryLock()) {
            try {
                while (closeStatus == null) {
                    readOnce();
                }
            } finally {
                readLock.unlock();
            }
        }
    }

    @Override
    public void close() throws IOException {
        close(CloseCode.NORMAL_CLOSURE, "");
    }

    // ---------------------------------------------------------------- what the handshake settled

    @Override
    public boolean isOpen() {
        return protocol.state() == WebSocketProtocol.State.OPEN;
    }

    @Override
    public HttpRequest request() {
        return webSocket.request();
    }

    @Override
    public String user() {
        return webSocket.user();
    }

    @Override
    public String subprotocol() {
        return webSocket.subprotocol();
    }

    @Override
    public String extensions() {
        return webSocket.extensionChain().responseHeader();
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return webSocket.remoteAddress();
    }

    @Override
    public InetSocketAddress localAddress() {
        return webSocket.localAddress();
    }

    @Override
    public boolean isSecure() {
        return webSocket.isSecure();
    }

    @Override
    public SSLSession sslSession() {
        return webSocket.sslSession();
    }

    /** The frame-level endpoint this connection took over, for what its handshake settled. */
    public WebSocket webSocket() {
        return webSocket;
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
    public void attach(Object attachment) {
        this.attachment = attachment;
    }

    @Override
    public String toString() {
        return "Connection[" + remoteAddress() + "]";
    }

    /** Routes protocol events to the overridable methods. */
    private final class Events implements ProtocolListener {
        @Override
        public void onMessageStart(int opcode) {
            Connection.this.onMessageStart(opcode);
        }

        @Override
        public void onMessageData(ByteBuffer data) {
            Connection.this.onMessageData(data);
        }

        @Override
        public void onMessageEnd() {
            Connection.this.onMessageEnd();
        }

        @Override
        public void onPing(ByteBuffer payload) {
            Connection.this.onPing(bytes(payload));
        }

        @Override
        public void onPong(ByteBuffer payload) {
            Connection.this.onPong(bytes(payload));
        }

        @Override
        public void onProtocolError(ProtocolException error) {
            onError(error);
        }

        @Override
        public void onClose(CloseStatus status) {
            closeStatus = status;
            transport.closeSocket();
            try {
                Connection.this.onClose(status.code(), status.reason());
            } catch (RuntimeException e) {
                onError(e);
            }
        }

        private byte[] bytes(ByteBuffer payload) {
            byte[] b = new byte[payload.remaining()];
            payload.get(payload.position(), b);
            return b;
        }
    }
}

package io.wspy.connection;

import io.wspy.connection.internal.Takeover;
import io.wspy.frame.DecoderConfig;
import io.wspy.frame.Frame;
import io.wspy.frame.FrameEncoder;
import io.wspy.frame.FrameReader;
import io.wspy.frame.Role;
import io.wspy.frame.extension.ExtensionChain;
import io.wspy.handshake.HttpRequest;
import io.wspy.handshake.HttpResponse;
import io.wspy.protocol.ConnectionClosedException;
import io.wspy.protocol.ProtocolConfig;

import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One end of a WebSocket connection at the level of frames. It owns
 * a socket whose handshake is done and sends and receives {@link Frame}s, with the negotiated
 * extensions applied to data frames. It does not answer pings or run the closing handshake: wrap
 * it in a {@link Connection} for that.
 *
 * <p>Get one with {@link #connect(URI)} (client), from {@link WebSocketServerSocket#accept()}
 * (server), or by upgrading a socket you already have with {@link #upgradeClient} or
 * {@link #upgradeServer}.
 *
 * <p>{@link #send} is thread-safe; {@link #recv} is for one thread at a time.
 */
public final class WebSocket implements AutoCloseable {
    private static final int READ_BUFFER_SIZE = 16 * 1024;

    static {
        Takeover.register(WebSocket::detach);
    }

    private final Socket socket;
    private final Role role;
    private final ProtocolConfig config;
    private final ExtensionChain extensions;
    private final String subprotocol;
    private final HttpRequest request;
    private final HttpResponse response;
    private final String user;
    private final Object upgradeAttachment;
    private final FrameEncoder encoder;
    private final FrameReader reader;
    private final ReentrantLock sendLock = new ReentrantLock();
    private final ReentrantLock recvLock = new ReentrantLock();

    private ByteBuffer leftover;
    private byte[] readBuffer;
    private volatile boolean detached;

    WebSocket(Socket socket, Role role, ProtocolConfig config, Handshaken handshake) {
        this.socket = socket;
        this.role = role;
        this.config = config;
        this.extensions = handshake.extensions();
        this.subprotocol = handshake.subprotocol();
        this.request = handshake.request();
        this.response = handshake.response();
        this.user = handshake.user();
        this.upgradeAttachment = handshake.upgradeAttachment();
        this.leftover = handshake.leftover();
        this.encoder = new FrameEncoder(role, config.maskingKeys());
        this.reader = new FrameReader(DecoderConfig.of(role)
                .withMaxPayload(config.maxFrameSize())
                .withAllowedRsv(extensions.rsvBits())
                .withExtensionOpcodes(extensions.opcodes()));
    }

    /** What a completed handshake hands to the endpoint. */
    record Handshaken(HttpRequest request, HttpResponse response, String subprotocol, ExtensionChain extensions,
                      String user, Object upgradeAttachment, ByteBuffer leftover) {
    }

    /** Connects to a {@code ws://} or {@code wss://} URI with default options. */
    public static WebSocket connect(URI uri) throws IOException {
        return connect(uri, ClientOptions.defaults());
    }

    /**
     * Connects to a {@code ws://} or {@code wss://} URI: TCP (through the proxy if one is set),
     * TLS for {@code wss://}, then the opening handshake, answering an authentication challenge
     * and following redirects as the options allow.
     *
     * @throws io.wspy.handshake.HandshakeException if the server refuses the upgrade
     * @throws java.net.ConnectException if nothing listens there (the message names host and port)
     * @throws NullPointerException if {@code uri} or {@code options} is null
     */
    public static WebSocket connect(URI uri, ClientOptions options) throws IOException {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(options, "options");
        return new ClientConnector(options).connect(uri);
    }

    /**
     * Performs the client handshake on a socket that is already connected. For a {@code wss://}
     * URI a plain socket is first wrapped in TLS with the options' context, as {@link #connect}
     * does; a socket that already runs TLS is used as it is.
     */
    public static WebSocket upgradeClient(Socket socket, URI uri, ClientOptions options) throws IOException {
        Objects.requireNonNull(socket, "socket");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(options, "options");
        return new ClientConnector(options).upgrade(socket, uri);
    }

    /**
     * Performs the server handshake on a socket that is already accepted. A refused upgrade is
     * answered with an HTTP error, the socket is closed and a {@link io.wspy.handshake.HandshakeException}
     * is thrown.
     */
    public static WebSocket upgradeServer(Socket socket, ServerOptions options) throws IOException {
        Objects.requireNonNull(socket, "socket");
        Objects.requireNonNull(options, "options");
        return ServerAcceptor.upgrade(socket, options);
    }

    /**
     * Sends a frame. Data frames go through the negotiated extensions; a client masks every frame.
     * Frames are sent as given, even those the RFC forbids, so tools can test a peer.
     */
    public void send(Frame frame) throws IOException {
        requireAttached();
        sendLock.lock();
        try {
            Frame wire = frame.isControl() ? frame : extensions.encode(frame);
            ByteBuffer bytes = encoder.encode(wire);
            OutputStream out = socket.getOutputStream();
            out.write(bytes.array(), 0, bytes.limit());
            out.flush();
        } finally {
            sendLock.unlock();
        }
    }

    /**
     * Waits for the next frame. Data frames come through the negotiated extensions. Control frames
     * are returned as they are, unanswered.
     *
     * @throws io.wspy.frame.ProtocolException if the peer sent an invalid frame
     * @throws ConnectionClosedException       at the end of the stream
     */
    public Frame recv() throws IOException {
        requireAttached();
        recvLock.lock();
        try {
            for (Frame frame = reader.poll(); ; frame = reader.poll()) {
                if (frame != null) {
                    return frame.isControl() ? frame : extensions.decode(frame, config.maxMessageSize());
                }
                if (leftover != null) {
                    ByteBuffer bytes = leftover;
                    leftover = null;
                    reader.feed(bytes);
                    continue;
                }
                if (readBuffer == null) {
                    readBuffer = new byte[READ_BUFFER_SIZE];
                }
                InputStream in = socket.getInputStream();
                int n = in.read(readBuffer);
                if (n < 0) {
                    throw new ConnectionClosedException("the peer closed the connection", null);
                }
                reader.feed(readBuffer, 0, n);
            }
        } finally {
            recvLock.unlock();
        }
    }

    /** Closes the socket (without a closing handshake: that is {@link Connection}'s job). */
    @Override
    public void close() throws IOException {
        extensions.close();
        socket.close();
    }

    /**
     * Hands the socket over to a {@link Connection}: returns the bytes received but not yet
     * decoded (or {@code null}), after which this endpoint can no longer send or receive.
     */
    ByteBuffer detach() {
        recvLock.lock();
        try {
            if (detached) {
                throw new IllegalStateException("already taken over by a connection");
            }
            if (!reader.isAtFrameBoundary() || reader.available() > 0) {
                throw new IllegalStateException("a frame is partly received; take over between frames");
            }
            detached = true;
            ByteBuffer rest = leftover;
            leftover = null;
            return rest;
        } finally {
            recvLock.unlock();
        }
    }

    private void requireAttached() {
        if (detached) {
            throw new IllegalStateException("this endpoint was taken over by a connection");
        }
    }

    /** The socket. */
    public Socket socket() {
        return socket;
    }

    /** This end's role. */
    public Role role() {
        return role;
    }

    /** The limits and timings this endpoint (and a connection over it) applies. */
    public ProtocolConfig config() {
        return config;
    }

    /** The negotiated extensions. */
    public ExtensionChain extensionChain() {
        return extensions;
    }

    /** The subprotocol the handshake settled on, or {@code null}. */
    public String subprotocol() {
        return subprotocol;
    }

    /** The upgrade request: the one received (server) or sent (client), with path, query and headers. */
    public HttpRequest request() {
        return request;
    }

    /** The {@code 101} response: the one sent (server) or received (client). */
    public HttpResponse response() {
        return response;
    }

    /** The user the server authenticated during the handshake, or {@code null}. */
    public String user() {
        return user;
    }

    /**
     * On a server, what its {@link io.wspy.handshake.UpgradeHandler} attached when it accepted the
     * upgrade; otherwise {@code null}.
     */
    public Object upgradeAttachment() {
        return upgradeAttachment;
    }

    /** The peer's address. */
    public InetSocketAddress remoteAddress() {
        return (InetSocketAddress) socket.getRemoteSocketAddress();
    }

    /** This end's address. */
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    /** Whether the socket runs TLS. */
    public boolean isSecure() {
        return socket instanceof SSLSocket;
    }

    /** The TLS session (protocol, cipher suite, the peer's certificates), or {@code null} without TLS. */
    public SSLSession sslSession() {
        return socket instanceof SSLSocket ? ((SSLSocket) socket).getSession() : null;
    }

    @Override
    public String toString() {
        return "WebSocket[" + role + " " + remoteAddress() + (subprotocol == null ? "" : " " + subprotocol) + "]";
    }
}

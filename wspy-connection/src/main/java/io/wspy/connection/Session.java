package io.wspy.connection;

import io.wspy.frame.CloseCode;
import io.wspy.handshake.HttpRequest;
import io.wspy.protocol.BinaryMessage;
import io.wspy.protocol.Message;
import io.wspy.protocol.TextMessage;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * An open WebSocket connection as an application sees it: what it can send, and what the handshake
 * settled. The blocking {@link Connection} and the servers' client connections implement it;
 * sending is safe from any thread, and frames of different messages never interleave.
 *
 * <p>A message sent from an event handler for a message that arrived together with more (in one
 * read from the network) leaves with the answers to those, once they are handled: a handler that
 * answers and then works on for long should hand the work to another thread.
 */
public interface Session {
    /**
     * A number that tells this connection from the others of the same server (or, for client
     * connections, of the same JVM) for as long as the server runs: 1, 2, 3... in the order the
     * connections were accepted. Cheap; suited to map keys and log lines.
     */
    long id();

    /**
     * Sends a message. On a {@link Connection} and on the threaded {@code Server} it returns once
     * the socket took the bytes; on an {@code AsyncServer} it queues them, and the queue's
     * slow-reader policy applies. It keeps its checked {@link IOException} because on the blocking
     * ends a failed write is a real I/O failure the caller must see; code that would only catch and
     * log it uses {@link #trySend}.
     *
     * @throws IOException if the connection is closed or the write fails, or the slow-reader
     *                     policy refuses the message ({@code FAIL}, {@code CLOSE})
     */
    void send(Message message) throws IOException;

    /**
     * Sends a message like {@link #send}, but says what became of it instead of throwing: the same
     * blocking guarantee where {@code send} blocks ({@link SendResult#SENT} means written), a queued
     * message on an {@code AsyncServer}, the slow-reader policy as a result ({@link SendResult#DROPPED},
     * {@link SendResult#REFUSED}, {@link SendResult#CLOSED}).
     */
    default SendResult trySend(Message message) {
        try {
            send(message);
            return SendResult.SENT;
        } catch (IOException e) {
            return SendResult.CLOSED;
        }
    }

    /** {@link #trySend} of a text message. */
    default SendResult trySendText(String text) {
        return trySend(new TextMessage(text));
    }

    /** Sends a text message. */
    default void sendText(String text) throws IOException {
        send(new TextMessage(text));
    }

    /** Sends a binary message; the array is taken over, not copied. */
    default void sendBinary(byte[] data) throws IOException {
        send(new BinaryMessage(data));
    }

    /** Sends a ping with a payload of at most 125 bytes. */
    void ping(byte[] payload) throws IOException;

    /** Sends an unsolicited pong (a one-way heartbeat) with a payload of at most 125 bytes. */
    void pong(byte[] payload) throws IOException;

    /**
     * Starts the closing handshake. The close is reported through {@code onClose} once the peer
     * answers or the close timeout passes. Does nothing if the connection is already closing.
     */
    void close(int code, String reason) throws IOException;

    /** Closes with {@link CloseCode#NORMAL_CLOSURE}. */
    default void close() throws IOException {
        close(CloseCode.NORMAL_CLOSURE, "");
    }

    /** Whether messages can still be sent (no close frame sent or received, transport open). */
    boolean isOpen();

    /**
     * Bytes handed to {@code send} and not yet written to the network, like a browser's
     * {@code WebSocket.bufferedAmount}: always 0 where sending blocks until the bytes are written,
     * as on a {@link Connection}; a queuing server's back-pressure signal otherwise.
     */
    default long bufferedAmount() {
        return 0;
    }

    /**
     * The upgrade request: the one received (server) or sent (client), with path, query and headers.
     *
     * @throws IllegalStateException after {@code onOpen}, on a server built not to keep it
     *         ({@code ServerConfig.Builder.keepUpgradeRequest(false)})
     */
    HttpRequest request();

    /** The user the server authenticated during the handshake, or {@code null}. */
    String user();

    /** The subprotocol the handshake settled on, or {@code null}. */
    String subprotocol();

    /** The negotiated extensions as a {@code Sec-WebSocket-Extensions} value, or {@code null}. */
    String extensions();

    /** The peer's address. */
    InetSocketAddress remoteAddress();

    /** This end's address. */
    InetSocketAddress localAddress();

    /** Whether the connection runs over TLS. */
    boolean isSecure();

    /**
     * The TLS session (protocol, cipher suite, the peer's identity), or {@code null} when the
     * connection is not secure.
     */
    default SSLSession sslSession() {
        return null;
    }

    /**
     * The certificate chain the peer presented, its own certificate first: a server's chain, or a
     * client's under mutual TLS. Empty when the connection is not secure or the peer sent none.
     */
    default List<X509Certificate> peerCertificates() {
        SSLSession session = sslSession();
        if (session == null) {
            return List.of();
        }
        try {
            List<X509Certificate> chain = new ArrayList<>();
            for (Certificate c : session.getPeerCertificates()) {
                chain.add((X509Certificate) c);
            }
            return List.copyOf(chain);
        } catch (SSLPeerUnverifiedException noCertificate) {
            return List.of();
        }
    }

    /** What the application attached to this connection, or {@code null}. */
    Object attachment();

    /** Attaches an object of the application's to this connection. */
    void attach(Object attachment);
}

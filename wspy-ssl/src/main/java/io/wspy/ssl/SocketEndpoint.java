package io.wspy.ssl;

import io.wspy.connection.ClientOptions;
import io.wspy.connection.ServerOptions;
import io.wspy.connection.WebSocket;

import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;

/**
 * A connected socket on its way to a WebSocket, between {@code accept()}/{@code connect()} and
 * the handshake: the place to turn TLS on for a socket you hold yourself. TLS can
 * be turned on, in the server or the client role, until the WebSocket handshake runs; after that
 * it is an error, since the peer already speaks WebSocket in plain.
 *
 * <pre>{@code
 * SocketEndpoint endpoint = new SocketEndpoint(listening.accept());
 * endpoint.enableTls(serverTls);
 * WebSocket client = endpoint.upgradeServer(options);
 * }</pre>
 *
 * <p>Thread-safe; each method runs once at a time.
 */
public final class SocketEndpoint {
    private Socket socket;
    private boolean handshakeStarted;

    /** An endpoint over a connected socket (plain, or already TLS). */
    public SocketEndpoint(Socket connected) {
        if (connected == null || !connected.isConnected() || connected.isClosed()) {
            throw new IllegalArgumentException("the socket must be connected and open");
        }
        this.socket = connected;
    }

    /**
     * Turns on TLS in the server role. The TLS handshake runs when the WebSocket handshake first
     * reads, within its timeout.
     *
     * @throws IllegalStateException if TLS is already on or the WebSocket handshake has run
     */
    public synchronized SocketEndpoint enableTls(ServerTls tls) throws IOException {
        requireNoTlsYet();
        socket = tls.enable(socket);
        return this;
    }

    /**
     * Turns on TLS in the client role and runs the TLS handshake: the server must show a
     * certificate for {@code host} that {@code tls} trusts.
     *
     * @throws IllegalStateException if TLS is already on or the WebSocket handshake has run
     */
    public synchronized SocketEndpoint enableTls(ClientTls tls, String host, int port) throws IOException {
        requireNoTlsYet();
        socket = tls.enable(socket, host, port);
        return this;
    }

    /** Whether TLS is on. */
    public synchronized boolean isSecure() {
        return socket instanceof SSLSocket;
    }

    /** The socket: the TLS one once TLS is on. */
    public synchronized Socket socket() {
        return socket;
    }

    /** Runs the server side of the WebSocket handshake; see {@link WebSocket#upgradeServer}. */
    public WebSocket upgradeServer(ServerOptions options) throws IOException {
        return WebSocket.upgradeServer(startHandshake(), options);
    }

    /**
     * Runs the client side of the WebSocket handshake; see {@link WebSocket#upgradeClient}. A
     * {@code wss://} URI on an endpoint without TLS turns TLS on with the options' context.
     */
    public WebSocket upgradeClient(URI uri, ClientOptions options) throws IOException {
        return WebSocket.upgradeClient(startHandshake(), uri, options);
    }

    private synchronized Socket startHandshake() {
        if (handshakeStarted) {
            throw new IllegalStateException("the WebSocket handshake has already run on this socket");
        }
        handshakeStarted = true;
        return socket;
    }

    private void requireNoTlsYet() {
        if (handshakeStarted) {
            throw new IllegalStateException("TLS must be enabled before the WebSocket handshake,"
                    + " which has already run on this socket");
        }
        if (socket instanceof SSLSocket) {
            throw new IllegalStateException("TLS is already enabled on this socket");
        }
    }
}

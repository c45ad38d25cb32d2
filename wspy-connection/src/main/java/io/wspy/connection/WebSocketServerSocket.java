package io.wspy.connection;

import io.wspy.connection.internal.SocketErrors;
import io.wspy.handshake.HandshakeException;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * A listening socket whose {@link #accept()} performs the server handshake and returns the
 * client's {@link WebSocket}. Handshakes run one at a time on the accepting thread,
 * each bounded by the handshake timeout; the servers in wspy-server accept concurrently.
 */
public final class WebSocketServerSocket implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("io.wspy.connection");

    private final ServerSocket serverSocket;
    private final ServerOptions options;

    /** Listens on {@code port} of every interface, with default options. */
    public WebSocketServerSocket(int port) throws IOException {
        this(port, ServerOptions.defaults());
    }

    /** Listens on {@code port} of every interface. */
    public WebSocketServerSocket(int port, ServerOptions options) throws IOException {
        this(new InetSocketAddress(port), options);
    }

    /** Listens on {@code address} (port 0 picks a free port). */
    public WebSocketServerSocket(InetSocketAddress address, ServerOptions options) throws IOException {
        this(bind(address), options);
    }

    /** Serves on a socket that is already bound, for example a TLS server socket. */
    public WebSocketServerSocket(ServerSocket bound, ServerOptions options) {
        this.serverSocket = bound;
        this.options = options;
    }

    private static ServerSocket bind(InetSocketAddress address) throws IOException {
        ServerSocket socket = new ServerSocket();
        try {
            socket.setReuseAddress(true);
            socket.bind(address, 128);
            return socket;
        } catch (BindException e) {
            socket.close();
            throw SocketErrors.binding(e, address);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * Waits for a client that completes the handshake. Clients whose handshake fails are answered
     * with the right HTTP status, closed and logged; plain HTTP requests go to the options' HTTP
     * handler. Neither ends this call.
     */
    public WebSocket accept() throws IOException {
        while (true) {
            Socket socket = serverSocket.accept();
            try {
                return WebSocket.upgradeServer(socket, options);
            } catch (HandshakeException e) {
                LOG.log(System.Logger.Level.DEBUG, "handshake from {0} refused: {1}",
                        socket.getRemoteSocketAddress(), e.getMessage());
            } catch (SocketTimeoutException e) {
                LOG.log(System.Logger.Level.DEBUG, "handshake from {0} timed out", socket.getRemoteSocketAddress());
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "handshake from {0} failed: {1}",
                        socket.getRemoteSocketAddress(), e.toString());
            }
        }
    }

    /** The bound address. */
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) serverSocket.getLocalSocketAddress();
    }

    /** The bound port. */
    public int localPort() {
        return serverSocket.getLocalPort();
    }

    /** The options handshakes follow. */
    public ServerOptions options() {
        return options;
    }

    /** Stops listening; connections already accepted stay open. */
    @Override
    public void close() throws IOException {
        serverSocket.close();
    }
}

package io.wspy.ssl;

import javax.net.ServerSocketFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The TLS side of a server: its {@link SSLContext} (key material, and the trust for client
 * certificates under mutual TLS), whether it asks clients for certificates, and the protocol
 * versions it speaks (TLS 1.3 and 1.2; the JDK's cipher suites for them, the server's order
 * preferred). Immutable; one serves any number of connections.
 *
 * <p>It makes what each kind of server needs:
 * <ul>
 * <li>blocking: {@link #bind} a listening socket for
 *     {@link io.wspy.connection.WebSocketServerSocket#WebSocketServerSocket(ServerSocket, io.wspy.connection.ServerOptions)},
 *     or a {@link #serverSocketFactory()}; or {@link #enable} TLS on a socket accepted in plain;
 * <li>non-blocking: an {@link SSLEngine} ({@link #newEngine}) for a selector loop.
 * </ul>
 *
 * <pre>{@code
 * ServerTls tls = ServerTls.builder(KeyMaterial.fromPem(chain, key)).build();
 * try (WebSocketServerSocket server = new WebSocketServerSocket(tls.bind(new InetSocketAddress(8443)), options)) {
 *     WebSocket client = server.accept();   // wss://
 * }
 * }</pre>
 */
public final class ServerTls {
    private final SSLContext context;
    private final ClientAuth clientAuth;
    private final List<String> protocols;

    private ServerTls(SSLContext context, ClientAuth clientAuth, List<String> protocols) {
        this.context = context;
        this.clientAuth = clientAuth;
        this.protocols = protocols;
    }

    /** Starts a server configuration that presents {@code key}. */
    public static Builder builder(KeyMaterial key) {
        return new Builder(key);
    }

    /**
     * A server configuration over a context made elsewhere; TLS 1.3 and 1.2 only.
     *
     * @param clientAuth whether to ask for client certificates (checked with the context's trust managers)
     */
    public static ServerTls of(SSLContext context, ClientAuth clientAuth) {
        if (context == null || clientAuth == null) {
            throw new IllegalArgumentException("context and clientAuth must be set");
        }
        return new ServerTls(context, clientAuth, TlsProtocols.ALL);
    }

    /** The context. */
    public SSLContext sslContext() {
        return context;
    }

    /** Whether clients are asked for certificates. */
    public ClientAuth clientAuth() {
        return clientAuth;
    }

    /** The protocol versions offered, newest first. */
    public List<String> protocols() {
        return protocols;
    }

    /**
     * A listening TLS socket on {@code address} (port 0 picks a free one), with address reuse and
     * a backlog of 128. Accepted sockets run the TLS handshake on their first read or write, on
     * the thread that serves them, within the WebSocket handshake timeout.
     */
    public SSLServerSocket bind(InetSocketAddress address) throws IOException {
        SSLServerSocket socket = (SSLServerSocket) serverSocketFactory().createServerSocket();
        try {
            socket.setReuseAddress(true);
            socket.bind(address, 128);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** A factory of listening TLS sockets configured like {@link #bind}'s. */
    public ServerSocketFactory serverSocketFactory() {
        return new ConfiguredFactory();
    }

    /**
     * Turns on TLS, server side, on a socket accepted in plain.
     * Closing the TLS socket closes {@code accepted}. The handshake runs on the first read or write.
     */
    public SSLSocket enable(Socket accepted) throws IOException {
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(accepted, (InputStream) null, true);
        socket.setUseClientMode(false);
        socket.setSSLParameters(configure(socket.getSSLParameters()));
        return socket;
    }

    /** An engine in server mode configured like the sockets, for a connection from {@code peer} (or {@code null}). */
    public SSLEngine newEngine(InetSocketAddress peer) {
        SSLEngine engine = peer == null ? context.createSSLEngine()
                : context.createSSLEngine(peer.getHostString(), peer.getPort());
        engine.setUseClientMode(false);
        engine.setSSLParameters(configure(engine.getSSLParameters()));
        return engine;
    }

    private SSLParameters configure(SSLParameters parameters) {
        parameters.setProtocols(protocols.toArray(new String[0]));
        parameters.setUseCipherSuitesOrder(true);
        if (clientAuth == ClientAuth.REQUIRE) {
            parameters.setNeedClientAuth(true);
        } else if (clientAuth == ClientAuth.REQUEST) {
            parameters.setWantClientAuth(true);
        } else {
            parameters.setNeedClientAuth(false);
        }
        return parameters;
    }

    @Override
    public String toString() {
        return "ServerTls[" + protocols + ", client certificates " + clientAuth + "]";
    }

    /** Applies the configuration to every listening socket it makes. */
    private final class ConfiguredFactory extends ServerSocketFactory {
        @Override
        public ServerSocket createServerSocket() throws IOException {
            return configured(context.getServerSocketFactory().createServerSocket());
        }

        @Override
        public ServerSocket createServerSocket(int port) throws IOException {
            return configured(context.getServerSocketFactory().createServerSocket(port));
        }

        @Override
        public ServerSocket createServerSocket(int port, int backlog) throws IOException {
            return configured(context.getServerSocketFactory().createServerSocket(port, backlog));
        }

        @Override
        public ServerSocket createServerSocket(int port, int backlog, InetAddress address) throws IOException {
            return configured(context.getServerSocketFactory().createServerSocket(port, backlog, address));
        }

        private ServerSocket configured(ServerSocket socket) {
            SSLServerSocket tls = (SSLServerSocket) socket;
            tls.setSSLParameters(configure(tls.getSSLParameters()));
            return tls;
        }
    }

    /** Builds a {@link ServerTls}. */
    public static final class Builder {
        private final KeyMaterial key;
        private ClientAuth clientAuth = ClientAuth.NONE;
        private TrustMaterial clientTrust;
        private List<String> protocols = TlsProtocols.ALL;

        private Builder(KeyMaterial key) {
            if (key == null) {
                throw new IllegalArgumentException("a server needs key material");
            }
            this.key = key;
        }

        /**
         * Asks clients for certificates (mutual TLS), checked against {@code trusted}: usually the
         * certificate authority that issues client certificates. Default: {@link ClientAuth#NONE}.
         */
        public Builder clientAuth(ClientAuth mode, TrustMaterial trusted) {
            if (mode == null || (mode != ClientAuth.NONE && trusted == null)) {
                throw new IllegalArgumentException("asking for client certificates needs the trust to check them");
            }
            this.clientAuth = mode;
            this.clientTrust = trusted;
            return this;
        }

        /** The protocol versions to speak, among {@code TLSv1.3} and {@code TLSv1.2}. Default: both. */
        public Builder protocols(String... versions) {
            return protocols(Arrays.asList(Objects.requireNonNull(versions, "protocols")));
        }

        /**
         * The protocol versions to speak; see {@link #protocols(String...)}.
         *
         * @param versions the versions
         * @return this builder
         */
        public Builder protocols(List<String> versions) {
            this.protocols = TlsProtocols.check(Objects.requireNonNull(versions, "protocols"));
            return this;
        }

        /** The configuration. */
        public ServerTls build() throws TlsSetupException {
            try {
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(key.keyManagers(), clientTrust == null ? null : clientTrust.trustManagers(), null);
                return new ServerTls(context, clientAuth, protocols);
            } catch (GeneralSecurityException e) {
                throw new TlsSetupException("the JDK cannot make a TLS context: " + e.getMessage(), e);
            }
        }
    }
}

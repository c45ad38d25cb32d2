package io.wspy.ssl;

import io.wspy.connection.ClientOptions;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;

/**
 * The TLS side of a client: whom it trusts (the JDK's trust store by default, or a custom one),
 * and the certificate it shows under mutual TLS, if any. Connections always speak TLS 1.3 or 1.2,
 * send the host name (SNI) and verify that the server's certificate is for that host. Immutable.
 *
 * <pre>{@code
 * ClientTls tls = ClientTls.builder().trust(TrustMaterial.fromPem(Path.of("ca.pem"))).build();
 * WebSocket ws = WebSocket.connect(URI.create("wss://example.test/chat"), tls.applyTo(ClientOptions.defaults()));
 * }</pre>
 */
public final class ClientTls {
    private final SSLContext context;

    private ClientTls(SSLContext context) {
        this.context = context;
    }

    /** The JDK's default context: its trust store, no client certificate. */
    public static ClientTls systemDefault() throws TlsSetupException {
        try {
            return new ClientTls(SSLContext.getDefault());
        } catch (NoSuchAlgorithmException e) {
            throw new TlsSetupException("the JDK has no default TLS context: " + e.getMessage(), e);
        }
    }

    /** A client over a context made elsewhere. */
    public static ClientTls of(SSLContext context) {
        if (context == null) {
            throw new IllegalArgumentException("context must be set");
        }
        return new ClientTls(context);
    }

    /** Starts a client configuration: the JDK's trust store and no client certificate until set. */
    public static Builder builder() {
        return new Builder();
    }

    /** The context. */
    public SSLContext sslContext() {
        return context;
    }

    /** A copy of {@code options} whose {@code wss://} connections use this configuration. */
    public ClientOptions applyTo(ClientOptions options) {
        return options.withSslContext(context);
    }

    /**
     * Turns on TLS, client side, on a connected socket and runs
     * the TLS handshake at once, within the socket's read timeout, so a certificate that does not
     * fit surfaces here. Closing the TLS socket closes {@code connected}.
     *
     * @param host the server's name: sent as SNI and checked against its certificate
     * @param port the server's port
     */
    public SSLSocket enable(Socket connected, String host, int port) throws IOException {
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(connected, host, port, true);
        try {
            socket.setSSLParameters(configure(socket.getSSLParameters()));
            socket.startHandshake();
            return socket;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** An engine in client mode for {@code host}: SNI and host name verification as for sockets. */
    public SSLEngine newEngine(String host, int port) {
        SSLEngine engine = context.createSSLEngine(host, port);
        engine.setUseClientMode(true);
        engine.setSSLParameters(configure(engine.getSSLParameters()));
        return engine;
    }

    private static SSLParameters configure(SSLParameters parameters) {
        parameters.setProtocols(TlsProtocols.ALL.toArray(new String[0]));
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        return parameters;
    }

    @Override
    public String toString() {
        return "ClientTls[" + context.getProtocol() + "]";
    }

    /** Builds a {@link ClientTls}. */
    public static final class Builder {
        private TrustMaterial trust = TrustMaterial.systemDefault();
        private KeyMaterial key;

        private Builder() {
        }

        /** Whom to trust. Default: {@link TrustMaterial#systemDefault()}. */
        public Builder trust(TrustMaterial trusted) {
            if (trusted == null) {
                throw new IllegalArgumentException("trust must be set");
            }
            this.trust = trusted;
            return this;
        }

        /** The certificate to show a server that asks for one (mutual TLS). Default: none. */
        public Builder keyMaterial(KeyMaterial clientKey) {
            this.key = clientKey;
            return this;
        }

        /** The configuration. */
        public ClientTls build() throws TlsSetupException {
            try {
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(key == null ? null : key.keyManagers(), trust.trustManagers(), null);
                return new ClientTls(context);
            } catch (GeneralSecurityException e) {
                throw new TlsSetupException("the JDK cannot make a TLS context: " + e.getMessage(), e);
            }
        }
    }
}

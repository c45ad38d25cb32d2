package io.wspy.connection;

import io.wspy.handshake.ClientHandshakeConfig;
import io.wspy.handshake.Credentials;
import io.wspy.metrics.WebSocketMetrics;
import io.wspy.protocol.ProtocolConfig;

import javax.net.ssl.SSLContext;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * How a client connects: the handshake's settings (origin, subprotocols, extensions, headers,
 * credentials, redirects), the protocol's limits and timings, TCP and handshake timeouts, an
 * optional HTTP proxy, and the TLS context for {@code wss://}. Immutable.
 *
 * @param handshake        what the opening handshake offers
 * @param protocol         limits and timings after the handshake
 * @param connectTimeout   the longest a TCP connect (and TLS handshake) may take
 * @param handshakeTimeout the longest the server may take to answer the upgrade request
 * @param proxy            an HTTP proxy to tunnel through with {@code CONNECT}, or {@code null} for
 *                         the one the JDK's {@link java.net.ProxySelector} picks (none by default)
 * @param proxyCredentials Basic credentials for the proxy, or {@code null}
 * @param sslContext       the TLS context for {@code wss://}, or {@code null} for the JDK's default
 *                         (its trust store); TLS 1.2 and 1.3 only, with host name verification
 */
public record ClientOptions(ClientHandshakeConfig handshake, ProtocolConfig protocol, Duration connectTimeout,
                            Duration handshakeTimeout, InetSocketAddress proxy, Credentials proxyCredentials,
                            SSLContext sslContext) {
    /** A ping this often, and as long to answer it, as on the server. */
    private static final Duration KEEPALIVE = Duration.ofSeconds(30);
    private static final ClientOptions DEFAULTS = new ClientOptions(ClientHandshakeConfig.defaults(),
            ProtocolConfig.defaults().withKeepalive(KEEPALIVE, KEEPALIVE), Duration.ofSeconds(10), Duration.ofSeconds(10), null, null, null);

    /** Checks the values. */
    public ClientOptions {
        if (handshake == null || protocol == null) {
            throw new IllegalArgumentException("handshake and protocol must be set");
        }
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(handshakeTimeout, "handshakeTimeout");
    }

    /**
     * No proxy but the JDK's {@link java.net.ProxySelector}, the JDK's TLS defaults, default handshake
     * and protocol settings with a keepalive ping every 30 s (30 s to answer, else the connection
     * closes with 1006), 10 s timeouts.
     */
    public static ClientOptions defaults() {
        return DEFAULTS;
    }

    /** A copy with other handshake settings. */
    public ClientOptions withHandshake(ClientHandshakeConfig config) {
        return new ClientOptions(config, protocol, connectTimeout, handshakeTimeout, proxy, proxyCredentials,
                sslContext);
    }

    /** A copy with other protocol limits and timings. */
    public ClientOptions withProtocol(ProtocolConfig config) {
        return new ClientOptions(handshake, config, connectTimeout, handshakeTimeout, proxy, proxyCredentials,
                sslContext);
    }

    /**
     * A copy whose connections report to {@code metrics} (the same figures a server counts):
     * the protocol settings' {@link ProtocolConfig#withMetrics}. For {@code Connection} and
     * {@code AsyncClient} alike.
     */
    public ClientOptions withMetrics(WebSocketMetrics metrics) {
        return withProtocol(protocol.withMetrics(metrics));
    }

    /** A copy with other timeouts. */
    public ClientOptions withTimeouts(Duration connect, Duration handshake) {
        return new ClientOptions(this.handshake, protocol, connect, handshake, proxy, proxyCredentials, sslContext);
    }

    /** A copy that tunnels through an HTTP proxy, with Basic credentials or {@code null}. */
    public ClientOptions withProxy(InetSocketAddress address, Credentials credentials) {
        return new ClientOptions(handshake, protocol, connectTimeout, handshakeTimeout, address, credentials,
                sslContext);
    }

    /** A copy with its own TLS context (a custom trust store, client certificates). */
    public ClientOptions withSslContext(SSLContext context) {
        return new ClientOptions(handshake, protocol, connectTimeout, handshakeTimeout, proxy, proxyCredentials,
                context);
    }

    private static void requirePositive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}

package io.wspy.connection;

import io.wspy.handshake.ServerHandshakeConfig;
import io.wspy.protocol.ProtocolConfig;

import java.time.Duration;

/**
 * How a server end accepts connections: the handshake's rules (paths, origins, subprotocols,
 * extensions, authentication, limits), the protocol's limits and timings, how long a client may
 * take to complete its handshake, and who answers plain HTTP requests. Immutable.
 *
 * @param handshake        what the opening handshake accepts
 * @param protocol         limits and timings after the handshake
 * @param handshakeTimeout the longest a client may take to send its whole upgrade request
 * @param httpHandler      answers requests that are not upgrades
 */
public record ServerOptions(ServerHandshakeConfig handshake, ProtocolConfig protocol, Duration handshakeTimeout,
                            HttpHandler httpHandler) {
    private static final ServerOptions DEFAULTS = new ServerOptions(ServerHandshakeConfig.defaults(),
            ProtocolConfig.defaults(), Duration.ofSeconds(10), HttpHandler.UPGRADE_REQUIRED);

    /** Checks the values. */
    public ServerOptions {
        if (handshake == null || protocol == null || httpHandler == null) {
            throw new IllegalArgumentException("handshake, protocol and httpHandler must be set");
        }
        if (handshakeTimeout == null || handshakeTimeout.isNegative() || handshakeTimeout.isZero()) {
            throw new IllegalArgumentException("handshakeTimeout must be positive");
        }
    }

    /** Any path, any origin, no subprotocols or extensions, default limits, a 10 s handshake timeout. */
    public static ServerOptions defaults() {
        return DEFAULTS;
    }

    /** A copy with other handshake rules. */
    public ServerOptions withHandshake(ServerHandshakeConfig config) {
        return new ServerOptions(config, protocol, handshakeTimeout, httpHandler);
    }

    /** A copy with other protocol limits and timings. */
    public ServerOptions withProtocol(ProtocolConfig config) {
        return new ServerOptions(handshake, config, handshakeTimeout, httpHandler);
    }

    /** A copy with another handshake timeout. */
    public ServerOptions withHandshakeTimeout(Duration timeout) {
        return new ServerOptions(handshake, protocol, timeout, httpHandler);
    }

    /** A copy with another handler for plain HTTP requests. */
    public ServerOptions withHttpHandler(HttpHandler handler) {
        return new ServerOptions(handshake, protocol, handshakeTimeout, handler);
    }
}

/**
 * TLS for wspy: key and trust material from key stores and PEM files, TLS contexts for servers
 * and clients (mutual TLS included), TLS on a socket before its WebSocket handshake, and a
 * non-blocking {@link io.wspy.ssl.TlsChannel} over an {@code SSLEngine} for selector loops.
 */
module io.wspy.ssl {
    requires transitive io.wspy.connection;

    exports io.wspy.ssl;
}

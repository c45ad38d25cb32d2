/**
 * TLS for wspy: key and trust material from key stores and PEM files, TLS contexts for servers
 * and clients (mutual TLS included), TLS on a socket before its WebSocket handshake, and
 * {@code SSLEngine}s for selector loops.
 */
module io.wspy.ssl {
    requires transitive io.wspy.connection;

    exports io.wspy.ssl;
    // The non-blocking TLS channel the NIO server drives.
    exports io.wspy.ssl.internal to io.wspy.server;
}

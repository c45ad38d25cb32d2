/**
 * The WebSocket connection: the HTTP/1.1 upgrade handshake ({@code io.wspy.handshake}), the
 * Sans-I/O protocol state machine ({@code io.wspy.protocol}), and the blocking endpoint, messages
 * and {@code Connection} built on them ({@code io.wspy.connection}), and the metrics every wspy
 * endpoint reports ({@code io.wspy.metrics}).
 */
module io.wspy.connection {
    requires transitive io.wspy.frame;
    // Flight Recorder events: a JDK module, costing nothing unless a recording is on.
    requires jdk.jfr;

    exports io.wspy.handshake;
    exports io.wspy.protocol;
    exports io.wspy.connection;
    exports io.wspy.metrics;
    // The blocking driver's parts, shared with the threaded server.
    exports io.wspy.connection.internal to io.wspy.server;
    exports io.wspy.handshake.internal to io.wspy.server;
    exports io.wspy.metrics.internal to io.wspy.server;
}

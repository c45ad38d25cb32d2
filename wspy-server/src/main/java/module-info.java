/**
 * WebSocket servers with one handler API: {@link io.wspy.server.Server} (a thread per connection,
 * virtual threads where the JDK has them) and {@link io.wspy.server.AsyncServer} (NIO selector
 * loops).
 */
module io.wspy.server {
    requires transitive io.wspy.connection;
    requires transitive io.wspy.extensions;
    requires transitive io.wspy.ssl;
    requires java.logging;
    // The metrics MBean.
    requires java.management;

    exports io.wspy.server;
    // The loops and the per-client session, which the non-blocking client runs on too.
    exports io.wspy.server.internal to io.wspy.client;
    exports io.wspy.server.internal.nio to io.wspy.client;
}

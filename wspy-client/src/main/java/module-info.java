/**
 * The non-blocking WebSocket client: {@link io.wspy.client.AsyncClient} holds thousands of
 * connections on a few selector loops, with the servers' handler API. It runs on wspy-server's
 * loops and per-client session, reached through qualified exports.
 */
module io.wspy.client {
    requires transitive io.wspy.server;

    exports io.wspy.client;
}

/**
 * Rooms, broadcast and presence across the nodes of a wspy server cluster:
 * {@link io.wspy.cluster.Rooms} on top of a {@link io.wspy.server.WebSocketServer}, carried between
 * nodes by a {@link io.wspy.cluster.Broker}: {@link io.wspy.cluster.InProcessBroker} (one process,
 * nothing to install) or {@link io.wspy.cluster.RedisBroker} (Redis pub/sub through Lettuce).
 */
module io.wspy.cluster {
    requires transitive io.wspy.server;
    requires lettuce.core;

    exports io.wspy.cluster;
}

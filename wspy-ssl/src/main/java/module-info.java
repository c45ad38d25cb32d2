/** TLS for wspy: key and trust material, blocking and SSLEngine transports, wss:// for clients and servers. */
module io.wspy.ssl {
    requires transitive io.wspy.connection;
}

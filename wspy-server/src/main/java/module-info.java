/** Server (a thread per connection) and AsyncServer (NIO selector loops) with one handler API. */
module io.wspy.server {
    requires transitive io.wspy.connection;
    requires transitive io.wspy.extensions;
    requires transitive io.wspy.ssl;
}

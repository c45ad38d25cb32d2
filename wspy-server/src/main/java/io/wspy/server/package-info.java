/**
 * WebSocket servers: {@link io.wspy.server.Server} (a thread per connection) and
 * {@link io.wspy.server.AsyncServer} (NIO selector loops), both driven by a
 * {@link io.wspy.server.WebSocketHandler} and configured by a {@link io.wspy.server.ServerConfig}.
 */
package io.wspy.server;

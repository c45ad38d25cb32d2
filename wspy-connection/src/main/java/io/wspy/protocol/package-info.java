/**
 * The WebSocket protocol without I/O, and the messages it carries.
 *
 * <p>{@link io.wspy.protocol.WebSocketProtocol} is the state machine of one connection (RFC 6455
 * sections 5 to 7): bytes go in through {@link io.wspy.protocol.WebSocketProtocol#receive}, events
 * come out through a {@link io.wspy.protocol.ProtocolListener}; messages go in through
 * {@code send}, bytes come out through a {@link io.wspy.protocol.Transport}. It keeps no clock and
 * starts no thread (timers are asked of a {@link io.wspy.protocol.ProtocolTimer}), so every rule
 * of the protocol is written once, tested without sockets, and drives the blocking
 * {@link io.wspy.connection.Connection}, both servers of wspy-server, or any I/O of your own.
 *
 * <p>Messages: {@link io.wspy.protocol.Message} with {@link io.wspy.protocol.TextMessage} and
 * {@link io.wspy.protocol.BinaryMessage}; {@link io.wspy.protocol.PreparedMessage} is a message
 * encoded once for many receivers (a broadcast). Large messages need not be held whole:
 * {@link io.wspy.protocol.MessageWriter} sends one piece by piece, and the listener's
 * message-start, data and end events take one as it arrives.
 *
 * <p>{@link io.wspy.protocol.ProtocolConfig} holds the limits (frame and message size, close
 * timeout, keepalive); a peer that breaks the protocol or a limit is closed with the matching
 * close code, and a send on a closed connection throws
 * {@link io.wspy.protocol.ConnectionClosedException}.
 */
package io.wspy.protocol;

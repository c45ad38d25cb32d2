package io.wspy.protocol;

/** The timers a {@link WebSocketProtocol} asks its driver to keep; the protocol itself has no clock. */
public enum ProtocolTimer {
    /** Waiting for the peer's close frame, or (client) for the server to close TCP. */
    CLOSE_HANDSHAKE,
    /** Time to send the next keepalive ping. */
    KEEPALIVE,
    /** Waiting for the pong that answers the keepalive ping. */
    PONG_DEADLINE
}

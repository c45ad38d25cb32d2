package io.wspy.frame;

import java.io.IOException;

/**
 * Root of wspy's exception hierarchy. Every failure that wspy raises because of the WebSocket
 * protocol (a bad frame, a failed handshake, a closed connection) is a {@code WebSocketException};
 * plain transport failures stay {@link IOException}s.
 */
public class WebSocketException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Creates an exception with a message. */
    public WebSocketException(String message) {
        super(message);
    }

    /** Creates an exception with a message and a cause. */
    public WebSocketException(String message, Throwable cause) {
        super(message, cause);
    }
}

package io.wspy.protocol;

import io.wspy.frame.CloseStatus;
import io.wspy.frame.WebSocketException;

/**
 * The connection is closing or closed, so nothing more can be sent on it. Carries the close
 * status when it is known.
 */
public class ConnectionClosedException extends WebSocketException {
    private static final long serialVersionUID = 1L;

    private final transient CloseStatus status;

    /** Creates an exception for a connection closed with {@code status} ({@code null} if not yet known). */
    public ConnectionClosedException(String message, CloseStatus status) {
        super(status == null ? message : message + ": " + status);
        this.status = status;
    }

    /** The close status, or {@code null} if the closing handshake has not finished. */
    public CloseStatus status() {
        return status;
    }
}

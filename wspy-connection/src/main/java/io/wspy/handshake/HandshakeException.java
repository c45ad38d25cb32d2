package io.wspy.handshake;

import io.wspy.frame.WebSocketException;

/**
 * The opening handshake failed. On a server, {@link #status()} is the HTTP status to answer with;
 * on a client, it is the status the server sent, or 0 if there was none (a malformed response, or
 * a failure found before any response).
 */
public class HandshakeException extends WebSocketException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient HttpResponse response;

    /** A failure with a status and no response. */
    public HandshakeException(int status, String message) {
        this(status, message, (HttpResponse) null);
    }

    /** A failure with a status and the response that shows it (received or to be sent). */
    public HandshakeException(int status, String message, HttpResponse response) {
        super(message);
        this.status = status;
        this.response = response;
    }

    /** A failure with a status, the response (or {@code null}) and a cause. */
    public HandshakeException(int status, String message, HttpResponse response, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.response = response;
    }

    /** The HTTP status: to answer (server) or received (client); 0 if there is none. */
    public int status() {
        return status;
    }

    /** The response that was received (client) or is to be sent (server), or {@code null}. */
    public HttpResponse response() {
        return response;
    }
}

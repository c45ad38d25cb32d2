package io.wspy.ssl;

import io.wspy.frame.WebSocketException;

/**
 * TLS cannot be set up: key or trust material is missing, unreadable, in a form the JDK cannot
 * use, or does not fit together (a private key that does not match its certificate). The message
 * names the file and, where there is one, the way to fix it.
 */
public class TlsSetupException extends WebSocketException {
    private static final long serialVersionUID = 1L;

    /** Creates an exception with a message. */
    public TlsSetupException(String message) {
        super(message);
    }

    /** Creates an exception with a message and a cause. */
    public TlsSetupException(String message, Throwable cause) {
        super(message, cause);
    }
}

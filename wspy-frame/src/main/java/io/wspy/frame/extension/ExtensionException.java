package io.wspy.frame.extension;

import io.wspy.frame.WebSocketException;

/**
 * Extension negotiation failed: a malformed {@code Sec-WebSocket-Extensions} header, a response
 * naming an extension that was not offered, parameters an extension cannot accept, or two
 * extensions that claim the same RSV bit.
 */
public class ExtensionException extends WebSocketException {
    private static final long serialVersionUID = 1L;

    /** Creates an exception with a message. */
    public ExtensionException(String message) {
        super(message);
    }
}

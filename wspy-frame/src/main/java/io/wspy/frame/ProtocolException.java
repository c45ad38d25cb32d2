package io.wspy.frame;

/**
 * The peer broke the protocol. Carries the close code to send in answer (RFC 6455 section 7.4):
 * {@link CloseCode#PROTOCOL_ERROR} for framing errors, {@link CloseCode#INVALID_PAYLOAD} for bad
 * UTF-8, {@link CloseCode#MESSAGE_TOO_BIG} for payloads beyond a configured limit, and so on.
 */
public class ProtocolException extends WebSocketException {
    private static final long serialVersionUID = 1L;

    private final int closeCode;

    /** Creates an exception that will be answered with {@code closeCode}. */
    public ProtocolException(int closeCode, String message) {
        super(message);
        this.closeCode = closeCode;
    }

    /** Creates an exception with a cause that will be answered with {@code closeCode}. */
    public ProtocolException(int closeCode, String message, Throwable cause) {
        super(message, cause);
        this.closeCode = closeCode;
    }

    /** The close code to send to the peer. */
    public int closeCode() {
        return closeCode;
    }

    @Override
    public String toString() {
        return super.toString() + " (close code " + closeCode + ")";
    }
}

package io.wspy.frame;

/**
 * Close status codes (RFC 6455 section 7.4 and the IANA "WebSocket Close Code Number" registry).
 *
 * <p>Codes that may appear in a close frame on the wire: 1000-1003, 1007-1014 and 3000-4999.
 * 1004 is reserved, 1005, 1006 and 1015 are for local reporting only, 0-999 are unused and
 * 1016-2999 are unassigned; a close frame that carries any of them is a protocol error.
 */
public final class CloseCode {
    /** The purpose of the connection has been fulfilled. */
    public static final int NORMAL_CLOSURE = 1000;
    /** The endpoint is going away: a server shutting down or a browser leaving the page. */
    public static final int GOING_AWAY = 1001;
    /** The peer broke the protocol. */
    public static final int PROTOCOL_ERROR = 1002;
    /** The endpoint received a type of data it cannot accept. */
    public static final int UNSUPPORTED_DATA = 1003;
    /** Local only: the close frame carried no status code. */
    public static final int NO_STATUS_RECEIVED = 1005;
    /** Local only: the connection dropped without a close frame. */
    public static final int ABNORMAL_CLOSURE = 1006;
    /** A message carried data inconsistent with its type, such as invalid UTF-8 in a text message. */
    public static final int INVALID_PAYLOAD = 1007;
    /** A message violated the endpoint's policy. */
    public static final int POLICY_VIOLATION = 1008;
    /** A frame or message was too big to process. */
    public static final int MESSAGE_TOO_BIG = 1009;
    /** Client only: the server did not negotiate an extension the client requires. */
    public static final int MANDATORY_EXTENSION = 1010;
    /** The server met an unexpected condition. */
    public static final int INTERNAL_ERROR = 1011;
    /** The server is restarting (IANA registry). */
    public static final int SERVICE_RESTART = 1012;
    /** The server is overloaded; try again later (IANA registry). */
    public static final int TRY_AGAIN_LATER = 1013;
    /** A gateway got an invalid response from upstream (IANA registry). */
    public static final int BAD_GATEWAY = 1014;
    /** Local only: the TLS handshake failed. */
    public static final int TLS_HANDSHAKE = 1015;

    private CloseCode() {
    }

    /** Whether a close frame may carry {@code code}. */
    public static boolean isValidOnWire(int code) {
        return (code >= 1000 && code <= 1003)
                || (code >= 1007 && code <= 1014)
                || (code >= 3000 && code <= 4999);
    }

    /** A short description, for example {@code "protocol error"}. */
    public static String describe(int code) {
        switch (code) {
            case NORMAL_CLOSURE: return "normal closure";
            case GOING_AWAY: return "going away";
            case PROTOCOL_ERROR: return "protocol error";
            case UNSUPPORTED_DATA: return "unsupported data";
            case NO_STATUS_RECEIVED: return "no status received";
            case ABNORMAL_CLOSURE: return "abnormal closure";
            case INVALID_PAYLOAD: return "invalid payload data";
            case POLICY_VIOLATION: return "policy violation";
            case MESSAGE_TOO_BIG: return "message too big";
            case MANDATORY_EXTENSION: return "mandatory extension";
            case INTERNAL_ERROR: return "internal error";
            case SERVICE_RESTART: return "service restart";
            case TRY_AGAIN_LATER: return "try again later";
            case BAD_GATEWAY: return "bad gateway";
            case TLS_HANDSHAKE: return "TLS handshake failure";
            default:
                if (code >= 3000 && code <= 3999) {
                    return "registered code " + code;
                }
                if (code >= 4000 && code <= 4999) {
                    return "private code " + code;
                }
                return "invalid code " + code;
        }
    }
}

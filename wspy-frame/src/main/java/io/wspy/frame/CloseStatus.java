package io.wspy.frame;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The status of a close frame: a code and a reason (RFC 6455 section 5.5.1). Any code from 0 to
 * 65535 can be represented, so that local conditions like {@link CloseCode#ABNORMAL_CLOSURE} can
 * be reported; only codes {@link CloseCode#isValidOnWire valid on the wire} can be
 * {@linkplain #encode() encoded}.
 *
 * @param code   the status code
 * @param reason the reason, possibly empty, never {@code null}
 */
public record CloseStatus(int code, String reason) {
    /** Most bytes a close reason can take: 125 bytes of control payload less the 2-byte code. */
    public static final int MAX_REASON_BYTES = Frame.MAX_CONTROL_PAYLOAD - 2;

    /** What a close frame with an empty payload means. */
    public static final CloseStatus NO_STATUS = new CloseStatus(CloseCode.NO_STATUS_RECEIVED, "");

    /** What a connection that dropped without a close frame reports. */
    public static final CloseStatus ABNORMAL = new CloseStatus(CloseCode.ABNORMAL_CLOSURE, "");

    /** Checks the code range and that the reason is present. */
    public CloseStatus {
        if (code < 0 || code > 0xFFFF) {
            throw new IllegalArgumentException("close code out of range 0-65535: " + code);
        }
        if (reason == null) {
            throw new IllegalArgumentException("reason must not be null (use \"\")");
        }
    }

    /** A status with an empty reason. */
    public static CloseStatus of(int code) {
        return new CloseStatus(code, "");
    }

    /**
     * Parses a close frame payload: the buffer's remaining bytes, whose position does not move. An
     * empty payload means {@link #NO_STATUS}.
     *
     * @throws ProtocolException 1002 for a one-byte payload, a payload longer than 125 bytes or a
     *                           code that is not valid on the wire; 1007 for a reason that is
     *                           not valid UTF-8
     */
    public static CloseStatus parse(ByteBuffer payload) throws ProtocolException {
        int length = payload.remaining();
        if (length == 0) {
            return NO_STATUS;
        }
        if (length == 1) {
            throw new ProtocolException(CloseCode.PROTOCOL_ERROR, "close payload of one byte");
        }
        if (length > Frame.MAX_CONTROL_PAYLOAD) {
            throw new ProtocolException(CloseCode.PROTOCOL_ERROR, "close payload over 125 bytes");
        }
        int at = payload.position();
        // Byte by byte: the code is big-endian whatever the order of the caller's buffer.
        int code = (payload.get(at) & 0xFF) << 8 | (payload.get(at + 1) & 0xFF);
        if (!CloseCode.isValidOnWire(code)) {
            throw new ProtocolException(CloseCode.PROTOCOL_ERROR, "close code not allowed on the wire: " + code);
        }
        byte[] reason = new byte[length - 2];
        payload.get(at + 2, reason);
        if (!Utf8Validator.isValid(reason, 0, reason.length)) {
            throw new ProtocolException(CloseCode.INVALID_PAYLOAD, "close reason is not valid UTF-8");
        }
        return new CloseStatus(code, new String(reason, StandardCharsets.UTF_8));
    }

    /**
     * The close frame payload for this status: empty for {@link CloseCode#NO_STATUS_RECEIVED},
     * otherwise the code followed by the UTF-8 reason.
     *
     * @throws IllegalArgumentException if the code may not be sent or the reason is longer than
     *                                  {@value #MAX_REASON_BYTES} bytes in UTF-8
     */
    public ByteBuffer encode() {
        if (code == CloseCode.NO_STATUS_RECEIVED && reason.isEmpty()) {
            return ByteBuffer.allocate(0);
        }
        if (!CloseCode.isValidOnWire(code)) {
            throw new IllegalArgumentException("close code may not be sent: " + code);
        }
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        if (text.length > MAX_REASON_BYTES) {
            throw new IllegalArgumentException("close reason over " + MAX_REASON_BYTES + " bytes: " + text.length);
        }
        ByteBuffer out = ByteBuffer.allocate(2 + text.length);
        out.putShort((short) code).put(text).flip();
        return out;
    }

    /**
     * A copy whose reason is cut, on a character boundary, to fit {@value #MAX_REASON_BYTES}
     * bytes of UTF-8: useful when a reason comes from an exception message.
     */
    public CloseStatus truncated() {
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        if (text.length <= MAX_REASON_BYTES) {
            return this;
        }
        int end = MAX_REASON_BYTES;
        while (end > 0 && (text[end] & 0xC0) == 0x80) {
            end--;
        }
        return new CloseStatus(code, new String(text, 0, end, StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return code + (reason.isEmpty() ? "" : " " + reason) + " (" + CloseCode.describe(code) + ")";
    }
}

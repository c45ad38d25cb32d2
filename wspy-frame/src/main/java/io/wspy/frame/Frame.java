package io.wspy.frame;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One WebSocket frame: FIN, RSV1-3, opcode, an optional masking key and the (unmasked) payload.
 *
 * <p>A {@code Frame} is immutable. Factories that take a {@code byte[]} or {@link ByteBuffer}
 * wrap it without copying: the caller hands the bytes over and must not change them afterwards.
 *
 * <p>A frame is not checked against the protocol's rules when it is built, so that tools can craft
 * frames the RFC forbids (a fragmented ping, a reserved opcode) to test a peer. The
 * {@link FrameDecoder} enforces the rules on everything it receives, and the factories below
 * ({@link #close(int, String)} for one) build only valid frames.
 *
 * <p>The masking key says how the frame is masked on the wire. A client's {@link FrameEncoder}
 * masks every frame, with a fresh random key unless the frame carries its own; a frame with a key
 * chosen by {@link #withMaskingKey(int)} is sent with exactly that key.
 */
public final class Frame implements FrameHeader {
    /** Largest payload a control frame may carry (RFC 6455 section 5.5). */
    public static final int MAX_CONTROL_PAYLOAD = 125;

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0).asReadOnlyBuffer();

    private final boolean fin;
    private final int rsv;
    private final int opcode;
    private final boolean masked;
    private final int maskingKey;
    private final ByteBuffer payload;

    /** A final, unmasked frame with no RSV bits. */
    public Frame(int opcode, byte[] payload) {
        this(true, 0, opcode, ByteBuffer.wrap(payload));
    }

    /** A final, unmasked frame with no RSV bits; the payload is the buffer's remaining bytes. */
    public Frame(int opcode, ByteBuffer payload) {
        this(true, 0, opcode, payload);
    }

    /** An unmasked frame; the payload is the buffer's remaining bytes. */
    public Frame(boolean fin, int rsv, int opcode, ByteBuffer payload) {
        this(fin, rsv, opcode, readOnly(payload), false, 0);
    }

    private Frame(boolean fin, int rsv, int opcode, ByteBuffer payload, boolean masked, int maskingKey) {
        if ((rsv & ~0b111) != 0) {
            throw new IllegalArgumentException("rsv out of range 0-7: " + rsv);
        }
        this.fin = fin;
        this.rsv = rsv;
        this.opcode = Opcode.check(opcode);
        this.payload = payload;
        this.masked = masked;
        this.maskingKey = masked ? maskingKey : 0;
    }

    private static ByteBuffer readOnly(ByteBuffer payload) {
        Objects.requireNonNull(payload, "payload");
        return payload.hasRemaining() ? payload.slice().asReadOnlyBuffer() : EMPTY;
    }

    /** A text frame with the UTF-8 encoding of {@code text}. */
    public static Frame text(String text) {
        return new Frame(Opcode.TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    /** A binary frame. */
    public static Frame binary(byte[] data) {
        return new Frame(Opcode.BINARY, data);
    }

    /** A binary frame carrying the buffer's remaining bytes. */
    public static Frame binary(ByteBuffer data) {
        return new Frame(Opcode.BINARY, data);
    }

    /** A ping with an empty payload. */
    public static Frame ping() {
        return new Frame(Opcode.PING, EMPTY);
    }

    /** A ping; the payload must not exceed {@value #MAX_CONTROL_PAYLOAD} bytes. */
    public static Frame ping(byte[] payload) {
        return control(Opcode.PING, payload);
    }

    /** A pong; the payload must not exceed {@value #MAX_CONTROL_PAYLOAD} bytes. */
    public static Frame pong(byte[] payload) {
        return control(Opcode.PONG, payload);
    }

    /** A close frame with no status (an empty payload). */
    public static Frame close() {
        return new Frame(Opcode.CLOSE, EMPTY);
    }

    /**
     * A close frame with a status code and a reason.
     *
     * @throws IllegalArgumentException if the code may not be sent or the reason is too long
     */
    public static Frame close(int code, String reason) {
        return close(new CloseStatus(code, reason));
    }

    /** A close frame for {@code status}; see {@link CloseStatus#encode()}. */
    public static Frame close(CloseStatus status) {
        return new Frame(Opcode.CLOSE, status.encode());
    }

    private static Frame control(int opcode, byte[] payload) {
        if (payload.length > MAX_CONTROL_PAYLOAD) {
            throw new IllegalArgumentException("control frame payload over 125 bytes: " + payload.length);
        }
        return new Frame(opcode, payload);
    }

    @Override
    public boolean fin() {
        return fin;
    }

    @Override
    public int rsv() {
        return rsv;
    }

    @Override
    public int opcode() {
        return opcode;
    }

    @Override
    public boolean isMasked() {
        return masked;
    }

    @Override
    public int maskingKey() {
        return maskingKey;
    }

    @Override
    public long payloadLength() {
        return payload.remaining();
    }

    /** The payload length as an {@code int}: frames held in memory never exceed 2 GiB. */
    public int length() {
        return payload.remaining();
    }

    /** A read-only view of the unmasked payload, positioned at 0. */
    public ByteBuffer payload() {
        return payload.duplicate();
    }

    /** A copy of the unmasked payload. */
    public byte[] payloadBytes() {
        byte[] copy = new byte[payload.remaining()];
        payload.get(payload.position(), copy);
        return copy;
    }

    /** The payload decoded as UTF-8; malformed input becomes U+FFFD (use a validator to be strict). */
    public String payloadText() {
        return new String(payloadBytes(), StandardCharsets.UTF_8);
    }

    /**
     * The status this close frame carries.
     *
     * @throws IllegalStateException if this is not a close frame
     * @throws ProtocolException     if the payload is not a valid close payload
     */
    public CloseStatus closeStatus() throws ProtocolException {
        if (opcode != Opcode.CLOSE) {
            throw new IllegalStateException("not a close frame: " + Opcode.name(opcode));
        }
        return CloseStatus.parse(payload.duplicate());
    }

    /** A copy with the FIN bit set to {@code fin}. */
    public Frame withFin(boolean fin) {
        return new Frame(fin, rsv, opcode, payload, masked, maskingKey);
    }

    /** A copy with the RSV bits set to {@code rsv} (0-7). */
    public Frame withRsv(int rsv) {
        return new Frame(fin, rsv, opcode, payload, masked, maskingKey);
    }

    /** A copy with another opcode. */
    public Frame withOpcode(int opcode) {
        return new Frame(fin, rsv, opcode, payload, masked, maskingKey);
    }

    /** A copy with another payload (the buffer's remaining bytes, not copied). */
    public Frame withPayload(ByteBuffer payload) {
        return new Frame(fin, rsv, opcode, readOnly(payload), masked, maskingKey);
    }

    /** A copy that is masked on the wire with exactly {@code key} (tools use this to choose keys). */
    public Frame withMaskingKey(int key) {
        return new Frame(fin, rsv, opcode, payload, true, key);
    }

    /** A copy without a masking key. */
    public Frame withoutMask() {
        return new Frame(fin, rsv, opcode, payload, false, 0);
    }

    /**
     * Splits this data frame into a chain of frames of at most {@code maxPayload} bytes each: the
     * first keeps the opcode and RSV bits, the rest are continuations, and only the last keeps this
     * frame's FIN bit. The masking key, if any, is kept on every fragment. A frame that already
     * fits (an empty one included) is returned alone. The fragments share this frame's payload.
     *
     * @throws IllegalStateException    if this is a control frame (they cannot be fragmented)
     * @throws IllegalArgumentException if {@code maxPayload < 1}
     */
    public List<Frame> fragment(int maxPayload) {
        if (isControl()) {
            throw new IllegalStateException("control frames cannot be fragmented");
        }
        if (maxPayload < 1) {
            throw new IllegalArgumentException("maxPayload must be at least 1: " + maxPayload);
        }
        int total = payload.remaining();
        if (total <= maxPayload) {
            return List.of(this);
        }
        List<Frame> fragments = new ArrayList<>((total + maxPayload - 1) / maxPayload);
        for (int start = 0; start < total; start += maxPayload) {
            int end = Math.min(total, start + maxPayload);
            boolean first = start == 0;
            boolean last = end == total;
            ByteBuffer part = payload.slice(start, end - start);
            fragments.add(new Frame(last && fin, first ? rsv : 0, first ? opcode : Opcode.CONTINUATION,
                    part, masked, maskingKey));
        }
        return fragments;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Frame)) {
            return false;
        }
        Frame f = (Frame) o;
        return fin == f.fin && rsv == f.rsv && opcode == f.opcode && masked == f.masked
                && maskingKey == f.maskingKey && payload.equals(f.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(fin, rsv, opcode, masked, maskingKey, payload);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("Frame[").append(Opcode.name(opcode));
        if (!fin) {
            s.append(" !fin");
        }
        if (rsv != 0) {
            s.append(" rsv=").append(Integer.toBinaryString(rsv | 0b1000).substring(1));
        }
        if (masked) {
            s.append(" mask=").append(String.format("%08x", maskingKey));
        }
        return s.append(" len=").append(payload.remaining()).append(']').toString();
    }
}

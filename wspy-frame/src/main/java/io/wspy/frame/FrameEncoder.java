package io.wspy.frame;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.function.IntSupplier;

/**
 * Writes frames to caller-supplied buffers.
 *
 * <p>A client's encoder masks every frame: with the frame's own key if it has one, otherwise with a
 * fresh key from its key source ({@link MaskingKeys#secure()} by default). A server's encoder masks
 * only frames that carry a key, which tools use to test clients.
 *
 * <p>Encoding copies the payload once, straight into the destination (masking as it copies). To
 * avoid even that copy for unmasked frames, write only the header with {@link #writeHeader} and
 * hand the payload buffer to a gathering write.
 *
 * <p>Thread-safe if the key source is (the default one is).
 */
public final class FrameEncoder {
    /** Largest header: 2 bytes, a 64-bit length and a masking key. */
    public static final int MAX_HEADER_SIZE = 14;

    private final Role role;
    private final IntSupplier maskingKeys;

    /** An encoder for {@code role}, drawing keys from {@link MaskingKeys#secure()}. */
    public FrameEncoder(Role role) {
        this(role, MaskingKeys.secure());
    }

    /** An encoder for {@code role} with its own key source. */
    public FrameEncoder(Role role, IntSupplier maskingKeys) {
        this.role = Objects.requireNonNull(role, "role");
        this.maskingKeys = Objects.requireNonNull(maskingKeys, "maskingKeys");
    }

    /** The role this encoder writes for. */
    public Role role() {
        return role;
    }

    /** Bytes a header takes for this payload length, with or without a masking key. */
    public static int headerSize(long payloadLength, boolean masked) {
        int size = payloadLength < 126 ? 2 : payloadLength <= 0xFFFF ? 4 : 10;
        return masked ? size + 4 : size;
    }

    /** Bytes {@link #encode(Frame, ByteBuffer)} writes for {@code frame}. */
    public int encodedSize(Frame frame) {
        return headerSize(frame.length(), masks(frame)) + frame.length();
    }

    /**
     * Writes a frame header at {@code dst}'s position, in the shortest length encoding, and
     * advances the position past it. Nothing is written if an argument is refused.
     *
     * @throws IllegalArgumentException if the length is negative or RSV bits or opcode out of range
     * @throws BufferOverflowException  if {@code dst} has too little room
     */
    public static void writeHeader(ByteBuffer dst, boolean fin, int rsv, int opcode, long payloadLength,
                                   boolean masked, int maskingKey) {
        if (payloadLength < 0) {
            throw new IllegalArgumentException("negative payload length: " + payloadLength);
        }
        if ((rsv & ~0b111) != 0) {
            throw new IllegalArgumentException("rsv out of range 0-7: " + rsv);
        }
        Opcode.check(opcode);
        int size = headerSize(payloadLength, masked);
        if (dst.remaining() < size) {
            throw new BufferOverflowException();
        }
        int at = dst.position();
        dst.put(at, (byte) ((fin ? 0x80 : 0) | (rsv << 4) | opcode));
        int maskBit = masked ? 0x80 : 0;
        int next = at + 2;
        if (payloadLength < 126) {
            dst.put(at + 1, (byte) (maskBit | payloadLength));
        } else if (payloadLength <= 0xFFFF) {
            dst.put(at + 1, (byte) (maskBit | 126));
            dst.put(next, (byte) (payloadLength >>> 8)).put(next + 1, (byte) payloadLength);
            next += 2;
        } else {
            dst.put(at + 1, (byte) (maskBit | 127));
            for (int i = 0; i < 8; i++) {
                dst.put(next + i, (byte) (payloadLength >>> (56 - 8 * i)));
            }
            next += 8;
        }
        if (masked) {
            dst.put(next, (byte) (maskingKey >>> 24)).put(next + 1, (byte) (maskingKey >>> 16))
                    .put(next + 2, (byte) (maskingKey >>> 8)).put(next + 3, (byte) maskingKey);
        }
        dst.position(at + size);
    }

    /**
     * Writes {@code frame} (header and payload) at {@code dst}'s position.
     *
     * @throws BufferOverflowException if {@code dst} has less room than {@link #encodedSize(Frame)}
     */
    public void encode(Frame frame, ByteBuffer dst) {
        boolean masked = masks(frame);
        if (dst.remaining() < headerSize(frame.length(), masked) + frame.length()) {
            throw new BufferOverflowException();
        }
        int key = !masked ? 0 : frame.isMasked() ? frame.maskingKey() : maskingKeys.getAsInt();
        writeHeader(dst, frame.fin(), frame.rsv(), frame.opcode(), frame.length(), masked, key);
        copyPayload(frame.payload(), dst, masked, key);
    }

    /** Encodes {@code frame} into a new buffer, ready to read. */
    public ByteBuffer encode(Frame frame) {
        ByteBuffer out = ByteBuffer.allocate(encodedSize(frame));
        encode(frame, out);
        return out.flip();
    }

    /**
     * Writes a frame from its parts without building a {@link Frame}: the allocation-free path.
     * The payload is {@code payload}'s remaining bytes, which are consumed. A client masks it with a
     * fresh key.
     *
     * @throws BufferOverflowException if {@code dst} has too little room
     */
    public void encode(boolean fin, int rsv, int opcode, ByteBuffer payload, ByteBuffer dst) {
        boolean masked = role.masksOutgoing();
        int length = payload.remaining();
        if (dst.remaining() < headerSize(length, masked) + length) {
            throw new BufferOverflowException();
        }
        int key = masked ? maskingKeys.getAsInt() : 0;
        writeHeader(dst, fin, rsv, opcode, length, masked, key);
        copyPayload(payload, dst, masked, key);
    }

    /** Whether {@code frame} goes out masked from this encoder. */
    public boolean masks(Frame frame) {
        return role.masksOutgoing() || frame.isMasked();
    }

    private static void copyPayload(ByteBuffer payload, ByteBuffer dst, boolean masked, int key) {
        if (masked) {
            Masking.mask(payload, dst, key, 0);
        } else {
            dst.put(payload);
        }
    }
}

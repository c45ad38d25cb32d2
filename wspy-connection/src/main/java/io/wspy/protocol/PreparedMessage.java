package io.wspy.protocol;

import io.wspy.frame.FrameEncoder;
import io.wspy.frame.Opcode;

import java.nio.ByteBuffer;

/**
 * A message encoded once, as a server writes it, to be sent to many connections (a broadcast).
 * Server connections without extensions write these very bytes, so a message sent to thousands
 * of clients is neither encoded nor copied thousands of times; other connections encode the
 * {@linkplain #message() message} themselves. Immutable and thread-safe.
 */
public final class PreparedMessage {
    private final Message message;
    private final int fragmentSize;
    private final ByteBuffer frames;

    /**
     * Encodes {@code message} as unmasked frames of at most {@code fragmentSize} payload bytes
     * each (0 for a single frame), matching {@link ProtocolConfig#fragmentSize()} of the
     * connections it is for.
     *
     * @throws IllegalArgumentException if {@code fragmentSize} is negative
     */
    public PreparedMessage(Message message, int fragmentSize) {
        if (fragmentSize < 0) {
            throw new IllegalArgumentException("fragmentSize must not be negative: " + fragmentSize);
        }
        this.message = message;
        this.fragmentSize = fragmentSize;
        this.frames = encode(message.payload(), message.opcode(), fragmentSize).asReadOnlyBuffer();
    }

    private static ByteBuffer encode(ByteBuffer payload, int opcode, int fragmentSize) {
        int total = payload.remaining();
        int step = fragmentSize == 0 || total == 0 ? Math.max(total, 1) : fragmentSize;
        int frameCount = Math.max(1, (total + step - 1) / step);
        long size = total;
        for (int i = 0; i < frameCount; i++) {
            size += FrameEncoder.headerSize(Math.min(step, total - (long) i * step), false);
        }
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("message too large to prepare: " + total + " bytes");
        }
        ByteBuffer out = ByteBuffer.allocate((int) size);
        int frameOpcode = opcode;
        for (int i = 0; i < frameCount; i++) {
            int n = Math.min(step, payload.remaining());
            FrameEncoder.writeHeader(out, i == frameCount - 1, 0, frameOpcode, n, false, 0);
            out.put(payload.slice(payload.position(), n));
            payload.position(payload.position() + n);
            frameOpcode = Opcode.CONTINUATION;
        }
        return out.flip();
    }

    /** The message. */
    public Message message() {
        return message;
    }

    /** The largest frame payload the message was split into; 0 for a single frame. */
    public int fragmentSize() {
        return fragmentSize;
    }

    /** The encoded frames, as a read-only buffer positioned at 0. */
    public ByteBuffer frames() {
        return frames.duplicate();
    }
}

package io.wspy.cluster.internal;

import io.wspy.protocol.BinaryMessage;
import io.wspy.protocol.Message;
import io.wspy.protocol.TextMessage;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A room message as it travels between nodes: the publishing node's id, its sequence number for
 * the channel in this run of the node (its incarnation, so that a restarted node with the same id
 * starts a new sequence), the message type and the payload.
 *
 * <pre>
 * byte version (1) | byte type (1 text, 2 binary) | short origin length | origin (UTF-8) | long incarnation | long seq | payload
 * </pre>
 */
public record Envelope(String origin, long incarnation, long seq, Message message) {
    private static final byte VERSION = 1;
    private static final byte TEXT = 1;
    private static final byte BINARY = 2;
    private static final int HEADER = 1 + 1 + 2 + 8 + 8;

    /** The bytes of {@code message} from run {@code incarnation} of node {@code origin}, number {@code seq}. */
    public static byte[] encode(byte[] origin, long incarnation, long seq, Message message) {
        ByteBuffer payload = message.payload();
        ByteBuffer out = ByteBuffer.allocate(HEADER + origin.length + payload.remaining());
        out.put(VERSION).put(message.isText() ? TEXT : BINARY).putShort((short) origin.length).put(origin)
                .putLong(incarnation).putLong(seq).put(payload);
        return out.array();
    }

    /**
     * Reads an envelope.
     *
     * @throws IllegalArgumentException if the bytes are not an envelope of this version
     */
    public static Envelope decode(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        if (bytes.length < HEADER || in.get() != VERSION) {
            throw new IllegalArgumentException("not a wspy-cluster envelope of version " + VERSION);
        }
        byte type = in.get();
        int originLength = in.getShort() & 0xFFFF;
        if (type != TEXT && type != BINARY || in.remaining() < originLength + 16) {
            throw new IllegalArgumentException("malformed wspy-cluster envelope");
        }
        String origin = new String(bytes, in.position(), originLength, StandardCharsets.UTF_8);
        in.position(in.position() + originLength);
        long incarnation = in.getLong();
        long seq = in.getLong();
        int offset = in.position();
        Message message = type == TEXT
                ? new TextMessage(new String(bytes, offset, bytes.length - offset, StandardCharsets.UTF_8))
                : new BinaryMessage(ByteBuffer.wrap(bytes, offset, bytes.length - offset).slice());
        return new Envelope(origin, incarnation, seq, message);
    }
}

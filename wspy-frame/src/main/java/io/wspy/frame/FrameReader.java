package io.wspy.frame;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * Turns a byte stream into whole {@link Frame}s: a {@link FrameDecoder} that collects each frame's
 * payload. For tools and tests; a connection uses the decoder directly and never holds a frame.
 *
 * <p>Frames that were masked on the wire keep their masking key. The payload buffer is allocated
 * once the header has passed the decoder's checks, so its size never exceeds
 * {@link DecoderConfig#maxPayload()}; a frame too large for an array fails with
 * {@link CloseCode#MESSAGE_TOO_BIG} whatever the limit.
 */
public final class FrameReader {
    /** The largest array most VMs allocate. */
    private static final int MAX_IN_MEMORY = Integer.MAX_VALUE - 8;
    /** The first buffer for a frame's payload; it grows as the payload arrives. */
    private static final int INITIAL_PAYLOAD_BUFFER = 16 * 1024;

    private final FrameDecoder decoder;
    private final ArrayDeque<Frame> ready = new ArrayDeque<>();
    private final Collector collector = new Collector();

    /** A reader with {@link DecoderConfig#of(Role) default} settings for {@code role}. */
    public FrameReader(Role role) {
        this(DecoderConfig.of(role));
    }

    /** A reader with the given settings. */
    public FrameReader(DecoderConfig config) {
        this.decoder = new FrameDecoder(config);
    }

    /**
     * Decodes {@code bytes}' remaining bytes. The bytes themselves are left untouched.
     *
     * @throws ProtocolException if the stream breaks the protocol
     */
    public void feed(ByteBuffer bytes) throws ProtocolException {
        ByteBuffer copy = ByteBuffer.allocate(bytes.remaining());
        copy.put(bytes.duplicate()).flip();
        bytes.position(bytes.limit());
        decoder.decode(copy, collector);
    }

    /** Decodes {@code bytes[offset, offset + length)}, leaving the array untouched. */
    public void feed(byte[] bytes, int offset, int length) throws ProtocolException {
        feed(ByteBuffer.wrap(bytes, offset, length));
    }

    /** The next complete frame, or {@code null} if none is complete yet. */
    public Frame poll() {
        return ready.poll();
    }

    /** How many complete frames wait to be polled. */
    public int available() {
        return ready.size();
    }

    /** Whether no partial frame is pending. */
    public boolean isAtFrameBoundary() {
        return decoder.isAtFrameBoundary();
    }

    private final class Collector implements FrameListener {
        private boolean fin;
        private int rsv;
        private int opcode;
        private boolean masked;
        private int maskingKey;
        private ByteBuffer payload;
        private long length;

        @Override
        public void onFrameStart(FrameHeader header) throws ProtocolException {
            if (header.payloadLength() > MAX_IN_MEMORY) {
                throw new ProtocolException(CloseCode.MESSAGE_TOO_BIG,
                        "frame payload of " + header.payloadLength() + " bytes is too large to hold in memory");
            }
            fin = header.fin();
            rsv = header.rsv();
            opcode = header.opcode();
            masked = header.isMasked();
            maskingKey = header.maskingKey();
            length = header.payloadLength();
            // Memory follows the bytes that arrive, not the length a header announces.
            payload = ByteBuffer.allocate((int) Math.min(length, INITIAL_PAYLOAD_BUFFER));
        }

        @Override
        public void onFramePayload(ByteBuffer chunk) {
            if (payload.remaining() < chunk.remaining()) {
                int needed = payload.position() + chunk.remaining();
                int grown = (int) Math.min(length, Math.max(needed, 2L * payload.capacity()));
                payload = ByteBuffer.allocate(grown).put(payload.flip());
            }
            payload.put(chunk);
        }

        @Override
        public void onFrameEnd() {
            Frame frame = new Frame(fin, rsv, opcode, payload.flip());
            ready.add(masked ? frame.withMaskingKey(maskingKey) : frame);
            payload = null;
        }
    }
}

package io.wspy.frame;

import java.nio.ByteBuffer;

/**
 * An incremental, allocation-free frame decoder.
 *
 * <p>Feed it bytes in chunks of any size, down to one byte at a time; it calls its
 * {@link FrameListener} as headers and payload bytes become available, without buffering payload.
 * It enforces RFC 6455 section 5 on every frame:
 * <ul>
 *   <li>reserved opcodes (unless an extension claims them) and RSV bits no extension claims;</li>
 *   <li>control frames that are fragmented or carry more than 125 bytes;</li>
 *   <li>masking by role: a server rejects unmasked frames, a client rejects masked ones;</li>
 *   <li>64-bit lengths with the top bit set, and lengths not in their shortest encoding;</li>
 *   <li>the configured maximum payload, checked from the header before the payload is read.</li>
 * </ul>
 * Violations raise a {@link ProtocolException} carrying the close code to send (1002, or 1009 for
 * a payload over the limit). After an error the decoder stays failed.
 *
 * <p>Masked payloads reach the listener through {@link FrameListener#onMaskedFramePayload}, which
 * unmasks them in place in the caller's buffer unless the listener unmasks them while copying: the
 * buffer must therefore be writable. Not thread-safe: a decoder belongs to one inbound stream.
 */
public final class FrameDecoder {
    private static final int DEFINED_OPCODES = (1 << Opcode.CONTINUATION) | (1 << Opcode.TEXT)
            | (1 << Opcode.BINARY) | (1 << Opcode.CLOSE) | (1 << Opcode.PING) | (1 << Opcode.PONG);

    private final DecoderConfig config;
    private final int allowedOpcodes;
    private final Header header = new Header();

    /** Header bytes collected while a header arrives split across chunks. */
    /** Allocated the first time a header is split, so that an idle decoder holds no buffer. */
    private ByteBuffer partialHeader;
    private int partialFill;

    private boolean inPayload;
    private long remaining;
    private int maskPhase;
    private ProtocolException failure;

    /** A decoder with {@link DecoderConfig#of(Role) default} settings for {@code role}. */
    public FrameDecoder(Role role) {
        this(DecoderConfig.of(role));
    }

    /** A decoder with the given settings. */
    public FrameDecoder(DecoderConfig config) {
        this.config = config;
        this.allowedOpcodes = DEFINED_OPCODES | config.extensionOpcodes();
    }

    /** The settings this decoder enforces. */
    public DecoderConfig config() {
        return config;
    }

    /**
     * Decodes all of {@code src}'s remaining bytes, calling {@code listener} for what they complete.
     * On return the buffer's position equals its limit; a partial header is kept for the next call.
     *
     * @throws ProtocolException if the stream breaks the protocol, now or in an earlier call
     */
    public void decode(ByteBuffer src, FrameListener listener) throws ProtocolException {
        if (failure != null) {
            throw failure;
        }
        try {
            while (src.hasRemaining()) {
                if (!inPayload) {
                    if (!readHeader(src)) {
                        return;
                    }
                    listener.onFrameStart(header);
                    if (remaining == 0) {
                        listener.onFrameEnd();
                        continue;
                    }
                    inPayload = true;
                } else {
                    readPayload(src, listener);
                }
            }
        } catch (ProtocolException e) {
            failure = e;
            throw e;
        }
    }

    /** Whether the decoder is between frames (no partial header or payload pending). */
    public boolean isAtFrameBoundary() {
        return !inPayload && partialFill == 0;
    }

    private void readPayload(ByteBuffer src, FrameListener listener) throws ProtocolException {
        int start = src.position();
        int limit = src.limit();
        int n = (int) Math.min(remaining, limit - start);
        src.limit(start + n);
        try {
            if (header.masked) {
                listener.onMaskedFramePayload(src, header.maskingKey, maskPhase);
                maskPhase = (maskPhase + n) & 3;
            } else {
                listener.onFramePayload(src);
            }
        } finally {
            src.limit(limit); // the caller's buffer is whole again even if the listener failed
        }
        src.position(start + n);
        remaining -= n;
        if (remaining == 0) {
            inPayload = false;
            listener.onFrameEnd();
        }
    }

    private boolean readHeader(ByteBuffer src) throws ProtocolException {
        if (partialFill == 0 && src.remaining() >= 2) {
            int at = src.position();
            int b0 = src.get(at) & 0xFF;
            int b1 = src.get(at + 1) & 0xFF;
            int size = headerSize(b1);
            if (src.remaining() >= size) {
                parseHeader(src, at, b0, b1);
                src.position(at + size);
                return true;
            }
        }
        while (src.hasRemaining()) {
            if (partialHeader == null) {
                partialHeader = ByteBuffer.allocate(FrameEncoder.MAX_HEADER_SIZE);
            }
            partialHeader.put(partialFill++, src.get());
            if (partialFill >= 2) {
                int b0 = partialHeader.get(0) & 0xFF;
                int b1 = partialHeader.get(1) & 0xFF;
                if (partialFill == 2) {
                    checkFirstBytes(b0, b1); // fail fast, before the rest of the header arrives
                }
                if (partialFill == headerSize(b1)) {
                    partialFill = 0;
                    parseHeader(partialHeader, 0, b0, b1);
                    return true;
                }
            }
        }
        return false;
    }

    private static int headerSize(int b1) {
        int length7 = b1 & 0x7F;
        int size = 2 + (length7 == 126 ? 2 : length7 == 127 ? 8 : 0);
        return (b1 & 0x80) != 0 ? size + 4 : size;
    }

    private void checkFirstBytes(int b0, int b1) throws ProtocolException {
        int opcode = b0 & 0x0F;
        int rsv = (b0 >>> 4) & 0b111;
        boolean masked = (b1 & 0x80) != 0;
        if ((allowedOpcodes & (1 << opcode)) == 0) {
            throw protocolError("reserved opcode " + Opcode.name(opcode));
        }
        if (Opcode.isControl(opcode)) {
            if (rsv != 0) {
                throw protocolError("RSV bits set on a control frame");
            }
            if ((b0 & 0x80) == 0) {
                throw protocolError("fragmented control frame");
            }
            if ((b1 & 0x7F) > Frame.MAX_CONTROL_PAYLOAD) {
                throw protocolError("control frame payload over 125 bytes");
            }
        } else if ((rsv & ~config.allowedRsv()) != 0) {
            throw protocolError("RSV bits not claimed by a negotiated extension: " + rsv);
        }
        if (masked != config.role().expectsMaskedIncoming()) {
            throw protocolError(masked ? "masked frame sent by a server" : "unmasked frame sent by a client");
        }
    }

    private void parseHeader(ByteBuffer buf, int at, int b0, int b1) throws ProtocolException {
        checkFirstBytes(b0, b1);
        int length7 = b1 & 0x7F;
        int next = at + 2;
        long length;
        if (length7 == 126) {
            length = ((buf.get(next) & 0xFF) << 8) | (buf.get(next + 1) & 0xFF);
            next += 2;
            if (length < 126) {
                throw protocolError("payload length " + length + " not in its shortest encoding");
            }
        } else if (length7 == 127) {
            length = 0;
            for (int i = 0; i < 8; i++) {
                length = (length << 8) | (buf.get(next + i) & 0xFF);
            }
            next += 8;
            if (length < 0) {
                throw protocolError("64-bit payload length with the most significant bit set");
            }
            if (length <= 0xFFFF) {
                throw protocolError("payload length " + length + " not in its shortest encoding");
            }
        } else {
            length = length7;
        }
        if (length > config.maxPayload()) {
            throw new ProtocolException(CloseCode.MESSAGE_TOO_BIG,
                    "frame payload of " + length + " bytes exceeds the limit of " + config.maxPayload());
        }
        header.fin = (b0 & 0x80) != 0;
        header.rsv = (b0 >>> 4) & 0b111;
        header.opcode = b0 & 0x0F;
        header.masked = (b1 & 0x80) != 0;
        header.maskingKey = header.masked ? ((buf.get(next) & 0xFF) << 24) | ((buf.get(next + 1) & 0xFF) << 16)
                | ((buf.get(next + 2) & 0xFF) << 8) | (buf.get(next + 3) & 0xFF) : 0;
        header.payloadLength = length;
        remaining = length;
        maskPhase = 0;
    }

    private static ProtocolException protocolError(String message) {
        return new ProtocolException(CloseCode.PROTOCOL_ERROR, message);
    }

    /** The current frame's header, reused from frame to frame. */
    private static final class Header implements FrameHeader {
        boolean fin;
        int rsv;
        int opcode;
        boolean masked;
        int maskingKey;
        long payloadLength;

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
            return payloadLength;
        }

        @Override
        public String toString() {
            return "FrameHeader[" + Opcode.name(opcode) + (fin ? "" : " !fin") + " rsv=" + rsv
                    + " len=" + payloadLength + "]";
        }
    }
}

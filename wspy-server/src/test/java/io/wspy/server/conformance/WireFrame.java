package io.wspy.server.conformance;

import io.wspy.frame.Opcode;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * One frame as the peer under test put it on the wire, read without judging it: the suite's own
 * reader, independent of the library's decoder, so that what the peer sends is checked by code
 * that does not share its bugs.
 *
 * @param maskingKey the masking key, 0 if not masked
 * @param payload    the unmasked payload
 */
record WireFrame(boolean fin, int rsv, int opcode, boolean masked, int maskingKey, byte[] payload) {
    /** Largest payload the suite reads: more than any case makes a peer send. */
    private static final long MAX_PAYLOAD = 64L << 20;

    boolean isControl() {
        return (opcode & 0x8) != 0;
    }

    /**
     * Reads the next frame.
     *
     * @return the frame, or {@code null} at the end of the stream between frames
     * @throws EOFException if the stream ends inside a frame
     */
    static WireFrame read(InputStream in) throws IOException {
        int b0 = in.read();
        if (b0 < 0) {
            return null;
        }
        int b1 = readByte(in);
        long length = b1 & 0x7F;
        if (length == 126) {
            length = (readByte(in) << 8) | readByte(in);
        } else if (length == 127) {
            length = 0;
            for (int i = 0; i < 8; i++) {
                length = (length << 8) | readByte(in);
            }
        }
        if (length < 0 || length > MAX_PAYLOAD) {
            throw new IOException("the peer announced a payload of " + Long.toUnsignedString(length) + " bytes");
        }
        boolean masked = (b1 & 0x80) != 0;
        byte[] key = new byte[4];
        if (masked) {
            readFully(in, key);
        }
        byte[] payload = new byte[(int) length];
        readFully(in, payload);
        if (masked) {
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= key[i & 3];
            }
        }
        int maskingKey = (key[0] & 0xFF) << 24 | (key[1] & 0xFF) << 16 | (key[2] & 0xFF) << 8 | (key[3] & 0xFF);
        return new WireFrame((b0 & 0x80) != 0, (b0 >>> 4) & 7, b0 & 0x0F, masked, maskingKey, payload);
    }

    private static int readByte(InputStream in) throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("the stream ended inside a frame header");
        }
        return b;
    }

    private static void readFully(InputStream in, byte[] into) throws IOException {
        int at = 0;
        while (at < into.length) {
            int n = in.read(into, at, into.length - at);
            if (n < 0) {
                throw new EOFException("the stream ended inside a frame, " + at + " of " + into.length + " bytes read");
            }
            at += n;
        }
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(Opcode.name(opcode));
        if (!fin) {
            s.append(" !fin");
        }
        if (rsv != 0) {
            s.append(" rsv=").append(rsv);
        }
        if (masked) {
            s.append(" masked");
        }
        s.append(" len=").append(payload.length);
        if (opcode == Opcode.CLOSE && payload.length >= 2) {
            s.append(" code=").append(((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF));
        }
        return s.toString();
    }
}

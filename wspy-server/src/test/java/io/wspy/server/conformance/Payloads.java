package io.wspy.server.conformance;

import io.wspy.frame.Frame;
import io.wspy.frame.Opcode;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

/** Deterministic test payloads and hand-made frames. */
final class Payloads {
    private static final String[] WORDS = {"wspy ", "κόσμε ", "frame ", "日本語 ", "Größe ", "🙂 ", "echo ", "данные "};

    private Payloads() {
    }

    /** Valid UTF-8 of exactly {@code n} bytes, mixing one- to four-byte characters. */
    static byte[] text(int n) {
        byte[] out = new byte[n];
        Random r = new Random(n);
        int at = 0;
        while (at < n) {
            byte[] w = WORDS[r.nextInt(WORDS.length)].getBytes(StandardCharsets.UTF_8);
            if (at + w.length > n) {
                Arrays.fill(out, at, n, (byte) 'x');
                break;
            }
            System.arraycopy(w, 0, out, at, w.length);
            at += w.length;
        }
        return out;
    }

    /** {@code n} pseudo-random bytes. */
    static byte[] binary(int n) {
        byte[] out = new byte[n];
        new Random(31L * n + 7).nextBytes(out);
        return out;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        ByteBuffer b = ByteBuffer.allocate(n);
        for (byte[] p : parts) {
            b.put(p);
        }
        return b.array();
    }

    /**
     * Data whose repeats lie further back than every window from 2^8 to 2^14 bytes: a compressor
     * that ignores a negotiated window would reach for them.
     */
    static byte[] farRepeats() {
        byte[] block = binary(200);
        byte[][] parts = new byte[14][];
        int[] gaps = {300, 600, 1200, 2400, 4800, 9600, 20000};
        for (int i = 0; i < gaps.length; i++) {
            parts[2 * i] = block;
            parts[2 * i + 1] = binary(gaps[i]);
        }
        return concat(parts);
    }

    /** A frame with any opcode, RSV bits and FIN, built without the factories' checks. */
    static Frame frame(boolean fin, int rsv, int opcode, byte[] payload) {
        return new Frame(fin, rsv, opcode, ByteBuffer.wrap(payload));
    }

    static Frame text(boolean fin, byte[] payload) {
        return frame(fin, 0, Opcode.TEXT, payload);
    }

    static Frame continuation(boolean fin, byte[] payload) {
        return frame(fin, 0, Opcode.CONTINUATION, payload);
    }

    /** A close frame with any code (valid or not) and reason bytes. */
    static Frame close(int code, byte[] reason) {
        return new Frame(Opcode.CLOSE, concat(bytes(code >>> 8, code), reason));
    }

    /**
     * A frame header with a non-minimal or otherwise odd length field, followed by the payload;
     * masked with a zero key when {@code masked} (so the payload goes out as it is).
     *
     * @param lengthField 126 or 127, or the 7-bit length itself
     * @param extended    the bytes of the extended length field
     */
    static byte[] oddLengthFrame(int b0, int lengthField, byte[] extended, boolean masked, byte[] payload) {
        byte[] header = concat(bytes(b0, (masked ? 0x80 : 0) | lengthField), extended,
                masked ? new byte[4] : new byte[0]);
        return concat(header, payload);
    }
}

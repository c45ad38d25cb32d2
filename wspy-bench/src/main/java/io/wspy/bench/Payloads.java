package io.wspy.bench;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/** Deterministic inputs for the benchmarks, built without wspy so that every contender gets the same bytes. */
final class Payloads {
    /**
     * Payload bytes in a decoding input buffer: about what one socket read brings, so the buffer
     * stays in the L2 cache and no decoder is judged on a backlog of frames it would never see.
     */
    static final int PAYLOAD_PER_BUFFER = 64 << 10;
    /** But never fewer frames than this in a buffer. */
    static final int MIN_FRAMES_PER_BUFFER = 4;

    /** JSON-like text with a two-byte and a three-byte character, so validators leave their ASCII fast path. */
    private static final String TEXT_TEMPLATE =
            "{\"id\":4217,\"user\":\"Zoë\",\"price\":\"12.50€\",\"tags\":[\"ws\",\"json\"],\"ok\":true},";

    private Payloads() {
    }

    /** {@code size} random bytes from a fixed seed. */
    static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    /** Exactly {@code size} bytes of valid UTF-8: whole characters of the template, padded with spaces. */
    static byte[] text(int size) {
        byte[] out = new byte[size];
        int filled = 0;
        int at = 0;
        while (true) {
            int codePoint = TEXT_TEMPLATE.codePointAt(at);
            byte[] encoded = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8);
            if (filled + encoded.length > size) {
                break;
            }
            System.arraycopy(encoded, 0, out, filled, encoded.length);
            filled += encoded.length;
            at = (at + Character.charCount(codePoint)) % TEXT_TEMPLATE.length();
        }
        java.util.Arrays.fill(out, filled, size, (byte) ' ');
        return out;
    }

    /** How many frames of {@code payloadSize} bytes a decoding input buffer holds. */
    static int framesPerBuffer(int payloadSize) {
        return Math.max(MIN_FRAMES_PER_BUFFER, PAYLOAD_PER_BUFFER / payloadSize);
    }

    /** Masked client frames of {@code opcode} carrying {@code payload}, each with its own key, back to back. */
    static byte[] maskedFrames(int opcode, byte[] payload, int frames) {
        Random keys = new Random(42);
        ByteArrayOutputStream out = new ByteArrayOutputStream(frames * (payload.length + 14));
        for (int f = 0; f < frames; f++) {
            int length = payload.length;
            out.write(0x80 | opcode); // FIN
            if (length < 126) {
                out.write(0x80 | length);
            } else if (length <= 0xFFFF) {
                out.write(0x80 | 126);
                out.write(length >>> 8);
                out.write(length);
            } else {
                out.write(0x80 | 127);
                for (int shift = 56; shift >= 0; shift -= 8) {
                    out.write((int) ((long) length >>> shift));
                }
            }
            byte[] key = new byte[4];
            keys.nextBytes(key);
            out.write(key, 0, 4);
            for (int i = 0; i < length; i++) {
                out.write(payload[i] ^ key[i & 3]);
            }
        }
        return out.toByteArray();
    }
}

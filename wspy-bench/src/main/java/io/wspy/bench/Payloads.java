package io.wspy.bench;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/** Deterministic inputs for the benchmarks, built without wspy so that every contender gets the same bytes. */
public final class Payloads {
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

    /**
     * Exactly {@code size} bytes of a JSON array of objects, as an API or a game server sends them:
     * the same keys in every object, numbers, short strings (a few non-ASCII), booleans, padded
     * with spaces. Messages of different {@code seed}s share their structure but not their values,
     * which is what context takeover thrives on.
     */
    public static byte[] json(int size, long seed) {
        Random random = new Random(seed);
        String[] cities = {"Zürich", "Lyon", "Kraków", "Oslo", "Sevilla", "Porto", "Ghent", "Malmö"};
        String[] states = {"active", "idle", "away", "busy"};
        ByteArrayOutputStream out = new ByteArrayOutputStream(size);
        out.write('[');
        while (true) {
            String object = (out.size() > 1 ? "," : "")
                    + "{\"id\":" + (100_000 + random.nextInt(900_000))
                    + ",\"user\":\"user" + random.nextInt(10_000) + '"'
                    + ",\"city\":\"" + cities[random.nextInt(cities.length)] + '"'
                    + ",\"status\":\"" + states[random.nextInt(states.length)] + '"'
                    + ",\"score\":" + random.nextInt(100_000) / 100.0
                    + ",\"online\":" + random.nextBoolean()
                    + ",\"tags\":[\"t" + random.nextInt(50) + "\",\"t" + random.nextInt(50) + "\"]}";
            byte[] bytes = object.getBytes(StandardCharsets.UTF_8);
            if (out.size() + bytes.length + 1 > size) {
                break;
            }
            out.write(bytes, 0, bytes.length);
        }
        out.write(']');
        byte[] result = java.util.Arrays.copyOf(out.toByteArray(), size);
        java.util.Arrays.fill(result, Math.min(out.size(), size), size, (byte) ' ');
        return result;
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

package io.wspy.extensions;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/** Test data. */
final class Bytes {
    private Bytes() {
    }

    /** Parses {@code "0xc1 0x07 ..."} as the RFC prints bytes. */
    static byte[] hex(String spaced) {
        String[] parts = spaced.trim().split("\\s+");
        byte[] bytes = new byte[parts.length];
        for (int i = 0; i < parts.length; i++) {
            bytes[i] = (byte) Integer.parseInt(parts[i].substring(2), 16);
        }
        return bytes;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Text-like data: words from a small vocabulary, so it compresses like real messages. */
    static byte[] text(long seed, int length) {
        String[] words = {"websocket", "frame", "deflate", "message", "window", "context", "takeover",
            "server", "client", "the", "a", "of", "compressed", "payload", "\n", "{\"id\":", "}", "42"};
        Random random = new Random(seed);
        StringBuilder s = new StringBuilder(length + 16);
        while (s.length() < length) {
            s.append(words[random.nextInt(words.length)]).append(' ');
        }
        return utf8(s.substring(0, length));
    }

    static byte[] random(long seed, int length) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /**
     * Random data in which a 64-byte block comes back after each of the given distances, so that a
     * 32 KiB-window compressor makes exactly those back-references.
     */
    static byte[] repeatsAt(long seed, int... distances) {
        Random random = new Random(seed);
        int total = 0;
        for (int d : distances) {
            total += d + 64;
        }
        byte[] data = new byte[total];
        int at = 0;
        for (int d : distances) {
            byte[] chunk = new byte[d];
            random.nextBytes(chunk);
            System.arraycopy(chunk, 0, data, at, d);
            System.arraycopy(chunk, 0, data, at + d, 64);
            at += d + 64;
        }
        return data;
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] all = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }
}

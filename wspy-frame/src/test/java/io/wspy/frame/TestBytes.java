package io.wspy.frame;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Random;

/** Byte helpers shared by the tests: hex literals, random data and a naive masking reference. */
final class TestBytes {
    private TestBytes() {
    }

    /** Bytes from hex pairs, spaces ignored: {@code hex("81 05 48")}. */
    static byte[] hex(String hex) {
        String digits = hex.replace(" ", "");
        if (digits.length() % 2 != 0) {
            throw new IllegalArgumentException("odd number of hex digits: " + hex);
        }
        byte[] out = new byte[digits.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(digits.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }

    /** The concatenation of the arrays. */
    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** {@code length} random bytes. */
    static byte[] random(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    /** The bytes between the buffer's position and limit, without moving it. */
    static byte[] remaining(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    /** RFC 6455 section 5.3, byte by byte: the reference the fast kernels are checked against. */
    static byte[] naiveMask(byte[] data, int offset, int length, int key, int phase) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            int j = (phase + i) % 4;
            int keyByte = (key >>> (24 - 8 * j)) & 0xFF;
            out[i] = (byte) (data[offset + i] ^ keyByte);
        }
        return out;
    }
}

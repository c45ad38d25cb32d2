package io.wspy.handshake;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Test helpers for byte buffers. */
final class Bytes {
    private Bytes() {
    }

    static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static String latin1(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    static String remaining(ByteBuffer b) {
        byte[] rest = new byte[b.remaining()];
        b.duplicate().get(rest);
        return latin1(rest);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** Something that consumes buffers until it yields a result. */
    interface Feeder<T> {
        T feed(ByteBuffer in) throws Exception;
    }

    /**
     * Feeds {@code data} in two pieces split at {@code split}, the second piece being the rest of
     * the stream; returns the result and leaves the unconsumed bytes in {@code rest}.
     */
    static <T> T feedSplit(byte[] data, int split, Feeder<T> feeder, ByteBuffer[] rest) throws Exception {
        ByteBuffer first = ByteBuffer.wrap(data, 0, split);
        T result = feeder.feed(first);
        if (result != null) {
            rest[0] = ByteBuffer.allocate(first.remaining() + data.length - split)
                    .put(first).put(data, split, data.length - split).flip();
            return result;
        }
        ByteBuffer second = ByteBuffer.wrap(data, split, data.length - split).slice();
        result = feeder.feed(second);
        rest[0] = second;
        return result;
    }

    /** Feeds {@code data} one byte at a time; returns the result and the bytes after it in {@code rest}. */
    static <T> T feedBytewise(byte[] data, Feeder<T> feeder, ByteBuffer[] rest) throws Exception {
        for (int i = 0; i < data.length; i++) {
            ByteBuffer one = ByteBuffer.wrap(data, i, 1);
            T result = feeder.feed(one);
            if (result != null) {
                rest[0] = ByteBuffer.wrap(data, i + 1, data.length - i - 1).slice();
                if (one.hasRemaining()) {
                    throw new AssertionError("the byte that completed the result was not consumed");
                }
                return result;
            }
        }
        rest[0] = ByteBuffer.allocate(0);
        return null;
    }
}

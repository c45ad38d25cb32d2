package io.wspy.frame;

import io.wspy.frame.internal.MaskKernel;
import io.wspy.frame.internal.MaskKernels;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * Masking and unmasking (RFC 6455 section 5.3): XOR with a repeating 4-byte key.
 *
 * <p>Keys are big-endian {@code int}s: the top byte masks the first payload byte. A payload that
 * arrives in chunks is masked chunk by chunk: each method takes the <em>phase</em> (payload offset
 * modulo 4) at which the chunk starts and returns the phase after it.
 *
 * <p>Heap arrays run on SIMD registers when the {@code jdk.incubator.vector} module is resolved
 * (about memory bandwidth), eight bytes at a time otherwise.
 */
public final class Masking {
    private static final MaskKernel KERNEL = MaskKernels.best();

    private Masking() {
    }

    /** Masks {@code bytes[offset, offset + length)} in place; returns the next phase. */
    public static int mask(byte[] bytes, int offset, int length, int key, int phase) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        KERNEL.mask(bytes, offset, length, rotate(key, phase));
        return (phase + length) & 3;
    }

    /** Masks a copy of {@code src[srcOffset..]} into {@code dst[dstOffset..]}; returns the next phase. */
    public static int mask(byte[] src, int srcOffset, byte[] dst, int dstOffset, int length, int key, int phase) {
        Objects.checkFromIndexSize(srcOffset, length, src.length);
        Objects.checkFromIndexSize(dstOffset, length, dst.length);
        KERNEL.mask(src, srcOffset, dst, dstOffset, length, rotate(key, phase));
        return (phase + length) & 3;
    }

    /**
     * Masks the buffer's remaining bytes in place; the position does not move.
     *
     * @return the next phase
     */
    public static int mask(ByteBuffer buffer, int key, int phase) {
        int from = buffer.position();
        int length = buffer.remaining();
        int k = rotate(key, phase);
        if (buffer.hasArray()) {
            KERNEL.mask(buffer.array(), buffer.arrayOffset() + from, length, k);
        } else {
            maskDirect(buffer, from, buffer, from, length, k);
        }
        return (phase + length) & 3;
    }

    /**
     * Copies {@code src}'s remaining bytes masked into {@code dst}, advancing both positions.
     *
     * @return the next phase
     * @throws BufferOverflowException if {@code dst} has too little room
     */
    public static int mask(ByteBuffer src, ByteBuffer dst, int key, int phase) {
        int length = src.remaining();
        if (dst.remaining() < length) {
            throw new BufferOverflowException();
        }
        int k = rotate(key, phase);
        int s = src.position();
        int d = dst.position();
        if (src.hasArray() && dst.hasArray()) {
            KERNEL.mask(src.array(), src.arrayOffset() + s, dst.array(), dst.arrayOffset() + d, length, k);
        } else if (dst.hasArray()) {
            // One bulk copy, then the fast in-place kernel on the heap copy.
            dst.put(d, src, s, length);
            KERNEL.mask(dst.array(), dst.arrayOffset() + d, length, k);
        } else {
            maskDirect(src, s, dst, d, length, k);
        }
        src.position(s + length);
        dst.position(d + length);
        return (phase + length) & 3;
    }

    /** Masks through the buffers' accessors: direct and read-only buffers, either byte order. */
    private static void maskDirect(ByteBuffer src, int s, ByteBuffer dst, int d, int length, int key) {
        long pattern = pattern(src.order(), key);
        boolean sameOrder = src.order() == dst.order();
        int i = 0;
        for (; i + 8 <= length; i += 8) {
            long masked = src.getLong(s + i) ^ pattern;
            dst.putLong(d + i, sameOrder ? masked : Long.reverseBytes(masked));
        }
        for (; i < length; i++) {
            dst.put(d + i, (byte) (src.get(s + i) ^ (key >>> (24 - ((i & 3) << 3)))));
        }
    }

    /** The key twice, laid out so that a {@code long} read in {@code order} lines up with it. */
    static long pattern(ByteOrder order, int key) {
        long k = (order == ByteOrder.BIG_ENDIAN ? key : Integer.reverseBytes(key)) & 0xFFFF_FFFFL;
        return k | (k << 32);
    }

    /** The key as seen from payload offset {@code phase}. */
    static int rotate(int key, int phase) {
        return Integer.rotateLeft(key, (phase & 3) << 3);
    }
}

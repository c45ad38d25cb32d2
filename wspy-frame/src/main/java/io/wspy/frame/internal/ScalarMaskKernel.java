package io.wspy.frame.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Masks eight bytes at a time through a {@code long} view of the array: the portable fallback. */
final class ScalarMaskKernel implements MaskKernel {
    private static final VarHandle LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    @Override
    public void mask(byte[] a, int offset, int length, int key) {
        mask(a, offset, a, offset, length, key);
    }

    @Override
    public void mask(byte[] src, int srcOffset, byte[] dst, int dstOffset, int length, int key) {
        long pattern = littleEndianPattern(key);
        int i = 0;
        for (; i + 8 <= length; i += 8) {
            LONGS.set(dst, dstOffset + i, (long) LONGS.get(src, srcOffset + i) ^ pattern);
        }
        tail(src, srcOffset, dst, dstOffset, i, length, key);
    }

    /** The key repeated twice, laid out so that a little-endian long load lines up with it. */
    static long littleEndianPattern(int key) {
        long k = Integer.reverseBytes(key) & 0xFFFF_FFFFL;
        return k | (k << 32);
    }

    /** Masks bytes {@code from..length} one at a time; {@code from} must be a multiple of 4. */
    static void tail(byte[] src, int srcOffset, byte[] dst, int dstOffset, int from, int length, int key) {
        for (int i = from; i < length; i++) {
            dst[dstOffset + i] = (byte) (src[srcOffset + i] ^ (key >>> (24 - ((i & 3) << 3))));
        }
    }
}

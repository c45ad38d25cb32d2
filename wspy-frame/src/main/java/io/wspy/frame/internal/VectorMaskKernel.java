package io.wspy.frame.internal;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.nio.ByteOrder;

/**
 * Masks a SIMD register at a time with the Vector API. C2 does not auto-vectorise a masking loop
 * (it cannot prove the key pattern and the payload do not alias), so this is what brings masking
 * near memory bandwidth. Only loaded when {@code jdk.incubator.vector} is resolved.
 */
final class VectorMaskKernel implements MaskKernel {
    private static final VectorSpecies<Byte> BYTES = ByteVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_PREFERRED;
    private static final boolean LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

    private final ScalarMaskKernel scalar = new ScalarMaskKernel();

    @Override
    public void mask(byte[] a, int offset, int length, int key) {
        mask(a, offset, a, offset, length, key);
    }

    @Override
    public void mask(byte[] src, int srcOffset, byte[] dst, int dstOffset, int length, int key) {
        int step = BYTES.length();
        if (length < step) {
            scalar.mask(src, srcOffset, dst, dstOffset, length, key);
            return;
        }
        // Each lane group of 4 bytes holds the key in wire order; step is a multiple of 4, so the
        // key's phase is the same at the start of every vector.
        ByteVector pattern = IntVector.broadcast(INTS, LITTLE_ENDIAN ? Integer.reverseBytes(key) : key)
                .reinterpretAsBytes();
        int bound = BYTES.loopBound(length);
        int i = 0;
        for (; i < bound; i += step) {
            ByteVector.fromArray(BYTES, src, srcOffset + i)
                    .lanewise(VectorOperators.XOR, pattern)
                    .intoArray(dst, dstOffset + i);
        }
        scalar.mask(src, srcOffset + i, dst, dstOffset + i, length - i, key);
    }
}

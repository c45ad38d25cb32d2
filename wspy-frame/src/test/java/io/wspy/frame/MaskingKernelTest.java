package io.wspy.frame;

import io.wspy.frame.internal.MaskKernel;
import io.wspy.frame.internal.MaskKernels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

import java.util.Arrays;
import java.util.Random;

import static io.wspy.frame.TestBytes.naiveMask;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The masking kernels themselves. The build runs the {@code Masking*Test} classes with and without
 * {@code jdk.incubator.vector}, and this class once more with {@code -Dwspy.masking=scalar}; this
 * test states which kernel each run exercised.
 */
class MaskingKernelTest {
    private static final boolean VECTOR_MODULE = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    private static final boolean FORCED_SCALAR = "scalar".equals(System.getProperty("wspy.masking"));

    @Test
    void theVectorKernelIsUsedExactlyWhenItsModuleIsResolvedAndNotOverridden(TestReporter reporter) {
        String active = MaskKernels.best().getClass().getSimpleName();
        reporter.publishEntry("masking kernel", active);
        System.out.println("[masking] jdk.incubator.vector " + (VECTOR_MODULE ? "resolved" : "absent")
                + (FORCED_SCALAR ? ", wspy.masking=scalar" : "") + ", Java " + Runtime.version().feature()
                + ": " + active);
        assertEquals(VECTOR_MODULE && !FORCED_SCALAR ? "VectorMaskKernel" : "ScalarMaskKernel", active);
    }

    @Test
    void bestKernelMatchesTheReference() {
        assertKernel(MaskKernels.best(), new Random(71));
    }

    @Test
    void scalarKernelMatchesTheReference() {
        assertKernel(MaskKernels.scalar(), new Random(72));
        assertEquals("ScalarMaskKernel", MaskKernels.scalar().getClass().getSimpleName());
    }

    private static void assertKernel(MaskKernel kernel, Random random) {
        for (int length = 0; length <= 300; length++) {
            for (int offset = 0; offset < 4; offset++) {
                check(kernel, random, length, offset, (offset + length) % 5);
            }
        }
        for (int length : new int[] {511, 512, 513, 4093, 65536, 65539}) {
            check(kernel, random, length, random.nextInt(16), random.nextInt(16));
        }
    }

    private static void check(MaskKernel kernel, Random random, int length, int srcOffset, int dstOffset) {
        int key = random.nextInt();
        byte[] src = TestBytes.random(random, srcOffset + length + 2);
        byte[] expected = naiveMask(src, srcOffset, length, key, 0);
        String where = kernel.getClass().getSimpleName() + ", length " + length;

        byte[] dst = new byte[dstOffset + length + 2];
        kernel.mask(src, srcOffset, dst, dstOffset, length, key);
        assertArrayEquals(expected, Arrays.copyOfRange(dst, dstOffset, dstOffset + length), "copy, " + where);
        assertEquals(0, dst[dst.length - 1], "nothing written past the range, " + where);

        kernel.mask(src, srcOffset, length, key);
        assertArrayEquals(expected, Arrays.copyOfRange(src, srcOffset, srcOffset + length), "in place, " + where);
    }
}

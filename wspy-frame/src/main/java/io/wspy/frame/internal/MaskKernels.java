package io.wspy.frame.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Arrays;

/**
 * Chooses the masking kernel once, at class initialisation: the Vector API kernel when the
 * {@code jdk.incubator.vector} module is resolved and works, the scalar kernel otherwise. Setting
 * the system property {@code wspy.masking=scalar} forces the scalar kernel.
 */
public final class MaskKernels {
    private static final MaskKernel BEST = choose();

    private MaskKernels() {
    }

    /** The kernel in use. */
    public static MaskKernel best() {
        return BEST;
    }

    /** The portable kernel, regardless of the platform. */
    public static MaskKernel scalar() {
        return new ScalarMaskKernel();
    }

    private static MaskKernel choose() {
        if ("scalar".equals(System.getProperty("wspy.masking"))
                || ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return new ScalarMaskKernel();
        }
        try {
            Class<?> type = Class.forName("io.wspy.frame.internal.VectorMaskKernel");
            MaskKernel kernel = (MaskKernel) MethodHandles.lookup().findConstructor(type,
                    MethodType.methodType(void.class)).invoke();
            selfTest(kernel);
            return kernel;
        } catch (Throwable unavailable) {
            // The module is there but the kernel cannot run (an unusual VM): the fallback is correct.
            return new ScalarMaskKernel();
        }
    }

    private static void selfTest(MaskKernel kernel) {
        byte[] data = new byte[71];
        byte[] expected = new byte[data.length];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        new ScalarMaskKernel().mask(data, 0, expected, 0, data.length, 0x1A2B3C4D);
        kernel.mask(data, 0, data.length, 0x1A2B3C4D);
        if (!Arrays.equals(data, expected)) {
            throw new IllegalStateException("vector masking kernel disagrees with the scalar one");
        }
    }
}

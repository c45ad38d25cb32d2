package io.wspy.testing;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Arrays;

/**
 * What the fuzz targets of every module share (wspy-frame's src/testFixtures, compiled into the
 * tests of each module that fuzzes): a fuzz input read as a few setting bytes followed by the data, the chunk sizes a stream is fed in, and the bytes a piece of work allocates (to check
 * that memory never follows a length field past the limits).
 */
public final class FuzzInput {
    /**
     * Allocation allowed whatever the input: under Jazzer's instrumentation the comparison hooks
     * allocate too (a Digest challenge measured 280 KB there, 12 KB without), so only growth with
     * the input's size is held to a per-byte bound.
     */
    public static final long FIXED_ALLOCATION = 1 << 20;

    /**
     * {@code com.sun.management.ThreadMXBean.getCurrentThreadAllocatedBytes()}, looked up at run
     * time: the tests are compiled inside a module that does not read the management modules.
     */
    private static final MethodHandle ALLOCATED_BYTES = allocatedBytesHandle();

    private final byte[] data;
    private int at;

    public FuzzInput(byte[] data) {
        this.data = data;
    }

    /** The next setting byte (0-255), or 0 once the input is used up. */
    public int nextByte() {
        return at < data.length ? data[at++] & 0xFF : 0;
    }

    /** The rest of the input, after the settings read so far. */
    public byte[] rest() {
        return Arrays.copyOfRange(data, Math.min(at, data.length), data.length);
    }

    /**
     * Chunk sizes (each at least 1) adding up to {@code length}, derived from {@code seed}: 0 feeds
     * everything at once, other seeds give a repeatable mix of tiny and larger chunks.
     */
    public static int[] chunks(int length, int seed) {
        if (seed == 0 || length == 0) {
            return new int[] {length};
        }
        int[] sizes = new int[length];
        int n = 0;
        int state = seed * 0x9E3779B1;
        for (int left = length; left > 0; n++) {
            state = state * 1103515245 + 12345;
            int pick = (state >>> 16) & 0xFF;
            int size = pick < 128 ? 1 + pick % 3 : 1 + pick;
            sizes[n] = Math.min(size, left);
            left -= sizes[n];
        }
        return Arrays.copyOf(sizes, n);
    }

    /**
     * The fewest bytes {@code work} allocates in three runs after a first one: the first pays for
     * class loading and the fuzzer's warm-up, and any run may include what the fuzzer's hooks
     * record when they see something new; neither has to do with the input.
     */
    public static long allocationOf(Runnable work) {
        work.run();
        long fewest = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long before = allocatedBytes();
            work.run();
            fewest = Math.min(fewest, allocatedBytes() - before);
        }
        return fewest;
    }

    /** Bytes allocated by the calling thread so far. */
    private static long allocatedBytes() {
        try {
            return (long) ALLOCATED_BYTES.invoke();
        } catch (Throwable e) {
            throw new IllegalStateException("cannot read the thread's allocated bytes", e);
        }
    }

    private static MethodHandle allocatedBytesHandle() {
        try {
            Object threads = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean")
                    .invoke(null);
            Class<?> bean = Class.forName("com.sun.management.ThreadMXBean");
            return MethodHandles.publicLookup().findVirtual(bean, "getCurrentThreadAllocatedBytes",
                    MethodType.methodType(long.class)).bindTo(threads);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}

package io.wspy.bench.load;

/**
 * Round-trip times in a log-linear histogram: 32 buckets per power of two of nanoseconds, so each
 * recorded value is known to about 3%, in a fixed array (no allocation while recording).
 */
final class LatencyHistogram {
    private static final int SUB_BITS = 5;
    private static final int SUB = 1 << SUB_BITS;
    private final long[] counts = new long[64 * SUB];
    private long total;

    void record(long nanos) {
        counts[index(Math.max(0, nanos))]++;
        total++;
    }

    /** Adds every value recorded in {@code other}. */
    void add(LatencyHistogram other) {
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
        }
        total += other.total;
    }

    void reset() {
        java.util.Arrays.fill(counts, 0);
        total = 0;
    }

    long count() {
        return total;
    }

    /** The value at {@code percentile} (0-100), in nanoseconds (the upper bound of its bucket); 0 if empty. */
    long percentile(double percentile) {
        if (total == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(percentile / 100.0 * total);
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= Math.max(1, rank)) {
                return upperBound(i);
            }
        }
        return upperBound(counts.length - 1);
    }

    private static int index(long v) {
        if (v < SUB) {
            return (int) v;
        }
        int exponent = 63 - Long.numberOfLeadingZeros(v);
        int sub = (int) (v >>> (exponent - SUB_BITS)) & (SUB - 1);
        return (exponent - SUB_BITS + 1) * SUB + sub;
    }

    private static long upperBound(int index) {
        if (index < SUB) {
            return index;
        }
        int exponent = index / SUB + SUB_BITS - 1;
        long sub = index % SUB;
        return ((SUB + sub + 1) << (exponent - SUB_BITS)) - 1;
    }
}

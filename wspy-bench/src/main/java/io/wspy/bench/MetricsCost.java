package io.wspy.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * The cost of counting metrics in CPU time, for a machine that other work keeps busy: the
 * {@link MetricsBenchmark} echo without and with a {@code CountingMetrics}, in one JVM, in short
 * blocks that alternate (so both see the same load), each timed on the thread's CPU clock rather
 * than the wall clock. Prints the median CPU nanoseconds per message (one in, one out) each way and
 * the median of the paired ratios.
 *
 * <p>{@code java -cp benchmarks.jar io.wspy.bench.MetricsCost [BLOCKS [FRAMES_PER_READ]]} (default
 * 400 blocks of 500 operations each way, after a warm-up, all 64 frames in one read).
 */
public final class MetricsCost {
    private static final int OPERATIONS_PER_BLOCK = 500;

    private MetricsCost() {
    }

    public static void main(String[] args) throws Exception {
        int blocks = args.length > 0 ? Integer.parseInt(args[0]) : 400;
        int framesPerRead = args.length > 1 ? Integer.parseInt(args[1]) : MetricsBenchmark.MESSAGES;
        MetricsBenchmark none = echo("none", framesPerRead);
        MetricsBenchmark counting = echo("counting", framesPerRead);
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 100; i++) {
            block(none, cpu);
            block(counting, cpu);
        }
        double[] off = new double[blocks];
        double[] on = new double[blocks];
        double[] ratio = new double[blocks];
        for (int b = 0; b < blocks; b++) {
            // Alternate which goes first, so neither always follows the other.
            if (b % 2 == 0) {
                off[b] = block(none, cpu);
                on[b] = block(counting, cpu);
            } else {
                on[b] = block(counting, cpu);
                off[b] = block(none, cpu);
            }
            ratio[b] = on[b] / off[b];
        }
        double offMedian = median(off);
        double onMedian = median(on);
        System.out.printf(Locale.ROOT, "java %s, %d blocks of %d x %d messages, %d per read%n",
                System.getProperty("java.version"), blocks, OPERATIONS_PER_BLOCK, MetricsBenchmark.MESSAGES,
                framesPerRead);
        System.out.printf(Locale.ROOT, "metrics off: %.1f CPU ns/message%n", offMedian);
        System.out.printf(Locale.ROOT, "metrics on:  %.1f CPU ns/message%n", onMedian);
        System.out.printf(Locale.ROOT, "cost: %+.1f%% (medians), %+.1f%% (median of paired ratios)%n",
                100 * (onMedian / offMedian - 1), 100 * (median(ratio) - 1));
    }

    private static MetricsBenchmark echo(String metrics, int framesPerRead) {
        MetricsBenchmark echo = new MetricsBenchmark();
        echo.metrics = metrics;
        echo.framesPerRead = framesPerRead;
        echo.setUp();
        return echo;
    }

    /** CPU nanoseconds per message over one block. */
    private static double block(MetricsBenchmark echo, ThreadMXBean cpu) throws Exception {
        long start = cpu.getCurrentThreadCpuTime();
        for (int i = 0; i < OPERATIONS_PER_BLOCK; i++) {
            echo.echoSmallMessages();
        }
        return (double) (cpu.getCurrentThreadCpuTime() - start) / (OPERATIONS_PER_BLOCK * MetricsBenchmark.MESSAGES);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}

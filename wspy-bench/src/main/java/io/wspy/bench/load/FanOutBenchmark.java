package io.wspy.bench.load;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Fan-out of a room across nodes beside the single-node broadcast, in one run: {@code NODES}
 * AsyncServers with {@code Rooms}, each on its own {@code RedisBroker} (its own Redis connections),
 * on a {@code redis-server} this benchmark starts on a free loopback port and stops at the end;
 * {@code SUBSCRIBERS} wspy clients spread round-robin over the nodes, all in one room; a publisher
 * on the first node. Then the same subscribers on one node with the in-process broker. Each round
 * and setup: a warm-up of a quarter of the messages; {@code MESSAGES} measured with at most
 * {@value #WINDOW} not yet delivered everywhere (throughput, and its latency); a quarter of the
 * messages one at a time (each delivered everywhere before the next: the latency of one fan-out).
 * Reported: messages delivered per second over all subscribers, publish-to-delivery p50/p99 (on the
 * publisher's node, on the others, over all), the subscribers that got every message once and in
 * order, and the CPU seconds of this JVM (nodes, subscribers, publisher) and of Redis. Nodes and
 * subscribers share this JVM, so the time stamp in each message is {@link System#nanoTime()}. After
 * the table, the CPU seconds of each phase by thread group (server loops, client loops, Lettuce's
 * event loops, the rooms' delivery threads, the publisher): where the time goes.
 *
 * <pre>
 * java -cp wspy-bench/target/benchmarks.jar io.wspy.bench.load.FanOutBenchmark [NODES SUBSCRIBERS MESSAGES ROUNDS]
 * </pre>
 * Defaults: 3 nodes, 600 subscribers, 2000 messages of {@value #SIZE} characters, 2 rounds; every
 * phase is cut off after {@value #LIMIT_SECONDS} s.
 */
public final class FanOutBenchmark {
    static final int SIZE = 64;
    static final int WINDOW = 16;
    static final int LIMIT_SECONDS = 60;

    private FanOutBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int[] counts = {3, 600, 2000, 2};
        try {
            if (args.length != 0 && args.length != counts.length) {
                throw new IllegalArgumentException("give all four numbers or none");
            }
            for (int i = 0; i < args.length; i++) {
                counts[i] = Integer.parseInt(args[i]);
            }
            if (counts[0] < 2 || counts[1] < counts[0] || counts[2] < 1 || counts[3] < 1) {
                throw new IllegalArgumentException("need NODES >= 2, SUBSCRIBERS >= NODES, MESSAGES >= 1, ROUNDS >= 1");
            }
        } catch (IllegalArgumentException e) {
            System.err.println("usage: FanOutBenchmark [NODES SUBSCRIBERS MESSAGES ROUNDS]: " + e.getMessage());
            System.exit(2);
        }
        int nodes = counts[0];
        int subscribers = counts[1];
        int messages = counts[2];
        int rounds = counts[3];
        System.out.println("java " + System.getProperty("java.version") + ", "
                + Runtime.getRuntime().availableProcessors() + " cpus, load average "
                + ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.printf("%d subscribers in one room, %d messages of %d B, at most %d in flight%n%n",
                subscribers, messages, SIZE, WINDOW);
        System.out.println("| round | setup | in flight | delivered/s | p50 / p99 all (ms) | publisher's node "
                + "| other nodes | complete subscribers | lost | CPU s: JVM / Redis |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        boolean allComplete = true;
        List<String> cpuByThread = new ArrayList<>();
        try (RedisProcess redis = RedisProcess.start()) {
            for (int round = 1; round <= rounds; round++) {
                try (FanOutRun run = FanOutRun.cluster(redis.uri(), nodes, subscribers)) {
                    allComplete &= measureSetup(round, run, messages, redis.pid(), cpuByThread);
                }
                try (FanOutRun run = FanOutRun.singleNode(subscribers)) {
                    allComplete &= measureSetup(round, run, messages, redis.pid(), cpuByThread);
                }
            }
        }
        System.out.println();
        System.out.println("CPU seconds of this JVM by thread group (numbers in names as N; groups under 0.05 s left out;"
                + " GC/JIT/VM: the rest of the process), by phase:");
        cpuByThread.forEach(line -> System.out.println("- " + line));
        System.exit(allComplete ? 0 : 1);
    }

    /** A warm-up, then the phase at {@value #WINDOW} in flight and the one-at-a-time phase. */
    private static boolean measureSetup(int round, FanOutRun run, int messages, long redisPid, List<String> cpuByThread) {
        Duration limit = Duration.ofSeconds(LIMIT_SECONDS);
        int quarter = Math.max(1, messages / 4);
        run.publish(quarter, SIZE, WINDOW, limit);
        boolean complete = measure(round, run, messages, WINDOW, redisPid, cpuByThread);
        return measure(round, run, quarter, 1, redisPid, cpuByThread) && complete;
    }

    private static boolean measure(int round, FanOutRun run, int messages, int window, long redisPid,
                                   List<String> cpuByThread) {
        run.resetLatencies();
        long self = ProcessHandle.current().pid();
        double cpu0 = ProcStats.cpuSeconds(self);
        double redis0 = ProcStats.cpuSeconds(redisPid);
        ThreadCpu threads0 = ThreadCpu.snapshot();
        FanOutResult r = run.publish(messages, SIZE, window, Duration.ofSeconds(LIMIT_SECONDS));
        double cpu = ProcStats.cpuSeconds(self) - cpu0;
        double redis = ProcStats.cpuSeconds(redisPid) - redis0;
        Map<String, Double> byGroup = threads0.secondsUntil(ThreadCpu.snapshot());
        double inThreads = byGroup.values().stream().mapToDouble(Double::doubleValue).sum();
        List<String> parts = byGroup.entrySet().stream()
                .filter(e -> e.getValue() >= 0.05)
                .map(e -> String.format("%s %.2f", e.getKey(), e.getValue()))
                .collect(Collectors.toCollection(ArrayList::new));
        parts.add(String.format("GC/JIT/VM %.2f", cpu - inThreads));
        cpuByThread.add(String.format("round %d, %s, %d in flight: %s", round, r.setup(), window, String.join(", ", parts)));
        System.out.printf("| %d | %s | %d | %.0f | %s | %s | %s | %d of %d | %d | %.1f / %.2f |%n",
                round, r.setup(), window, r.deliveredPerSecond(), millis(r.all()), millis(r.local()),
                r.remote()[1] == 0 ? "-" : millis(r.remote()), r.complete(), r.subscribers(), r.lost(), cpu, redis);
        return r.complete() == r.subscribers();
    }

    private static String millis(long[] p50p99) {
        return String.format("%.2f / %.2f", p50p99[0] / 1e6, p50p99[1] / 1e6);
    }
}

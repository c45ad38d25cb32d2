package io.wspy.bench.load;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Where this JVM's CPU time goes: the CPU time of its threads, grouped by name with the numbers
 * taken out ({@code wspy-async-loop-1} and {@code -2} are one group), between two snapshots.
 */
final class ThreadCpu {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final Map<Long, Long> cpuById;
    private final Map<Long, String> groupById;

    private ThreadCpu(Map<Long, Long> cpuById, Map<Long, String> groupById) {
        this.cpuById = cpuById;
        this.groupById = groupById;
    }

    /** The CPU time of every live thread now. */
    static ThreadCpu snapshot() {
        Map<Long, Long> cpu = new HashMap<>();
        Map<Long, String> group = new HashMap<>();
        for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long nanos = THREADS.getThreadCpuTime(info.getThreadId());
            if (nanos >= 0) {
                cpu.put(info.getThreadId(), nanos);
                group.put(info.getThreadId(), info.getThreadName().replaceAll("[0-9]+", "N"));
            }
        }
        return new ThreadCpu(cpu, group);
    }

    /**
     * The CPU seconds of each thread group from this snapshot to {@code later}, largest first;
     * threads started in between count from zero.
     */
    Map<String, Double> secondsUntil(ThreadCpu later) {
        Map<String, Double> seconds = new HashMap<>();
        later.cpuById.forEach((id, nanos) -> seconds.merge(later.groupById.get(id),
                (nanos - cpuById.getOrDefault(id, 0L)) / 1e9, Double::sum));
        return seconds.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
    }
}

package io.wspy.metrics;

import io.wspy.frame.Opcode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@link CountingMetrics} loses no report, whatever the number of threads that report at once. */
class CountingMetricsTest {
    @Test
    void trafficReportedFromManyThreadsAtOnceAddsUpExactly() throws InterruptedException {
        CountingMetrics metrics = CountingMetrics.create();
        int threads = 16;
        int reports = 20_000;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> started = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            // More threads than stripes: some share one.
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
                for (int i = 0; i < reports; i++) {
                    metrics.messagesReceived(Opcode.TEXT, 2, 10, 14);
                    metrics.messageSent(Opcode.BINARY, 100, 104);
                }
            });
            thread.start();
            started.add(thread);
        }
        start.countDown();
        for (Thread thread : started) {
            thread.join();
        }
        long n = (long) threads * reports;
        MetricsSnapshot snapshot = metrics.snapshot();
        assertEquals(Map.of(Opcode.TEXT, new Traffic(2 * n, 10 * n, 14 * n)), snapshot.received());
        assertEquals(Map.of(Opcode.BINARY, new Traffic(n, 100 * n, 104 * n)), snapshot.sent());
    }

    @Test
    void opcodesAreCountedApart() {
        CountingMetrics metrics = CountingMetrics.create();
        metrics.messagesReceived(Opcode.PING, 1, 3, 9);
        metrics.messagesReceived(Opcode.TEXT, 4, 40, 64);
        metrics.messagesReceived(Opcode.PING, 1, 5, 11);
        assertEquals(Map.of(Opcode.PING, new Traffic(2, 8, 20), Opcode.TEXT, new Traffic(4, 40, 64)),
                metrics.snapshot().received());
    }
}

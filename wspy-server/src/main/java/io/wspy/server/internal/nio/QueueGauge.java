package io.wspy.server.internal.nio;

import io.wspy.metrics.WebSocketMetrics;

/**
 * Tells the metrics how much one connection's outbound queue holds: when it grew by
 * {@value #REPORT_STEP} bytes before a flush (a backed-up queue), and at each flush, silent if
 * neither the size nor the peak is news, so a queue that drains every round costs no call. Made
 * only when metrics listen; used under the transport's lock.
 */
final class QueueGauge {
    private static final long REPORT_STEP = 64 * 1024;

    private final WebSocketMetrics metrics;
    /** What the metrics were last told this queue holds, and the most they were told it held. */
    private long reportedBytes;
    private long reportedPeak;

    QueueGauge(WebSocketMetrics metrics) {
        this.metrics = metrics;
    }

    /** The queue grew to {@code now} bytes. */
    void grew(long now) {
        if (now - reportedBytes >= REPORT_STEP) {
            report(now, now);
        }
    }

    /** The queue holds {@code now}, having held up to {@code peak} since the last report. */
    void report(long now, long peak) {
        boolean higherPeak = peak > reportedPeak;
        if (now != reportedBytes || higherPeak) {
            metrics.outboundQueueChanged(now - reportedBytes, Math.max(peak, now));
            reportedBytes = now;
            if (higherPeak) {
                reportedPeak = peak;
            }
        }
    }
}

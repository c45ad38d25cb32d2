package io.wspy.connection.internal;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * One daemon thread that keeps the timers of every blocking connection in the JVM (close
 * handshake, keepalive, pong deadline, lingering close). Timer actions are short and never block.
 */
public final class TimerService {
    private static final ScheduledThreadPoolExecutor EXECUTOR = create();

    private TimerService() {
    }

    /** Runs {@code action} after {@code delayMillis}. */
    public static ScheduledFuture<?> schedule(Runnable action, long delayMillis) {
        return EXECUTOR.schedule(action, delayMillis, TimeUnit.MILLISECONDS);
    }

    private static ScheduledThreadPoolExecutor create() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, task -> {
            Thread t = new Thread(task, "wspy-timers");
            t.setDaemon(true);
            return t;
        });
        // Cancelled timers (the common case: a pong arrived) must not pile up in the queue.
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }
}

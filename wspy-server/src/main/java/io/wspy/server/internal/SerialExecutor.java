package io.wspy.server.internal;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs one client's events on a shared executor one at a time, in the order submitted, so that a
 * slow event holds up only its own client. Runs at most a batch of events per executor task, so
 * a busy client cannot keep a pooled thread to itself.
 */
final class SerialExecutor implements Runnable {
    private static final int BATCH = 64;

    private final Executor executor;
    private ArrayDeque<Runnable> tasks;
    private boolean scheduled;

    SerialExecutor(Executor executor) {
        this.executor = executor;
    }

    /** Queues {@code task} after every task queued before. */
    void execute(Runnable task) {
        synchronized (this) {
            if (tasks == null) {
                tasks = new ArrayDeque<>(4);
            }
            tasks.add(task);
            if (scheduled) {
                return;
            }
            scheduled = true;
        }
        submit();
    }

    @Override
    public void run() {
        for (int i = 0; i < BATCH; i++) {
            Runnable task;
            synchronized (this) {
                task = tasks.poll();
                if (task == null) {
                    scheduled = false;
                    tasks = null;
                    return;
                }
            }
            task.run();
        }
        submit();
    }

    private void submit() {
        try {
            executor.execute(this);
        } catch (RejectedExecutionException shutDown) {
            // The server is stopping and its executor is gone: the last events (closes) still run.
            run();
        }
    }
}

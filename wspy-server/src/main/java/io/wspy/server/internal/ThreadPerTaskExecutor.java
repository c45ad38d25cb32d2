package io.wspy.server.internal;

import java.util.List;
import java.util.Set;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * Runs each task on a new thread from a factory (virtual threads), and can wait for the running
 * ones on shutdown; the JDK's own such executor only exists from Java 21 on.
 */
final class ThreadPerTaskExecutor extends AbstractExecutorService {
    private final ThreadFactory factory;
    private final Set<Thread> running = ConcurrentHashMap.newKeySet();
    private volatile boolean shutdown;

    ThreadPerTaskExecutor(ThreadFactory factory) {
        this.factory = factory;
    }

    @Override
    public void execute(Runnable task) {
        if (shutdown) {
            throw new RejectedExecutionException("executor is shut down");
        }
        Thread t = factory.newThread(() -> {
            try {
                task.run();
            } finally {
                running.remove(Thread.currentThread());
            }
        });
        running.add(t);
        t.start();
    }

    @Override
    public void shutdown() {
        shutdown = true;
    }

    @Override
    public List<Runnable> shutdownNow() {
        shutdown = true;
        running.forEach(Thread::interrupt);
        return List.of();
    }

    @Override
    public boolean isShutdown() {
        return shutdown;
    }

    @Override
    public boolean isTerminated() {
        return shutdown && running.isEmpty();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        for (Thread t : running) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        }
        return isTerminated();
    }
}

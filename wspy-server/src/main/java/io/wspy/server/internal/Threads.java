package io.wspy.server.internal;

import java.lang.reflect.Method;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Threads for connections and handlers: virtual threads where the running JDK has them (21+),
 * found at run time so the code still compiles for Java 17; platform threads otherwise. The
 * system property {@code wspy.threads=platform} forces platform threads (for tests and for
 * comparing the two).
 */
public final class Threads {
    private static final Method OF_VIRTUAL = virtualThreadBuilder();

    private Threads() {
    }

    /** Whether connection and handler threads are virtual. */
    public static boolean virtual() {
        return OF_VIRTUAL != null && !"platform".equals(System.getProperty("wspy.threads"));
    }

    /** Threads for short-lived work per connection: virtual, or daemon platform threads named {@code prefix-N}. */
    public static ThreadFactory perTask(String prefix) {
        if (virtual()) {
            try {
                Object builder = OF_VIRTUAL.invoke(null);
                Class<?> type = Class.forName("java.lang.Thread$Builder");
                builder = type.getMethod("name", String.class, long.class).invoke(builder, prefix + "-", 0L);
                return (ThreadFactory) type.getMethod("factory").invoke(builder);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("virtual threads reported but not usable", e);
            }
        }
        AtomicLong count = new AtomicLong();
        return task -> {
            Thread t = new Thread(task, prefix + "-" + count.getAndIncrement());
            t.setDaemon(true);
            return t;
        };
    }

    /**
     * An executor for handler events: a new virtual thread per task, or a pool of daemon platform
     * threads (four per processor, idle ones retire after a minute).
     */
    public static ExecutorService handlerExecutor(String prefix) {
        ThreadFactory factory = perTask(prefix);
        if (virtual()) {
            return new ThreadPerTaskExecutor(factory);
        }
        int size = 4 * Runtime.getRuntime().availableProcessors();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(size, size, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), factory);
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /**
     * A small pool for computations taken off the selector loops (the TLS handshake's key exchange
     * and certificate checks): a daemon platform thread per processor named {@code prefix-N}; idle
     * ones retire after a minute.
     */
    public static ExecutorService computePool(String prefix) {
        return computePool(prefix, Runtime.getRuntime().availableProcessors());
    }

    /** A pool like {@link #computePool(String)} of {@code size} threads. */
    public static ExecutorService computePool(String prefix, int size) {
        AtomicLong count = new AtomicLong();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(size, size, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                task -> {
                    Thread t = new Thread(task, prefix + "-" + count.getAndIncrement());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /** A platform thread that keeps the JVM alive (acceptors, selector loops). */
    public static Thread service(String name, Runnable task) {
        Thread t = new Thread(task, name);
        t.setDaemon(false);
        return t;
    }

    private static Method virtualThreadBuilder() {
        try {
            Method ofVirtual = Thread.class.getMethod("ofVirtual");
            // JDK 19 and 20 have the method but refuse it without --enable-preview.
            ofVirtual.invoke(null);
            return ofVirtual;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** Waits for {@code thread} (if any) to end, until {@code deadlineNanos} ({@link System#nanoTime()}). */
    public static void join(Thread thread, long deadlineNanos) {
        if (thread == null) {
            return;
        }
        try {
            thread.join(Math.max(1, (deadlineNanos - System.nanoTime()) / 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Waits a moment before an accepting thread tries again after a failed accept (descriptors
     * exhausted, say), so that it does not spin.
     */
    public static void pauseBeforeRetry() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

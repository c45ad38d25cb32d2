package io.wspy.server.internal;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many clients a server holds and takes: open connections up to the limit, the over-limit
 * connections being refused with 503 (bounded by the same limit, so a flood cannot make the
 * refusals themselves unbounded), and the clients' ids. Thread-safe; one per server.
 */
public final class Admission {
    private final int maxConnections;
    private final Object lock = new Object();
    private int connections;
    private final AtomicInteger refusals = new AtomicInteger();
    private final AtomicLong ids = new AtomicLong();

    /** Admits up to {@code maxConnections} at a time. */
    public Admission(int maxConnections) {
        this.maxConnections = maxConnections;
    }

    /** The next client's {@link io.wspy.connection.Session#id()}: 1, 2, 3... */
    public long nextClientId() {
        return ids.incrementAndGet();
    }

    /** Counts a new connection; false if the limit is reached. */
    public boolean tryAcquireConnection() {
        synchronized (lock) {
            if (connections >= maxConnections) {
                return false;
            }
            connections++;
            return true;
        }
    }

    /** A counted connection is gone. */
    public void releaseConnection() {
        synchronized (lock) {
            connections--;
            lock.notifyAll();
        }
    }

    /** Counts a connection being refused; false if as many are being refused as may be open. */
    public boolean tryAcquireRefusal() {
        if (refusals.incrementAndGet() > maxConnections) {
            refusals.decrementAndGet();
            return false;
        }
        return true;
    }

    /** A refused connection is gone. */
    public void releaseRefusal() {
        refusals.decrementAndGet();
    }

    /** Waits until no connection is counted or {@code deadlineNanos} ({@link System#nanoTime()}) passes. */
    public boolean awaitNoConnections(long deadlineNanos) {
        synchronized (lock) {
            while (connections > 0) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    lock.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }
}

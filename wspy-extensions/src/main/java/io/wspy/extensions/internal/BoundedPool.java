package io.wspy.extensions.internal;

import java.util.ArrayDeque;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A pool that keeps at most {@code maxIdle} idle objects. Taking never waits: an empty pool creates
 * a new object. Giving back resets the object; one that does not fit is destroyed at once.
 * Thread-safe.
 */
final class BoundedPool<T> {
    private final int maxIdle;
    private final Supplier<T> create;
    private final Consumer<T> reset;
    private final Consumer<T> destroy;
    private final ArrayDeque<T> idle = new ArrayDeque<>();

    BoundedPool(int maxIdle, Supplier<T> create, Consumer<T> reset, Consumer<T> destroy) {
        this.maxIdle = maxIdle;
        this.create = create;
        this.reset = reset;
        this.destroy = destroy;
    }

    T take() {
        T t;
        synchronized (idle) {
            t = idle.pollLast();
        }
        return t != null ? t : create.get();
    }

    void giveBack(T t) {
        reset.accept(t);
        synchronized (idle) {
            if (idle.size() < maxIdle) {
                idle.addLast(t);
                return;
            }
        }
        destroy.accept(t);
    }

    int idleCount() {
        synchronized (idle) {
            return idle.size();
        }
    }

    void destroyIdle() {
        while (true) {
            T t;
            synchronized (idle) {
                t = idle.pollLast();
            }
            if (t == null) {
                return;
            }
            destroy.accept(t);
        }
    }
}

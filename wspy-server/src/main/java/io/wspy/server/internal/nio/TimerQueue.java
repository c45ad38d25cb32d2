package io.wspy.server.internal.nio;

import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * The timers of one selector loop, so that no connection needs a thread or a scheduled task of its
 * own: the loop sleeps until the next one is due and runs those due after each select. Confined to
 * the loop's thread. Cancelled timers stay queued until their time and are then skipped.
 */
final class TimerQueue {
    /**
     * One scheduled action, run once. A timer every open client holds (the keepalive) is a
     * subclass that knows its connection, rather than a timer holding a lambda holding the
     * connection: one object instead of two or three per client.
     */
    abstract static class Timer implements Comparable<Timer>, Runnable {
        private long due;
        private long order;
        /** Cancelled, or already run. */
        private boolean over;

        /** Keeps the timer from running. */
        void cancel() {
            over = true;
        }

        @Override
        public int compareTo(Timer o) {
            int byTime = Long.compare(due, o.due);
            return byTime != 0 ? byTime : Long.compare(order, o.order);
        }
    }

    /** A timer that runs an action, and lets go of it once cancelled. */
    private static final class ActionTimer extends Timer {
        private Runnable action;

        ActionTimer(Runnable action) {
            this.action = action;
        }

        @Override
        void cancel() {
            super.cancel();
            action = null;
        }

        @Override
        public void run() {
            Runnable a = action;
            action = null;
            a.run();
        }
    }

    private final PriorityQueue<Timer> queue = new PriorityQueue<>();
    private long scheduled;

    /** Runs {@code action} once {@code delayMillis} have passed since {@code now}. */
    Timer schedule(long now, long delayMillis, Runnable action) {
        return schedule(now, delayMillis, new ActionTimer(action));
    }

    /** Runs {@code timer} (new, never scheduled) once {@code delayMillis} have passed since {@code now}. */
    Timer schedule(long now, long delayMillis, Timer timer) {
        timer.due = now + Math.max(0, delayMillis);
        timer.order = scheduled++;
        queue.add(timer);
        return timer;
    }

    /** Milliseconds from {@code now} until the next timer is due (0 if one is), or {@link Long#MAX_VALUE} if none. */
    long delayUntilNext(long now) {
        Timer next = queue.peek();
        while (next != null && next.over) {
            queue.poll();
            next = queue.peek();
        }
        return next == null ? Long.MAX_VALUE : Math.max(0, next.due - now);
    }

    /** Removes the timers due at {@code now} and runs those not cancelled, in order. */
    void runDue(long now, Consumer<Runnable> runner) {
        for (Timer next = queue.peek(); next != null && next.due <= now; next = queue.peek()) {
            queue.poll();
            if (!next.over) {
                next.over = true;
                runner.accept(next);
            }
        }
    }
}

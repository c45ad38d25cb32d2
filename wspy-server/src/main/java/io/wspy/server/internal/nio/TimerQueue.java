package io.wspy.server.internal.nio;

import java.util.PriorityQueue;

/**
 * The timers of one selector loop, so that no connection needs a thread or a scheduled task of its
 * own: the loop sleeps until the next one is due and runs those due after each select. Confined to
 * the loop's thread. Cancelled timers stay queued until their time and are then skipped.
 */
final class TimerQueue {
    /** One scheduled action. */
    static final class Timer implements Comparable<Timer> {
        private final long due;
        private final long order;
        private Runnable action;

        private Timer(long due, long order, Runnable action) {
            this.due = due;
            this.order = order;
            this.action = action;
        }

        /** Keeps the action from running, and lets go of it. */
        void cancel() {
            action = null;
        }

        @Override
        public int compareTo(Timer o) {
            int byTime = Long.compare(due, o.due);
            return byTime != 0 ? byTime : Long.compare(order, o.order);
        }
    }

    private final PriorityQueue<Timer> queue = new PriorityQueue<>();
    private long scheduled;

    /** Runs {@code action} once {@code delayMillis} have passed since {@code now}. */
    Timer schedule(long now, long delayMillis, Runnable action) {
        Timer t = new Timer(now + Math.max(0, delayMillis), scheduled++, action);
        queue.add(t);
        return t;
    }

    /** Milliseconds from {@code now} until the next timer is due (0 if one is), or {@link Long#MAX_VALUE} if none. */
    long delayUntilNext(long now) {
        Timer next = queue.peek();
        while (next != null && next.action == null) {
            queue.poll();
            next = queue.peek();
        }
        return next == null ? Long.MAX_VALUE : Math.max(0, next.due - now);
    }

    /** Removes the timers due at {@code now} and runs those not cancelled, in order. */
    void runDue(long now, java.util.function.Consumer<Runnable> runner) {
        for (Timer next = queue.peek(); next != null && next.due <= now; next = queue.peek()) {
            queue.poll();
            Runnable action = next.action;
            if (action != null) {
                next.action = null;
                runner.accept(action);
            }
        }
    }
}

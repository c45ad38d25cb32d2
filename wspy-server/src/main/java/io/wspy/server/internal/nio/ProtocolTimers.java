package io.wspy.server.internal.nio;

import io.wspy.protocol.ProtocolTimer;

/**
 * The protocol's timers of one connection on its selector loop: one slot per
 * {@link ProtocolTimer} in an array the connection keeps, made on first use. The array stands in
 * the connection itself rather than in an object of its own: every open client holds one (the
 * keepalive), so an object with its own header and references would cost each idle client.
 * Loop thread only.
 */
final class ProtocolTimers {
    private ProtocolTimers() {
    }

    /**
     * Runs {@code timer} for {@code connection} after {@code delayMillis} on {@code loop}, replacing
     * a pending one; returns the slots to keep ({@code slots} itself once made).
     */
    static TimerQueue.Timer[] schedule(TimerQueue.Timer[] slots, SelectorLoop loop, ProtocolTimer timer,
                                       long delayMillis, NioConnection connection) {
        TimerQueue.Timer[] kept = slots != null ? slots : new TimerQueue.Timer[ProtocolTimer.values().length];
        cancel(kept, timer);
        kept[timer.ordinal()] = loop.schedule(delayMillis, new Pending(connection, timer));
        return kept;
    }

    /** {@code timer} ran: its slot is free. */
    static void fired(TimerQueue.Timer[] slots, ProtocolTimer timer) {
        if (slots != null) {
            slots[timer.ordinal()] = null;
        }
    }

    static void cancel(TimerQueue.Timer[] slots, ProtocolTimer timer) {
        if (slots != null && slots[timer.ordinal()] != null) {
            slots[timer.ordinal()].cancel();
            slots[timer.ordinal()] = null;
        }
    }

    static void cancelAll(TimerQueue.Timer[] slots) {
        if (slots != null) {
            for (TimerQueue.Timer t : slots) {
                if (t != null) {
                    t.cancel();
                }
            }
        }
    }

    /**
     * A protocol timer waiting on the loop: it tells its connection which timer fired. Cancelled,
     * it lets go of the connection, which a closed client must not outlive in the queue.
     */
    private static final class Pending extends TimerQueue.Timer {
        private NioConnection connection;
        private final ProtocolTimer timer;

        Pending(NioConnection connection, ProtocolTimer timer) {
            this.connection = connection;
            this.timer = timer;
        }

        @Override
        void cancel() {
            super.cancel();
            connection = null;
        }

        @Override
        public void run() {
            connection.fireTimer(timer);
        }
    }
}

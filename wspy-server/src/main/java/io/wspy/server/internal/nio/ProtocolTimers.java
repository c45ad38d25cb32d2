package io.wspy.server.internal.nio;

import io.wspy.protocol.ProtocolTimer;

import java.util.function.Consumer;

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
     * Runs {@code timer} after {@code delayMillis} on {@code loop}, replacing a pending one; returns
     * the slots to keep ({@code slots} itself once made).
     */
    static TimerQueue.Timer[] schedule(TimerQueue.Timer[] slots, SelectorLoop loop, ProtocolTimer timer,
                                       long delayMillis, Consumer<ProtocolTimer> fire) {
        TimerQueue.Timer[] kept = slots != null ? slots : new TimerQueue.Timer[ProtocolTimer.values().length];
        cancel(kept, timer);
        int slot = timer.ordinal();
        kept[slot] = loop.schedule(delayMillis, () -> {
            kept[slot] = null;
            fire.accept(timer);
        });
        return kept;
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
}

package io.wspy.server.internal.nio;

import io.wspy.protocol.ProtocolTimer;

import java.util.function.Consumer;

/**
 * The protocol's timers of one connection on its selector loop: one slot per
 * {@link ProtocolTimer}, created on first use so an idle connection carries none. Loop thread only.
 */
final class ProtocolTimers {
    private final SelectorLoop loop;
    private final Consumer<ProtocolTimer> fire;
    private TimerQueue.Timer[] slots;

    /** Timers on {@code loop} that call {@code fire} when they go off. */
    ProtocolTimers(SelectorLoop loop, Consumer<ProtocolTimer> fire) {
        this.loop = loop;
        this.fire = fire;
    }

    /** Runs {@code timer} after {@code delayMillis}, replacing a pending one. */
    void schedule(ProtocolTimer timer, long delayMillis) {
        cancel(timer);
        if (slots == null) {
            slots = new TimerQueue.Timer[ProtocolTimer.values().length];
        }
        int slot = timer.ordinal();
        slots[slot] = loop.schedule(delayMillis, () -> {
            slots[slot] = null;
            fire.accept(timer);
        });
    }

    void cancel(ProtocolTimer timer) {
        if (slots != null && slots[timer.ordinal()] != null) {
            slots[timer.ordinal()].cancel();
            slots[timer.ordinal()] = null;
        }
    }

    void cancelAll() {
        if (slots != null) {
            for (TimerQueue.Timer t : slots) {
                if (t != null) {
                    t.cancel();
                }
            }
            slots = null;
        }
    }
}

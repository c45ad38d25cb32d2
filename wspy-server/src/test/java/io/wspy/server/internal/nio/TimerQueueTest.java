package io.wspy.server.internal.nio;

import org.junit.jupiter.api.Test;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class TimerQueueTest {
    @Test
    void dueTimersRunInOrderOfTimeThenOfScheduling() {
        TimerQueue q = new TimerQueue();
        List<String> ran = new ArrayList<>();
        q.schedule(0, 30, () -> ran.add("c"));
        q.schedule(0, 10, () -> ran.add("a"));
        q.schedule(0, 10, () -> ran.add("b"));
        assertEquals(10, q.delayUntilNext(0));
        q.runDue(9, Runnable::run);
        assertEquals(List.of(), ran);
        q.runDue(10, Runnable::run);
        assertEquals(List.of("a", "b"), ran);
        assertEquals(20, q.delayUntilNext(10));
        q.runDue(100, Runnable::run);
        assertEquals(List.of("a", "b", "c"), ran);
        assertEquals(Long.MAX_VALUE, q.delayUntilNext(100));
    }

    @Test
    void cancelledTimersNeverRunAndDoNotWakeTheLoop() {
        TimerQueue q = new TimerQueue();
        List<String> ran = new ArrayList<>();
        TimerQueue.Timer early = q.schedule(0, 5, () -> ran.add("early"));
        q.schedule(0, 50, () -> ran.add("late"));
        early.cancel();
        assertEquals(50, q.delayUntilNext(0), "the cancelled head is skipped");
        q.runDue(50, Runnable::run);
        assertEquals(List.of("late"), ran);
    }

    @Test
    void overdueTimerIsDueNow() {
        TimerQueue q = new TimerQueue();
        q.schedule(100, -5, () -> { });
        assertEquals(0, q.delayUntilNext(200));
    }

    /**
     * A closed connection cancels its timers (idle timeout, keepalive) long before they are due:
     * the queue must not keep the connection reachable through the action until then.
     */
    @Test
    void aCancelledTimerLetsGoOfItsAction() throws InterruptedException {
        TimerQueue q = new TimerQueue();
        Object connection = new Object();
        WeakReference<Object> ref = new WeakReference<>(connection);
        TimerQueue.Timer idle = q.schedule(0, 600_000, connection::hashCode);
        idle.cancel();
        connection = null;
        for (int i = 0; i < 50 && ref.get() != null; i++) {
            System.gc();
            Thread.sleep(10);
        }
        assertNull(ref.get(), "the cancelled timer still holds its action");
        assertEquals(Long.MAX_VALUE, q.delayUntilNext(0));
    }
}

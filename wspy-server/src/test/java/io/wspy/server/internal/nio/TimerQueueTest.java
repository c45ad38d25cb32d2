package io.wspy.server.internal.nio;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}

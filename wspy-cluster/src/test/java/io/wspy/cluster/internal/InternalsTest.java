package io.wspy.cluster.internal;

import io.wspy.protocol.BinaryMessage;
import io.wspy.protocol.TextMessage;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InternalsTest {
    @Test
    void envelopesCarryOriginSequenceAndTheMessageOfEitherType() {
        byte[] origin = "node-é".getBytes(StandardCharsets.UTF_8);
        Envelope text = Envelope.decode(Envelope.encode(origin, 7, 42, new TextMessage("héllo")));
        assertEquals(new Envelope("node-é", 7, 42, new TextMessage("héllo")), text);
        Envelope binary = Envelope.decode(Envelope.encode(origin, -1, 1, new BinaryMessage(new byte[] {1, 2, 3})));
        assertArrayEquals(new byte[] {1, 2, 3}, ((BinaryMessage) binary.message()).bytes());
        assertEquals(-1, binary.incarnation());
    }

    @Test
    void malformedEnvelopesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Envelope.decode(new byte[3]));
        byte[] good = Envelope.encode(new byte[] {'n'}, 1, 1, new TextMessage("x"));
        byte[] wrongVersion = good.clone();
        wrongVersion[0] = 9;
        assertThrows(IllegalArgumentException.class, () -> Envelope.decode(wrongVersion));
        byte[] wrongType = good.clone();
        wrongType[1] = 5;
        assertThrows(IllegalArgumentException.class, () -> Envelope.decode(wrongType));
    }

    @Test
    void theTrackerCountsGapsAndDropsRepeats() {
        SequenceTracker tracker = new SequenceTracker(100);
        assertEquals(SequenceTracker.Verdict.DELIVER, tracker.arrived("room:a", "n1", 1, 1));
        assertEquals(SequenceTracker.Verdict.DELIVER, tracker.arrived("room:a", "n1", 1, 2));
        assertEquals(SequenceTracker.Verdict.DELIVER, tracker.arrived("room:a", "n1", 1, 6));
        assertEquals(3, tracker.missed());
        assertEquals(SequenceTracker.Verdict.DUPLICATE, tracker.arrived("room:a", "n1", 1, 6));
        assertEquals(SequenceTracker.Verdict.DUPLICATE, tracker.arrived("room:a", "n1", 1, 4));
        assertEquals(2, tracker.duplicates());
        assertEquals(SequenceTracker.Verdict.DELIVER, tracker.arrived("room:a", "n1", 2, 1), "a restarted node starts over");
        assertEquals(SequenceTracker.Verdict.DELIVER, tracker.arrived("room:b", "n1", 1, 1), "each channel counts alone");
        assertEquals(3, tracker.missed());
    }

    @Test
    void theTrackerForgetsRatherThanGrowsPastItsBound() {
        SequenceTracker tracker = new SequenceTracker(10);
        for (int i = 0; i < 1_000; i++) {
            assertEquals(SequenceTracker.Verdict.DELIVER, tracker.arrived("room:" + i, "n", 1, 5));
        }
        assertEquals(0, tracker.missed());
    }

    @Test
    void theInboundQueueDropsAndCountsWhatDoesNotFitWhileDeliveryIsSlow() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch firstTaken = new CountDownLatch(1);
        List<String> delivered = new CopyOnWriteArrayList<>();
        try (InboundQueue queue = new InboundQueue("test-inbound", 5, 1 << 20, (channel, position, payload) -> {
            firstTaken.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            delivered.add(new String(payload, StandardCharsets.UTF_8));
        })) {
            queue.offer("c", null, "0".getBytes(StandardCharsets.UTF_8));
            assertTrue(firstTaken.await(10, TimeUnit.SECONDS));
            for (int i = 1; i <= 100; i++) {
                queue.offer("c", null, Integer.toString(i).getBytes(StandardCharsets.UTF_8));
            }
            assertEquals(5, queue.size(), "at most maxMessages wait");
            assertEquals(95, queue.dropped());
            release.countDown();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (delivered.size() < 6 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(List.of("0", "1", "2", "3", "4", "5"), delivered, "the first ones, in order");
        }
    }

    @Test
    void theInboundQueueIsBoundedInBytesToo() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (InboundQueue queue = new InboundQueue("test-inbound-bytes", 1_000, 100, (channel, position, payload) -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        })) {
            for (int i = 0; i < 10; i++) {
                queue.offer("c", null, new byte[40]);
            }
            assertTrue(queue.dropped() >= 7, "no more than 100 bytes wait, besides the one being delivered: " + queue.dropped());
            release.countDown();
        }
    }
}

package io.wspy.cluster.internal;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Payloads that arrived from the broker, waiting for one thread of their own to deliver them to the
 * local clients. The broker's thread only queues (never blocks), so a slow local delivery never
 * holds up the broker connection; the queue is bounded in payloads and in bytes, and what arrives
 * while it is full is dropped and counted (at-most-once).
 */
public final class InboundQueue implements AutoCloseable {
    /** Where the queued payloads go, one at a time. */
    @FunctionalInterface
    public interface Delivery {
        void deliver(String channel, String position, byte[] payload);
    }

    private record Item(String channel, String position, byte[] payload) { }

    private static final Item STOP = new Item("", null, new byte[0]);

    private final BlockingQueue<Item> queue;
    private final long maxBytes;
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final Delivery deliver;
    private final Thread thread;
    private volatile boolean closed;

    public InboundQueue(String name, int maxMessages, long maxBytes, Delivery deliver) {
        this.queue = new ArrayBlockingQueue<>(maxMessages);
        this.maxBytes = maxBytes;
        this.deliver = deliver;
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues a payload, or drops it (and counts it) if the queue is full or closed. */
    public void offer(String channel, String position, byte[] payload) {
        if (closed || queuedBytes.addAndGet(payload.length) > maxBytes) {
            queuedBytes.addAndGet(-payload.length);
            dropped.incrementAndGet();
            return;
        }
        if (!queue.offer(new Item(channel, position, payload))) {
            queuedBytes.addAndGet(-payload.length);
            dropped.incrementAndGet();
        }
    }

    /** Payloads dropped because the queue was full. */
    public long dropped() {
        return dropped.get();
    }

    /** Payloads waiting now. */
    public int size() {
        return queue.size();
    }

    private void run() {
        while (true) {
            Item item;
            try {
                item = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (item == STOP) {
                return;
            }
            queuedBytes.addAndGet(-item.payload.length);
            deliver.deliver(item.channel, item.position, item.payload);
        }
    }

    /** Drops what is queued and stops the delivering thread, waiting for it briefly. */
    @Override
    public void close() {
        closed = true;
        queue.clear();
        if (!queue.offer(STOP)) {
            thread.interrupt();
        }
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

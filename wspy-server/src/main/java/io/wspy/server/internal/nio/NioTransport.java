package io.wspy.server.internal.nio;

import io.wspy.frame.CloseCode;
import io.wspy.frame.CloseStatus;
import io.wspy.metrics.SlowReaderAction;
import io.wspy.metrics.WebSocketMetrics;
import io.wspy.metrics.internal.FlightRecorderEvents;
import io.wspy.protocol.ConnectionClosedException;
import io.wspy.protocol.Message;
import io.wspy.protocol.ProtocolTimer;
import io.wspy.protocol.Transport;
import io.wspy.server.SendQueueFullException;
import io.wspy.server.SlowReaderPolicy;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The {@link Transport} of one NIO connection: any thread queues bytes here; the connection's
 * selector loop writes them when the channel can take them. Also enforces the outbound queue
 * limit with the application's {@link SlowReaderPolicy}.
 */
final class NioTransport implements Transport {
    private final ChannelDriver driver;
    private final long limit;
    private final SlowReaderPolicy policy;
    private final long blockNanos;
    private final WebSocketMetrics metrics;
    private final ReentrantLock lock = new ReentrantLock();
    private final OutboundQueue queue = new OutboundQueue();
    private Condition belowLimit;
    private volatile long queuedBytes;
    /** Under the lock; {@code null} when no metrics listen. */
    private final QueueGauge gauge;
    private boolean flushScheduled;
    private boolean closeRequested;
    private boolean released;

    NioTransport(ChannelDriver driver, long limit, SlowReaderPolicy policy, long blockNanos, WebSocketMetrics metrics) {
        this.driver = driver;
        this.metrics = metrics;
        this.gauge = metrics == WebSocketMetrics.NONE ? null : new QueueGauge(metrics);
        this.limit = limit;
        this.policy = policy;
        this.blockNanos = blockNanos;
    }

    // ---------------------------------------------------------------- Transport (any thread)

    @Override
    public void write(ByteBuffer data) {
        lock.lock();
        try {
            if (released) {
                data.position(data.limit());
                return;
            }
            queue.copy(data);
            queueGrew();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void writeShared(ByteBuffer data) {
        lock.lock();
        try {
            if (released) {
                data.position(data.limit());
                return;
            }
            queue.share(data);
            queueGrew();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void flush() {
        if (driver.inLoop()) {
            driver.flushAtEndOfRound();
            return;
        }
        lock.lock();
        try {
            if (flushScheduled || released) {
                return;
            }
            flushScheduled = true;
        } finally {
            lock.unlock();
        }
        driver.flushFromElsewhere();
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closeRequested = true;
        } finally {
            lock.unlock();
        }
        flush();
    }

    @Override
    public void schedule(ProtocolTimer timer, long delayMillis) {
        driver.scheduleTimer(timer, delayMillis);
    }

    @Override
    public void cancel(ProtocolTimer timer) {
        driver.cancelTimer(timer);
    }

    /** Under the lock, after a write: publishes the queue's size for {@code bufferedAmount()} and the metrics. */
    private void queueGrew() {
        long now = queue.size();
        queuedBytes = now;
        if (gauge != null) {
            gauge.grew(now);
        }
    }

    /** Under the lock: the metrics hear the queue holds {@code now}, having held up to {@code peak}. */
    private void report(long now, long peak) {
        if (gauge != null) {
            gauge.report(now, peak);
        }
    }

    // ---------------------------------------------------------------- for the connection

    /** Bytes queued, for {@code bufferedAmount()}. */
    long queuedBytes() {
        return queuedBytes;
    }

    /**
     * Applies the slow-reader policy before a message is sent.
     *
     * @return true to send it, false to drop it
     * @throws SendQueueFullException     under {@code FAIL}, or {@code BLOCK} on a loop thread
     * @throws ConnectionClosedException  under {@code CLOSE}, or when {@code BLOCK} waited too long,
     *                                    after the connection was failed with 1008
     */
    boolean admit() throws IOException {
        lock.lock();
        try {
            if (queue.size() < limit || released) {
                return true;
            }
            switch (policy) {
                case DROP:
                    slowReader(SlowReaderAction.DROPPED);
                    return false;
                case FAIL:
                    slowReader(SlowReaderAction.FAILED);
                    throw full("");
                case BLOCK:
                    if (driver.onSelectorThread()) {
                        slowReader(SlowReaderAction.FAILED);
                        throw full(" (a send on a selector loop thread cannot wait)");
                    }
                    if (awaitBelowLimit()) {
                        slowReader(SlowReaderAction.BLOCKED);
                        return true;
                    }
                    break;
                default:
                    break;
            }
            slowReader(SlowReaderAction.CLOSED);
        } finally {
            lock.unlock();
        }
        driver.overflowed();
        throw new ConnectionClosedException("outbound queue of " + driver + " full",
                new CloseStatus(CloseCode.POLICY_VIOLATION, NioConnection.OVERFLOW_REASON));
    }

    private void slowReader(SlowReaderAction action) {
        metrics.slowReaderAction(action);
        FlightRecorderEvents.slowReader(action, queue.size(), driver);
    }

    private SendQueueFullException full(String detail) {
        return new SendQueueFullException("outbound queue of " + driver + " holds " + queue.size()
                + " bytes, the limit is " + limit + detail);
    }

    /** Waits (holding the lock) until the queue is below the limit; false on timeout. */
    private boolean awaitBelowLimit() throws IOException {
        if (belowLimit == null) {
            belowLimit = lock.newCondition();
        }
        long left = blockNanos;
        try {
            while (queue.size() >= limit && !released) {
                if (left <= 0) {
                    return false;
                }
                left = belowLimit.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted waiting for the outbound queue of " + driver);
        }
        if (released) {
            throw new ConnectionClosedException("connection closed while waiting to send", null);
        }
        return true;
    }

    /** Remembers a message for {@code onSent}. */
    void markSent(Message message) {
        boolean alreadyWritten;
        lock.lock();
        try {
            alreadyWritten = !released && queue.markSent(message);
        } finally {
            lock.unlock();
        }
        if (alreadyWritten) {
            // The loop wrote the message before it was marked: a flush pass reports it.
            flush();
        }
    }

    /** Loop: the flush task runs; further flushes need a new task. */
    void flushTaskStarted() {
        lock.lock();
        try {
            flushScheduled = false;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Loop: writes what the channel takes, through {@code staging} (a direct buffer) unless it is
     * null; returns whether the queue is empty.
     */
    boolean writeTo(ChannelIO io, ByteBuffer[] batch, ByteBuffer staging) throws IOException {
        lock.lock();
        try {
            long before = queue.size();
            boolean empty = queue.writeTo(io, batch, staging);
            queuedBytes = queue.size();
            report(queuedBytes, before);
            if (belowLimit != null && queue.size() < limit) {
                belowLimit.signalAll();
            }
            return empty;
        } finally {
            lock.unlock();
        }
    }

    /** Loop: the messages completely written since the last call. */
    List<Message> takeSent() {
        lock.lock();
        try {
            return queue.takeSent();
        } finally {
            lock.unlock();
        }
    }

    /** Whether the queue is empty. */
    boolean isEmpty() {
        lock.lock();
        try {
            return queue.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    /** Whether the protocol asked to close the connection. */
    boolean closeRequested() {
        lock.lock();
        try {
            return closeRequested;
        } finally {
            lock.unlock();
        }
    }

    /** Loop: the channel is closed; drops the queue and wakes blocked senders. */
    void release() {
        lock.lock();
        try {
            released = true;
            queue.clear();
            queuedBytes = 0;
            report(0, 0);
            if (belowLimit != null) {
                belowLimit.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }
}

package io.wspy.metrics;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts every figure in memory, cheaply from any number of threads ({@link LongAdder}s, and
 * striped sums for the traffic, which changes most), and reads them as a {@link MetricsSnapshot},
 * or one figure at a time for gauges that poll. One instance may serve several servers and
 * clients; their figures add up.
 */
public final class CountingMetrics implements WebSocketMetrics {
    private final boolean timed;
    private final LongAdder open = new LongAdder();
    private final LongAdder opened = new LongAdder();
    private final Map<Integer, LongAdder> refused = new ConcurrentHashMap<>();
    private final Map<UpgradeFailure, LongAdder> failures = new ConcurrentHashMap<>();
    private final StripedTraffic in = new StripedTraffic();
    private final StripedTraffic out = new StripedTraffic();
    private final LongAdder queued = new LongAdder();
    private final AtomicLong largestQueued = new AtomicLong();
    private final Map<SlowReaderAction, LongAdder> slowReaders = new ConcurrentHashMap<>();
    private final Map<Integer, LongAdder> closesSent = new ConcurrentHashMap<>();
    private final Map<Integer, LongAdder> closesReceived = new ConcurrentHashMap<>();
    private final LongAdder handlerErrors = new LongAdder();
    private final LongAdder handlerNanos = new LongAdder();
    private final LongAdder loopNanos = new LongAdder();

    private CountingMetrics(boolean timed) {
        this.timed = timed;
    }

    /** Counts everything but handler and loop time, which would read the clock on every event. */
    public static CountingMetrics create() {
        return new CountingMetrics(false);
    }

    /** Counts everything, handler and loop time included. */
    public static CountingMetrics timed() {
        return new CountingMetrics(true);
    }

    @Override
    public void connectionOpened() {
        open.increment();
        opened.increment();
    }

    @Override
    public void connectionClosed() {
        open.decrement();
    }

    @Override
    public void upgradeRefused(int status) {
        refused.computeIfAbsent(status, s -> new LongAdder()).increment();
    }

    @Override
    public void upgradeFailed(UpgradeFailure failure) {
        failures.computeIfAbsent(failure, f -> new LongAdder()).increment();
    }

    @Override
    public void messagesReceived(int opcode, long messages, long payloadBytes, long wireBytes) {
        in.add(opcode, messages, payloadBytes, wireBytes);
    }

    @Override
    public void messageSent(int opcode, long payloadBytes, long wireBytes) {
        out.add(opcode, 1, payloadBytes, wireBytes);
    }

    @Override
    public void outboundQueueChanged(long deltaBytes, long peakBytes) {
        if (deltaBytes != 0) {
            queued.add(deltaBytes);
        }
        if (peakBytes > largestQueued.get()) {
            largestQueued.accumulateAndGet(peakBytes, Math::max);
        }
    }

    @Override
    public void slowReaderAction(SlowReaderAction action) {
        slowReaders.computeIfAbsent(action, a -> new LongAdder()).increment();
    }

    @Override
    public void closeSent(int code) {
        closesSent.computeIfAbsent(code, c -> new LongAdder()).increment();
    }

    @Override
    public void closeReceived(int code) {
        closesReceived.computeIfAbsent(code, c -> new LongAdder()).increment();
    }

    @Override
    public void handlerError() {
        handlerErrors.increment();
    }

    @Override
    public boolean timesHandlers() {
        return timed;
    }

    @Override
    public void handlerTime(long nanos) {
        handlerNanos.add(nanos);
    }

    @Override
    public boolean timesLoops() {
        return timed;
    }

    @Override
    public void loopBusy(long nanos) {
        loopNanos.add(nanos);
    }

    // ---------------------------------------------------------------- reading

    /** Connections open now. */
    public long openConnections() {
        return open.sum();
    }

    /** Bytes in the outbound queues now. */
    public long queuedBytes() {
        return queued.sum();
    }

    /** All figures at this moment (each read on its own: figures changing meanwhile may be a little apart). */
    public MetricsSnapshot snapshot() {
        return new MetricsSnapshot(open.sum(), opened.sum(), sums(refused, new HashMap<>()),
                sums(failures, new EnumMap<>(UpgradeFailure.class)), in.traffic(), out.traffic(), queued.sum(),
                largestQueued.get(), sums(slowReaders, new EnumMap<>(SlowReaderAction.class)),
                sums(closesSent, new HashMap<>()), sums(closesReceived, new HashMap<>()), handlerErrors.sum(),
                handlerNanos.sum(), loopNanos.sum());
    }

    private static <K> Map<K, Long> sums(Map<K, LongAdder> counters, Map<K, Long> into) {
        counters.forEach((k, v) -> into.put(k, v.sum()));
        return into;
    }
}

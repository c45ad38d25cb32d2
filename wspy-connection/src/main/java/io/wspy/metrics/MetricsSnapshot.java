package io.wspy.metrics;

import java.util.Map;

/**
 * The figures of a {@link CountingMetrics} at one moment. Immutable. Counters count since the
 * metrics were created; {@link #openConnections} and {@link #queuedBytes} are current levels.
 *
 * @param openConnections     connections open now
 * @param connectionsOpened   connections opened (upgrades answered 101)
 * @param upgradesRefused     upgrades answered with another status, by status
 * @param upgradeFailures     upgrades that ended without an answer, by cause
 * @param received            messages and control frames received, by opcode
 * @param sent                messages and control frames sent, by opcode
 * @param queuedBytes         bytes in the outbound queues now, all connections together
 * @param largestQueuedBytes  the most bytes one connection's outbound queue held
 * @param slowReaderActions   what the slow-reader policy did, by action
 * @param closeCodesSent      close frames sent, by code
 * @param closeCodesReceived  close frames received, by code
 * @param handlerErrors       handler events that threw
 * @param handlerNanos        time spent in handler events (0 unless timed)
 * @param loopBusyNanos       time the selector loops worked (0 unless timed)
 */
public record MetricsSnapshot(long openConnections, long connectionsOpened, Map<Integer, Long> upgradesRefused,
                              Map<UpgradeFailure, Long> upgradeFailures, Map<Integer, Traffic> received,
                              Map<Integer, Traffic> sent, long queuedBytes, long largestQueuedBytes,
                              Map<SlowReaderAction, Long> slowReaderActions, Map<Integer, Long> closeCodesSent,
                              Map<Integer, Long> closeCodesReceived, long handlerErrors, long handlerNanos,
                              long loopBusyNanos) {
    /** Copies the maps. */
    public MetricsSnapshot {
        upgradesRefused = Map.copyOf(upgradesRefused);
        upgradeFailures = Map.copyOf(upgradeFailures);
        received = Map.copyOf(received);
        sent = Map.copyOf(sent);
        slowReaderActions = Map.copyOf(slowReaderActions);
        closeCodesSent = Map.copyOf(closeCodesSent);
        closeCodesReceived = Map.copyOf(closeCodesReceived);
    }

    /** What arrived with {@code opcode}. */
    public Traffic received(int opcode) {
        return received.getOrDefault(opcode, Traffic.NONE);
    }

    /** What was sent with {@code opcode}. */
    public Traffic sent(int opcode) {
        return sent.getOrDefault(opcode, Traffic.NONE);
    }

    /** Everything that arrived, all opcodes together. */
    public Traffic receivedTotal() {
        return received.values().stream().reduce(Traffic.NONE, Traffic::plus);
    }

    /** Everything sent, all opcodes together. */
    public Traffic sentTotal() {
        return sent.values().stream().reduce(Traffic.NONE, Traffic::plus);
    }

    /** Upgrades refused, all statuses together. */
    public long upgradesRefusedTotal() {
        return upgradesRefused.values().stream().mapToLong(Long::longValue).sum();
    }
}

package io.wspy.server;

import java.util.Map;

/**
 * A running server's figures over JMX (JConsole: MBeans, {@code io.wspy}), published when its
 * {@link ServerConfig#metrics()} is a {@link io.wspy.metrics.CountingMetrics} and
 * {@link ServerConfig#jmx()} is on. Each attribute is read from the counters when asked; see
 * {@link io.wspy.metrics.MetricsSnapshot} for what each counts. Maps are keyed by HTTP status,
 * failure, opcode name ({@code TEXT}, {@code BINARY}, {@code PING}...), slow-reader action or
 * close code.
 */
public interface ServerMetricsMXBean {
    /** Connections open now. */
    long getOpenConnections();

    /** Connections opened (upgrades answered 101). */
    long getConnectionsOpened();

    /** Upgrades answered with another status, by status. */
    Map<String, Long> getUpgradesRefused();

    /** Upgrades that ended unanswered (TLS, TIMEOUT). */
    Map<String, Long> getUpgradeFailures();

    /** Messages and control frames received, by opcode. */
    Map<String, Long> getMessagesReceived();

    /** Messages and control frames sent, by opcode. */
    Map<String, Long> getMessagesSent();

    /** Payload bytes received (after decompression), by opcode. */
    Map<String, Long> getPayloadBytesReceived();

    /** Payload bytes sent (before compression), by opcode. */
    Map<String, Long> getPayloadBytesSent();

    /** Bytes received on the wire, frame headers included, by opcode. */
    Map<String, Long> getWireBytesReceived();

    /** Bytes sent on the wire, frame headers included, by opcode. */
    Map<String, Long> getWireBytesSent();

    /** Bytes in the outbound queues now. */
    long getQueuedBytes();

    /** The most bytes one connection's outbound queue held. */
    long getLargestQueuedBytes();

    /** What the slow-reader policy did, by action. */
    Map<String, Long> getSlowReaderActions();

    /** Close frames sent, by code. */
    Map<String, Long> getCloseCodesSent();

    /** Close frames received, by code. */
    Map<String, Long> getCloseCodesReceived();

    /** Handler events that threw. */
    long getHandlerErrors();

    /** Nanoseconds spent in handler events (0 unless the metrics are timed). */
    long getHandlerNanos();

    /** Nanoseconds the selector loops worked (0 unless the metrics are timed, and for {@link Server}). */
    long getLoopBusyNanos();
}

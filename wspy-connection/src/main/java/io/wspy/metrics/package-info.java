/**
 * Metrics of WebSocket endpoints: the {@link io.wspy.metrics.WebSocketMetrics} listener every
 * server and client calls, the in-memory {@link io.wspy.metrics.CountingMetrics} and its immutable
 * {@link io.wspy.metrics.MetricsSnapshot}.
 */
package io.wspy.metrics;

/**
 * wspy's metrics in a Micrometer registry: {@link io.wspy.micrometer.WspyMetrics} binds a
 * {@link io.wspy.metrics.CountingMetrics} to any {@code MeterRegistry} (Prometheus, OTLP,
 * StatsD...), reading the counters when the registry asks, so nothing is counted twice.
 */
module io.wspy.micrometer {
    requires transitive io.wspy.connection;
    requires transitive micrometer.core;

    exports io.wspy.micrometer;
}

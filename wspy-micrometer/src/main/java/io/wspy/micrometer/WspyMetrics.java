package io.wspy.micrometer;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.wspy.frame.CloseCode;
import io.wspy.frame.Opcode;
import io.wspy.metrics.CountingMetrics;
import io.wspy.metrics.MetricsSnapshot;
import io.wspy.metrics.SlowReaderAction;
import io.wspy.metrics.Traffic;
import io.wspy.metrics.UpgradeFailure;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * Binds a {@link CountingMetrics} to a Micrometer registry: function counters and gauges that read
 * the counters when the registry is scraped. Bind it once per {@code CountingMetrics}; tags given
 * here (a server's name, say) go on every meter.
 *
 * <p>The meters, with their tags:
 * <ul>
 *   <li>{@code wspy.connections.open} (gauge), {@code wspy.connections.opened}</li>
 *   <li>{@code wspy.upgrades.refused} {@code status} (the usual refusal statuses, others as
 *       {@code other}); {@code wspy.upgrades.failed} {@code cause} ({@code TLS}, {@code TIMEOUT})</li>
 *   <li>{@code wspy.messages}, {@code wspy.payload} and {@code wspy.wire} (bytes)
 *       {@code direction} ({@code in}, {@code out}), {@code opcode} ({@code TEXT}, {@code BINARY},
 *       {@code CLOSE}, {@code PING}, {@code PONG})</li>
 *   <li>{@code wspy.queue} (bytes, gauge), {@code wspy.queue.largest} (bytes, gauge)</li>
 *   <li>{@code wspy.slow.readers} {@code action}</li>
 *   <li>{@code wspy.closes} {@code direction} ({@code sent}, {@code received}), {@code code} (the
 *       RFC 6455 codes, others as {@code other})</li>
 *   <li>{@code wspy.handler.errors}; {@code wspy.handler.time} and {@code wspy.loop.busy}
 *       (seconds, counted only by {@link CountingMetrics#timed()})</li>
 * </ul>
 */
public final class WspyMetrics implements MeterBinder {
    /** The refusal statuses with a meter of their own; any other counts under {@code other}. */
    static final List<Integer> STATUSES = List.of(400, 401, 403, 404, 405, 426, 429, 500, 503);
    /** The close codes with a meter of their own; any other counts under {@code other}. */
    static final List<Integer> CLOSE_CODES = List.of(CloseCode.NORMAL_CLOSURE, CloseCode.GOING_AWAY,
            CloseCode.PROTOCOL_ERROR, CloseCode.UNSUPPORTED_DATA, CloseCode.NO_STATUS_RECEIVED,
            CloseCode.INVALID_PAYLOAD, CloseCode.POLICY_VIOLATION, CloseCode.MESSAGE_TOO_BIG,
            CloseCode.MANDATORY_EXTENSION, CloseCode.INTERNAL_ERROR);
    static final List<Integer> OPCODES = List.of(Opcode.TEXT, Opcode.BINARY, Opcode.CLOSE, Opcode.PING, Opcode.PONG);
    private static final String OTHER = "other";
    private static final double NANOS_PER_SECOND = 1e9;

    private final CountingMetrics metrics;
    private final Tags tags;

    /** Binds {@code metrics} with {@code tags} on every meter. */
    public WspyMetrics(CountingMetrics metrics, Iterable<Tag> tags) {
        if (metrics == null) {
            throw new IllegalArgumentException("metrics must not be null");
        }
        this.metrics = metrics;
        this.tags = Tags.of(tags);
    }

    /** Binds {@code metrics} without tags. */
    public WspyMetrics(CountingMetrics metrics) {
        this(metrics, Tags.empty());
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("wspy.connections.open", metrics, CountingMetrics::openConnections)
                .description("WebSocket connections open now").tags(tags).register(registry);
        counter(registry, "wspy.connections.opened", "WebSocket connections opened (upgrades answered 101)",
                Tags.empty(), null, MetricsSnapshot::connectionsOpened);
        for (int status : STATUSES) {
            counter(registry, "wspy.upgrades.refused", "Upgrades answered with another status than 101",
                    Tags.of("status", String.valueOf(status)), null, s -> s.upgradesRefused().getOrDefault(status, 0L));
        }
        counter(registry, "wspy.upgrades.refused", "Upgrades answered with another status than 101",
                Tags.of("status", OTHER), null, s -> others(s.upgradesRefused(), STATUSES));
        for (UpgradeFailure failure : UpgradeFailure.values()) {
            counter(registry, "wspy.upgrades.failed", "Upgrades that ended without an answer",
                    Tags.of("cause", failure.name()), null, s -> s.upgradeFailures().getOrDefault(failure, 0L));
        }
        for (int opcode : OPCODES) {
            bindTraffic(registry, "in", opcode, MetricsSnapshot::received);
            bindTraffic(registry, "out", opcode, MetricsSnapshot::sent);
        }
        Gauge.builder("wspy.queue", metrics, CountingMetrics::queuedBytes).baseUnit(BaseUnits.BYTES)
                .description("Bytes in the outbound queues now").tags(tags).register(registry);
        Gauge.builder("wspy.queue.largest", metrics, m -> m.snapshot().largestQueuedBytes()).baseUnit(BaseUnits.BYTES)
                .description("The most bytes one connection's outbound queue held").tags(tags).register(registry);
        for (SlowReaderAction action : SlowReaderAction.values()) {
            counter(registry, "wspy.slow.readers", "What the slow-reader policy did",
                    Tags.of("action", action.name()), null, s -> s.slowReaderActions().getOrDefault(action, 0L));
        }
        bindCloses(registry, "sent", MetricsSnapshot::closeCodesSent);
        bindCloses(registry, "received", MetricsSnapshot::closeCodesReceived);
        counter(registry, "wspy.handler.errors", "Handler events that threw", Tags.empty(), null,
                MetricsSnapshot::handlerErrors);
        seconds(registry, "wspy.handler.time", "Time spent in handler events", MetricsSnapshot::handlerNanos);
        seconds(registry, "wspy.loop.busy", "Time the selector loops worked", MetricsSnapshot::loopBusyNanos);
    }

    private void bindTraffic(MeterRegistry registry, String direction, int opcode,
                             Function<MetricsSnapshot, Map<Integer, Traffic>> side) {
        Tags t = Tags.of("direction", direction, "opcode", Opcode.name(opcode));
        counter(registry, "wspy.messages", "Messages and control frames", t, null,
                s -> traffic(side.apply(s), opcode).messages());
        counter(registry, "wspy.payload", "Application bytes (before compression out, after decompression in)", t,
                BaseUnits.BYTES, s -> traffic(side.apply(s), opcode).payloadBytes());
        counter(registry, "wspy.wire", "Frame bytes on the wire, headers included", t, BaseUnits.BYTES,
                s -> traffic(side.apply(s), opcode).wireBytes());
    }

    private void bindCloses(MeterRegistry registry, String direction,
                            Function<MetricsSnapshot, Map<Integer, Long>> codes) {
        for (int code : CLOSE_CODES) {
            counter(registry, "wspy.closes", "Close frames by code", Tags.of("direction", direction, "code",
                    String.valueOf(code)), null, s -> codes.apply(s).getOrDefault(code, 0L));
        }
        counter(registry, "wspy.closes", "Close frames by code", Tags.of("direction", direction, "code", OTHER), null,
                s -> others(codes.apply(s), CLOSE_CODES));
    }

    private void counter(MeterRegistry registry, String name, String description, Tags extra, String unit,
                         ToLongFunction<MetricsSnapshot> figure) {
        ToDoubleFunction<CountingMetrics> read = m -> figure.applyAsLong(m.snapshot());
        FunctionCounter.builder(name, metrics, read).description(description).baseUnit(unit)
                .tags(tags.and(extra)).register(registry);
    }

    private void seconds(MeterRegistry registry, String name, String description,
                         ToLongFunction<MetricsSnapshot> nanos) {
        ToDoubleFunction<CountingMetrics> read = m -> nanos.applyAsLong(m.snapshot()) / NANOS_PER_SECOND;
        FunctionCounter.builder(name, metrics, read).description(description).baseUnit("seconds")
                .tags(tags).register(registry);
    }

    private static Traffic traffic(Map<Integer, Traffic> byOpcode, int opcode) {
        return byOpcode.getOrDefault(opcode, Traffic.NONE);
    }

    private static long others(Map<Integer, Long> counts, List<Integer> named) {
        long sum = 0;
        for (Map.Entry<Integer, Long> e : counts.entrySet()) {
            if (!named.contains(e.getKey())) {
                sum += e.getValue();
            }
        }
        return sum;
    }
}

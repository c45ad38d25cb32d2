package io.wspy.server.internal;

import io.wspy.frame.Opcode;
import io.wspy.metrics.CountingMetrics;
import io.wspy.metrics.MetricsSnapshot;
import io.wspy.metrics.Traffic;
import io.wspy.server.ServerMetricsMXBean;

import javax.management.InstanceAlreadyExistsException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import javax.management.StandardMBean;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/** A server's {@link CountingMetrics} as an MXBean, and its registration under a free name. */
public final class MetricsMBean implements ServerMetricsMXBean {
    private static final System.Logger LOG = System.getLogger("io.wspy.server");
    private static final int MAX_INSTANCES = 1000;

    private final CountingMetrics metrics;

    private MetricsMBean(CountingMetrics metrics) {
        this.metrics = metrics;
    }

    /**
     * Registers {@code metrics} with the platform MBean server under {@code name}, or, if that name
     * is taken, under it with {@code ,instance=2}, {@code 3}...; returns the name used, or
     * {@code null} if none could be registered (logged).
     *
     * @throws IllegalArgumentException if {@code name} is not a valid object name
     */
    public static ObjectName register(CountingMetrics metrics, String name) {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        StandardMBean bean = new StandardMBean(new MetricsMBean(metrics), ServerMetricsMXBean.class, true);
        for (int instance = 1; instance <= MAX_INSTANCES; instance++) {
            ObjectName objectName = objectName(instance == 1 ? name : name + ",instance=" + instance);
            try {
                return server.registerMBean(bean, objectName).getObjectName();
            } catch (InstanceAlreadyExistsException taken) {
                // Another server of this process has the name: try the next instance number.
            } catch (JMException e) {
                LOG.log(System.Logger.Level.WARNING, "could not register the metrics MBean " + objectName, e);
                return null;
            }
        }
        LOG.log(System.Logger.Level.WARNING, "no free name for the metrics MBean {0}", name);
        return null;
    }

    /** Unregisters a name {@link #register} returned. */
    public static void unregister(ObjectName name) {
        try {
            ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
        } catch (JMException e) {
            LOG.log(System.Logger.Level.DEBUG, "metrics MBean {0} was already gone", name);
        }
    }

    private static ObjectName objectName(String name) {
        try {
            return new ObjectName(name);
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException("jmxName is not a valid JMX object name: " + name, e);
        }
    }

    private MetricsSnapshot now() {
        return metrics.snapshot();
    }

    @Override
    public long getOpenConnections() {
        return metrics.openConnections();
    }

    @Override
    public long getConnectionsOpened() {
        return now().connectionsOpened();
    }

    @Override
    public Map<String, Long> getUpgradesRefused() {
        return named(now().upgradesRefused(), String::valueOf);
    }

    @Override
    public Map<String, Long> getUpgradeFailures() {
        return named(now().upgradeFailures(), Enum::name);
    }

    @Override
    public Map<String, Long> getMessagesReceived() {
        return byOpcode(now().received(), Traffic::messages);
    }

    @Override
    public Map<String, Long> getMessagesSent() {
        return byOpcode(now().sent(), Traffic::messages);
    }

    @Override
    public Map<String, Long> getPayloadBytesReceived() {
        return byOpcode(now().received(), Traffic::payloadBytes);
    }

    @Override
    public Map<String, Long> getPayloadBytesSent() {
        return byOpcode(now().sent(), Traffic::payloadBytes);
    }

    @Override
    public Map<String, Long> getWireBytesReceived() {
        return byOpcode(now().received(), Traffic::wireBytes);
    }

    @Override
    public Map<String, Long> getWireBytesSent() {
        return byOpcode(now().sent(), Traffic::wireBytes);
    }

    @Override
    public long getQueuedBytes() {
        return metrics.queuedBytes();
    }

    @Override
    public long getLargestQueuedBytes() {
        return now().largestQueuedBytes();
    }

    @Override
    public Map<String, Long> getSlowReaderActions() {
        return named(now().slowReaderActions(), Enum::name);
    }

    @Override
    public Map<String, Long> getCloseCodesSent() {
        return named(now().closeCodesSent(), String::valueOf);
    }

    @Override
    public Map<String, Long> getCloseCodesReceived() {
        return named(now().closeCodesReceived(), String::valueOf);
    }

    @Override
    public long getHandlerErrors() {
        return now().handlerErrors();
    }

    @Override
    public long getHandlerNanos() {
        return now().handlerNanos();
    }

    @Override
    public long getLoopBusyNanos() {
        return now().loopBusyNanos();
    }

    private static <K> Map<String, Long> named(Map<K, Long> counts, Function<K, String> name) {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(name.apply(k), v));
        return out;
    }

    private static Map<String, Long> byOpcode(Map<Integer, Traffic> traffic, ToLongFunction<Traffic> figure) {
        Map<String, Long> out = new TreeMap<>();
        traffic.forEach((opcode, t) -> out.put(Opcode.name(opcode), figure.applyAsLong(t)));
        return out;
    }
}

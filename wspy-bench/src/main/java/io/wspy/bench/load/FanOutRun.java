package io.wspy.bench.load;

import io.wspy.cluster.InProcessBroker;
import io.wspy.cluster.RedisBroker;
import io.wspy.protocol.TextMessage;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The nodes and subscribers of one fan-out setup, and publishing to them: a publisher on the first
 * node sends numbered, time-stamped messages to the one room, holding at most {@code window}
 * messages not yet delivered to every subscriber, and waits until all arrived.
 */
final class FanOutRun implements AutoCloseable {
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(60);
    private static final long POLL_NANOS = 20_000;

    private final String setup;
    private final List<FanOutNode> nodes;
    private FanOutSubscribers subscribers;
    private long published;

    private FanOutRun(String setup, List<FanOutNode> nodes) {
        this.setup = setup;
        this.nodes = nodes;
    }

    /** One node on the in-process broker: the single-node broadcast. */
    static FanOutRun singleNode(int subscribers) throws Exception {
        List<FanOutNode> nodes = new ArrayList<>();
        nodes.add(FanOutNode.start("single", InProcessBroker.create()));
        return connect(new FanOutRun("1 node, in-process broker", nodes), subscribers);
    }

    /** {@code count} nodes, each with its own Redis connections, on the Redis at {@code redisUri}. */
    static FanOutRun cluster(String redisUri, int count, int subscribers) throws Exception {
        List<FanOutNode> nodes = new ArrayList<>();
        FanOutRun run = new FanOutRun(count + " nodes, Redis broker", nodes);
        try {
            for (int i = 0; i < count; i++) {
                nodes.add(FanOutNode.start("node" + i, RedisBroker.create(redisUri)));
            }
        } catch (RuntimeException | IOException e) {
            run.close();
            throw e;
        }
        return connect(run, subscribers);
    }

    private static FanOutRun connect(FanOutRun run, int subscribers) throws Exception {
        try {
            List<Integer> ports = run.nodes.stream().map(FanOutNode::port).toList();
            run.subscribers = FanOutSubscribers.connect(ports, subscribers);
            long deadline = System.nanoTime() + JOIN_TIMEOUT.toNanos();
            while (run.nodes.stream().mapToLong(FanOutNode::joined).sum() < subscribers) {
                long failures = run.nodes.stream().mapToLong(FanOutNode::joinFailures).sum();
                if (failures > 0 || System.nanoTime() > deadline) {
                    throw new IllegalStateException(run.nodes.stream().mapToLong(FanOutNode::joined).sum() + " of "
                            + subscribers + " subscribers joined the room, " + failures + " failed, within " + JOIN_TIMEOUT);
                }
                Thread.sleep(10);
            }
            return run;
        } catch (Exception | Error e) {
            run.close();
            throw e;
        }
    }

    /**
     * Publishes {@code messages} messages of {@code size} characters from the first node with at
     * most {@code window} in flight, and waits for their delivery, at most {@code limit} in all.
     */
    FanOutResult publish(int messages, int size, int window, Duration limit) {
        FanOutNode publisher = nodes.get(0);
        long perMessage = subscribers.count();
        long before = subscribers.delivered();
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        int sent = 0;
        while (sent < messages && System.nanoTime() < deadline) {
            while (subscribers.delivered() - before < (sent - window) * perMessage && System.nanoTime() < deadline) {
                LockSupport.parkNanos(POLL_NANOS);
            }
            String text = FanOutPayload.of(published + sent, System.nanoTime(), size);
            publisher.rooms().publish(FanOutNode.ROOM, new TextMessage(text));
            sent++;
        }
        while (subscribers.delivered() - before < sent * perMessage && System.nanoTime() < deadline) {
            LockSupport.parkNanos(POLL_NANOS);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        published += sent;
        long delivered = subscribers.delivered() - before;
        int complete = subscribers.complete(published);
        return new FanOutResult(setup, subscribers.count(), sent, seconds, delivered, complete,
                percentiles(0, false), nodes.size() > 1 ? percentiles(0, true) : new long[2],
                new long[] {subscribers.latency(50), subscribers.latency(99)});
    }

    private long[] percentiles(int node, boolean otherNodes) {
        return otherNodes
                ? new long[] {subscribers.latencyExcept(node, 50), subscribers.latencyExcept(node, 99)}
                : new long[] {subscribers.latency(node, 50), subscribers.latency(node, 99)};
    }

    /** Forgets the times recorded so far (after a warm-up). */
    void resetLatencies() {
        subscribers.resetLatencies();
    }

    @Override
    public void close() {
        if (subscribers != null) {
            subscribers.close();
        }
        for (FanOutNode node : nodes) {
            node.close();
        }
    }
}

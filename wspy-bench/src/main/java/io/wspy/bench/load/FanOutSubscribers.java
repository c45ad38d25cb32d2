package io.wspy.bench.load;

import io.wspy.client.AsyncClient;
import io.wspy.connection.Session;
import io.wspy.protocol.Message;
import io.wspy.protocol.TextMessage;
import io.wspy.server.WebSocketHandler;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The subscribers of the fan-out benchmark: wspy {@link AsyncClient} connections spread round-robin
 * over the nodes' ports. Each checks that the messages come exactly once and in order (their
 * sequence numbers, see {@link FanOutPayload}) and records the time from publishing to delivery
 * in the histogram of the node it is connected to.
 */
final class FanOutSubscribers implements AutoCloseable {
    private final AsyncClient client;
    private final List<Subscriber> subscribers = new ArrayList<>();
    private final LatencyHistogram[] latencyByNode;
    private final LongAdder delivered = new LongAdder();

    private FanOutSubscribers(AsyncClient client, int nodes) {
        this.client = client;
        this.latencyByNode = new LatencyHistogram[nodes];
        for (int i = 0; i < nodes; i++) {
            latencyByNode[i] = new LatencyHistogram();
        }
    }

    /** Connects {@code count} subscribers, the i-th to {@code ports.get(i % ports.size())}. */
    static FanOutSubscribers connect(List<Integer> ports, int count) throws Exception {
        FanOutSubscribers all = new FanOutSubscribers(
                AsyncClient.builder().selectorThreads(2).closeTimeout(Duration.ofSeconds(10)).build(), ports.size());
        try {
            for (int start = 0; start < count; start += 200) {
                List<CompletableFuture<Session>> batch = new ArrayList<>();
                for (int i = start; i < Math.min(count, start + 200); i++) {
                    Subscriber s = all.new Subscriber(i % ports.size());
                    all.subscribers.add(s);
                    batch.add(all.client.connect(URI.create("ws://127.0.0.1:" + ports.get(i % ports.size()) + "/"), s));
                }
                for (CompletableFuture<Session> f : batch) {
                    f.get(60, TimeUnit.SECONDS);
                }
            }
            return all;
        } catch (Exception | Error e) {
            all.close();
            throw e;
        }
    }

    int count() {
        return subscribers.size();
    }

    /** Messages delivered to all subscribers together, since the start. */
    long delivered() {
        return delivered.sum();
    }

    /** The subscribers that got exactly the messages {@code 0..published-1}, each once and in order. */
    int complete(long published) {
        int complete = 0;
        for (Subscriber s : subscribers) {
            if (s.next == published && s.unexpected == 0) {
                complete++;
            }
        }
        return complete;
    }

    /** The publish-to-delivery time at {@code percentile} of the subscribers on node {@code node}, in ns. */
    long latency(int node, double percentile) {
        LatencyHistogram h = latencyByNode[node];
        synchronized (h) {
            return h.percentile(percentile);
        }
    }

    /** The publish-to-delivery time at {@code percentile} of the subscribers on every node but {@code node}. */
    long latencyExcept(int node, double percentile) {
        LatencyHistogram merged = new LatencyHistogram();
        for (int i = 0; i < latencyByNode.length; i++) {
            if (i != node) {
                synchronized (latencyByNode[i]) {
                    merged.add(latencyByNode[i]);
                }
            }
        }
        return merged.percentile(percentile);
    }

    /** The publish-to-delivery time at {@code percentile} over every subscriber. */
    long latency(double percentile) {
        return latencyExcept(-1, percentile);
    }

    /** Forgets the recorded times (the order check goes on). */
    void resetLatencies() {
        for (LatencyHistogram h : latencyByNode) {
            synchronized (h) {
                h.reset();
            }
        }
    }

    @Override
    public void close() {
        client.close();
    }

    /** One connection; its handler runs on one client loop, so its counters have a single writer. */
    private final class Subscriber implements WebSocketHandler {
        private final LatencyHistogram latency;
        /** The sequence number expected next; written by this connection's loop only. */
        private volatile long next;
        /** Messages that were not the next in sequence, or not text. */
        private volatile long unexpected;

        Subscriber(int node) {
            this.latency = latencyByNode[node];
        }

        @Override
        public void onMessage(Session server, Message message) {
            long now = System.nanoTime();
            if (!(message instanceof TextMessage text)) {
                unexpected++;
                return;
            }
            String body = text.text();
            if (FanOutPayload.sequence(body) == next) {
                next++;
            } else {
                unexpected++;
            }
            synchronized (latency) {
                latency.record(now - FanOutPayload.sentNanos(body));
            }
            delivered.increment();
        }
    }
}

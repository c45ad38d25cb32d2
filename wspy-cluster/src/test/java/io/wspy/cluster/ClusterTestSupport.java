package io.wspy.cluster;

import io.wspy.cluster.demo.ChatNode;

import java.io.IOException;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Nodes on a test Redis, and waiting for a condition. */
final class ClusterTestSupport {
    private ClusterTestSupport() {
    }

    /** A chat node on the Redis at {@code uri} with short presence and reconnect times for tests. */
    static ChatNode redisNode(String uri, String nodeId) throws IOException {
        RedisBroker broker = RedisBroker.create(RedisBrokerOptions.builder(uri)
                .presenceLifetime(Duration.ofSeconds(2))
                .reconnectDelay(Duration.ofMillis(50), Duration.ofSeconds(1))
                .build());
        return ChatNode.start(0, broker, RoomsOptions.builder().nodeId(nodeId)
                .presenceRefresh(Duration.ofMillis(500)).build());
    }

    /** Waits until {@code condition} holds, or fails with {@code what} after {@code timeout}. */
    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting until " + what);
            }
            Thread.sleep(20);
        }
    }
}

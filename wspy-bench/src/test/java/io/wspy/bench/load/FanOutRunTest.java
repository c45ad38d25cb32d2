package io.wspy.bench.load;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The fan-out benchmark's measuring pieces on tiny counts: every subscriber, on every node, gets
 * every message once and in order, and each delivery is timed, across two nodes on a real Redis
 * and on one node alone.
 */
class FanOutRunTest {
    private static final int SUBSCRIBERS = 6;
    private static final int MESSAGES = 40;
    private static final Duration LIMIT = Duration.ofSeconds(30);

    @BeforeAll
    static void needsRedis() {
        boolean installed = RedisProcess.executable().isPresent();
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            assertTrue(installed, "redis-server must be installed in CI (.ci/run installs it)");
        }
        assumeTrue(installed, "redis-server is not installed; install it with: apt-get install -y redis-server");
    }

    @Test
    void everySubscriberOnEveryNodeGetsEveryMessageAcrossRedis() throws Exception {
        try (RedisProcess redis = RedisProcess.start();
             FanOutRun run = FanOutRun.cluster(redis.uri(), 2, SUBSCRIBERS)) {
            assertEveryMessageDelivered(run.publish(MESSAGES, 64, 4, LIMIT), true);
            assertEveryMessageDelivered(run.publish(MESSAGES, 64, 1, LIMIT), true);
        }
    }

    @Test
    void everySubscriberGetsEveryMessageOnOneNode() throws Exception {
        try (FanOutRun run = FanOutRun.singleNode(SUBSCRIBERS)) {
            assertEveryMessageDelivered(run.publish(MESSAGES, 64, 4, LIMIT), false);
        }
    }

    @Test
    void thePayloadCarriesItsSequenceAndTimeInItsSize() {
        String text = FanOutPayload.of(12, 345_678_901_234L, 64);
        assertEquals(64, text.length());
        assertEquals(12, FanOutPayload.sequence(text));
        assertEquals(345_678_901_234L, FanOutPayload.sentNanos(text));
    }

    private static void assertEveryMessageDelivered(FanOutResult result, boolean otherNodes) {
        assertEquals(MESSAGES, result.messages());
        assertEquals((long) MESSAGES * SUBSCRIBERS, result.delivered());
        assertEquals(0, result.lost());
        assertEquals(SUBSCRIBERS, result.complete(), "subscribers with every message once and in order");
        assertTrue(result.local()[0] > 0 && result.local()[1] >= result.local()[0], "times on the publisher's node");
        assertTrue(result.all()[1] > 0, "times over every subscriber");
        assertEquals(otherNodes, result.remote()[1] > 0, "times on the other nodes");
    }
}

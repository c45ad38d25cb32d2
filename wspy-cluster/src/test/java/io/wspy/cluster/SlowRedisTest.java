package io.wspy.cluster;

import io.wspy.cluster.demo.ChatNode;
import io.wspy.protocol.TextMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import static io.wspy.cluster.ClusterTestSupport.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Redis that hangs (SIGSTOP) holds a bounded number of a node's publications (Lettuce bounds its
 * write queue and its queue of commands awaiting an answer each by
 * {@link RedisBrokerOptions#maxInFlight()}, so at most twice that); the rest fail at once instead of
 * piling up; local delivery is not held up.
 */
class SlowRedisTest {
    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final int MAX_IN_FLIGHT = 50;
    private static final int PUBLISHED = 1_000;

    @Test
    void aHangingRedisHoldsABoundedNumberOfPublicationsAndTheRestFailAtOnce() throws Exception {
        RedisBroker broker = RedisBroker.create(RedisBrokerOptions.builder(REDIS.uri())
                .maxInFlight(MAX_IN_FLIGHT).commandTimeout(Duration.ofSeconds(30)).build());
        try (ChatNode publisher = ChatNode.start(0, broker, RoomsOptions.builder().nodeId("p").build());
             ChatNode listener = ClusterTestSupport.redisNode(REDIS.uri(), "l");
             TestClient local = TestClient.connect(publisher.server().port());
             TestClient remote = TestClient.connect(listener.server().port())) {
            local.join("r");
            remote.join("r");
            Recorder localRecorder = new Recorder(Set.of("r"));
            Recorder remoteRecorder = new Recorder(Set.of("r"));
            local.onText(localRecorder);
            remote.onText(remoteRecorder);

            REDIS.pause();
            List<CompletableFuture<String>> handedOver = new ArrayList<>();
            try {
                for (int seq = 1; seq <= PUBLISHED; seq++) {
                    Publication p = publisher.rooms().publish("r", new TextMessage("r|p|" + seq));
                    assertEquals(1, p.localClients());
                    handedOver.add(p.toOtherNodes().toCompletableFuture());
                }
                long failedAtOnce = handedOver.stream().filter(CompletableFuture::isCompletedExceptionally).count();
                assertTrue(failedAtOnce >= PUBLISHED - 2 * MAX_IN_FLIGHT,
                        "publications past maxInFlight fail at once: " + failedAtOnce + " of " + PUBLISHED);
                await("local delivery goes on while Redis hangs", Duration.ofSeconds(10),
                        () -> localRecorder.count.get() == PUBLISHED);
            } finally {
                REDIS.resume();
            }
            await("the publications in flight are taken once Redis answers", Duration.ofSeconds(20),
                    () -> handedOver.stream().allMatch(CompletableFuture::isDone));
            long taken = handedOver.stream().filter(f -> !f.isCompletedExceptionally()).count();
            assertTrue(taken >= 1 && taken <= 2 * MAX_IN_FLIGHT, "taken: " + taken);
            await("the other node delivers what Redis took", Duration.ofSeconds(20),
                    () -> remoteRecorder.count.get() == taken);
            assertEquals(List.of(), remoteRecorder.problems);
            assertEquals(PUBLISHED - taken, publisher.rooms().stats().publishFailed());
        }
    }
}

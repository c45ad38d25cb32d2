package io.wspy.cluster;

import io.wspy.cluster.demo.ChatNode;
import io.wspy.protocol.TextMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import static io.wspy.cluster.ClusterTestSupport.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three nodes (each its own server and its own Redis connections) with 300 wspy clients in 10
 * rooms, every client in two; every node publishes to every room: each client gets every message
 * of its rooms exactly once, in order per publisher.
 */
class ClusterDeliveryTest {
    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final int NODES = 3;
    private static final int CLIENTS = 300;
    private static final int ROOMS = 10;
    private static final int PER_NODE_AND_ROOM = 333;

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    @Test
    void everyClientGetsEveryMessageOfItsRoomsOnceInPublisherOrder() throws Exception {
        List<ChatNode> nodes = new ArrayList<>();
        for (int n = 0; n < NODES; n++) {
            ChatNode node = ClusterTestSupport.redisNode(REDIS.uri(), "n" + n);
            toClose.add(node);
            nodes.add(node);
        }
        List<Recorder> recorders = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            String first = "room" + i % ROOMS;
            String second = "room" + (i % ROOMS + 1 + (i / ROOMS) % (ROOMS - 1)) % ROOMS;
            TestClient client = TestClient.connect(nodes.get(i % NODES).server().port());
            toClose.add(0, client);
            client.join(first);
            client.join(second);
            Recorder recorder = new Recorder(Set.of(first, second));
            client.onText(recorder);
            recorders.add(recorder);
        }

        List<CompletableFuture<Void>> publishers = new ArrayList<>();
        for (ChatNode node : nodes) {
            publishers.add(CompletableFuture.runAsync(() -> {
                for (int seq = 1; seq <= PER_NODE_AND_ROOM; seq++) {
                    for (int r = 0; r < ROOMS; r++) {
                        node.rooms().publish("room" + r, new TextMessage("room" + r + "|" + node.rooms().nodeId() + "|" + seq));
                    }
                }
            }));
        }
        CompletableFuture.allOf(publishers.toArray(CompletableFuture[]::new)).join();

        long expectedPerClient = 2L * NODES * PER_NODE_AND_ROOM;
        await("every client has " + expectedPerClient + " messages", Duration.ofSeconds(60),
                () -> recorders.stream().allMatch(r -> r.count.get() >= expectedPerClient));
        for (Recorder recorder : recorders) {
            assertEquals(List.of(), recorder.problems);
            assertEquals(expectedPerClient, recorder.count.get());
            for (String room : recorder.rooms) {
                for (ChatNode node : nodes) {
                    BitSet seen = recorder.seen(room, node.rooms().nodeId());
                    assertEquals(PER_NODE_AND_ROOM, seen.cardinality(), room + " from " + node.rooms().nodeId());
                }
            }
        }
        for (ChatNode node : nodes) {
            RoomsStats stats = node.rooms().stats();
            assertEquals((long) ROOMS * PER_NODE_AND_ROOM, stats.published());
            assertEquals(0, stats.publishFailed() + stats.missed() + stats.droppedInbound() + stats.duplicates()
                    + stats.malformed(), stats.toString());
            assertEquals((long) (NODES - 1) * ROOMS * PER_NODE_AND_ROOM, stats.received(), stats.toString());
            assertTrue(node.rooms().isBrokerConnected());
        }
        assertEquals(CLIENTS * 2 / ROOMS, nodes.get(0).rooms().presence("room3").count());
    }
}

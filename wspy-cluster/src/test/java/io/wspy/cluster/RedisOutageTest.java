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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static io.wspy.cluster.ClusterTestSupport.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Redis killed and restarted while three nodes publish: clients stay connected, local delivery
 * goes on, publications across nodes fail fast, the nodes reconnect and subscribe again, and what
 * was lost is counted and confined to the outage.
 */
class RedisOutageTest {
    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final int NODES = 3;
    private static final int ROOMS = 3;
    private static final int CLIENTS = 27;
    private static final int PHASE = 100;

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final List<ChatNode> nodes = new ArrayList<>();
    private final List<Recorder> recorders = new ArrayList<>();
    private final List<TestClient> clients = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    @Test
    void nodesSurviveARedisRestartAndLoseOnlyWhatWasPublishedDuringTheOutage() throws Exception {
        for (int n = 0; n < NODES; n++) {
            ChatNode node = ClusterTestSupport.redisNode(REDIS.uri(), "n" + n);
            toClose.add(node);
            nodes.add(node);
        }
        for (int i = 0; i < CLIENTS; i++) {
            String room = "room" + (i / NODES) % ROOMS;
            TestClient client = TestClient.connect(nodes.get(i % NODES).server().port());
            toClose.add(0, client);
            client.join(room);
            Recorder recorder = new Recorder(Set.of(room));
            client.onText(recorder);
            clients.add(client);
            recorders.add(recorder);
        }

        publishPhase(1);
        awaitAllOf(1);

        REDIS.stop();
        await("every node notices that Redis is gone", Duration.ofSeconds(10),
                () -> nodes.stream().noneMatch(n -> n.rooms().isBrokerConnected()));
        for (ChatNode node : nodes) {
            for (int seq = PHASE + 1; seq <= 2 * PHASE; seq++) {
                for (int r = 0; r < ROOMS; r++) {
                    Publication p = node.rooms().publish("room" + r,
                            new TextMessage("room" + r + "|" + node.rooms().nodeId() + "|" + seq));
                    assertEquals(CLIENTS / NODES / ROOMS, p.localClients(), "local delivery goes on");
                    ExecutionException failed = assertThrows(ExecutionException.class,
                            () -> p.toOtherNodes().toCompletableFuture().get(0, TimeUnit.SECONDS),
                            "publishing across nodes fails fast while Redis is down");
                    assertInstanceOf(BrokerUnavailableException.class, failed.getCause());
                }
            }
        }
        assertTrue(clients.stream().allMatch(TestClient::isOpen), "clients stay connected during the outage");

        REDIS.start();
        await("every node reconnects", Duration.ofSeconds(20),
                () -> nodes.stream().allMatch(n -> n.rooms().isBrokerConnected()));
        awaitResubscribed();

        publishPhase(3);
        awaitAllOf(3);

        long lost = 0;
        for (int i = 0; i < CLIENTS; i++) {
            Recorder recorder = recorders.get(i);
            assertEquals(List.of(), recorder.problems);
            String room = recorder.rooms.iterator().next();
            String ownNode = nodes.get(i % NODES).rooms().nodeId();
            for (ChatNode node : nodes) {
                String publisher = node.rooms().nodeId();
                BitSet seen = recorder.seen(room, publisher);
                BitSet missing = new BitSet();
                missing.set(1, 3 * PHASE + 1);
                missing.andNot(seen);
                if (publisher.equals(ownNode)) {
                    assertTrue(missing.isEmpty(), "a node's own clients miss nothing: " + missing);
                } else {
                    assertTrue(missing.isEmpty() || missing.nextSetBit(0) > PHASE
                            && missing.previousSetBit(3 * PHASE) <= 2 * PHASE,
                            "only messages published during the outage are lost: " + missing);
                    lost += missing.cardinality();
                }
            }
        }
        assertEquals((long) CLIENTS * (NODES - 1) * PHASE, lost, "every cross-node message of the outage is lost");
        for (ChatNode node : nodes) {
            RoomsStats stats = node.rooms().stats();
            assertEquals((long) ROOMS * PHASE, stats.publishFailed(), stats.toString());
            assertEquals((long) ROOMS * (NODES - 1) * PHASE, stats.missed(), "the gaps are counted: " + stats);
            assertEquals(0, stats.duplicates() + stats.droppedInbound() + stats.malformed(), stats.toString());
        }
    }

    private void publishPhase(int phase) {
        for (ChatNode node : nodes) {
            for (int seq = (phase - 1) * PHASE + 1; seq <= phase * PHASE; seq++) {
                for (int r = 0; r < ROOMS; r++) {
                    node.rooms().publish("room" + r, new TextMessage("room" + r + "|" + node.rooms().nodeId() + "|" + seq));
                }
            }
        }
    }

    private void awaitAllOf(int phase) throws InterruptedException {
        await("every client has all of phase " + phase, Duration.ofSeconds(30), () -> {
            for (Recorder recorder : recorders) {
                String room = recorder.rooms.iterator().next();
                for (ChatNode node : nodes) {
                    BitSet seen = recorder.seen(room, node.rooms().nodeId());
                    if (seen.get((phase - 1) * PHASE + 1, phase * PHASE + 1).cardinality() != PHASE) {
                        return false;
                    }
                }
            }
            return true;
        });
    }

    /** Probes every room from every node until every client heard one from each other node. */
    private void awaitResubscribed() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        int probe = 0;
        while (true) {
            probe++;
            for (ChatNode node : nodes) {
                for (int r = 0; r < ROOMS; r++) {
                    node.rooms().publish("room" + r, new TextMessage("probe|room" + r + "|" + node.rooms().nodeId() + "|" + probe));
                }
            }
            Thread.sleep(100);
            boolean all = true;
            for (int i = 0; i < CLIENTS; i++) {
                all &= recorders.get(i).probesFrom.size() == NODES;
            }
            if (all) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the nodes did not subscribe again after Redis came back");
            }
        }
    }
}

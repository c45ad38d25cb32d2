package io.wspy.cluster;

import io.wspy.cluster.demo.ChatNode;
import io.wspy.connection.Session;
import io.wspy.protocol.TextMessage;
import io.wspy.server.AsyncServer;
import io.wspy.server.Server;
import io.wspy.server.ServerConfig;
import io.wspy.server.WebSocketHandler;
import io.wspy.server.WebSocketServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rooms on two nodes joined by the in-process broker: nothing to install. */
class RoomsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private ChatNode a;
    private ChatNode b;

    @BeforeEach
    void twoNodes() throws IOException {
        InProcessBroker hub = InProcessBroker.create();
        a = node(hub, "a");
        b = node(hub.peer(), "b");
    }

    private ChatNode node(InProcessBroker broker, String id) throws IOException {
        ChatNode node = ChatNode.start(0, broker, RoomsOptions.builder().nodeId(id)
                .build());
        toClose.add(node);
        return node;
    }

    private TestClient client(ChatNode node) throws IOException {
        TestClient c = TestClient.connect(node.server().port());
        toClose.add(0, c);
        return c;
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    @Test
    void aMessageReachesTheRoomOnEveryNodeOnceAndNobodyElse() throws Exception {
        TestClient a1 = client(a);
        TestClient b1 = client(b);
        TestClient b2 = client(b);
        a1.join("r");
        b1.join("r");
        b2.join("other");

        a1.send("/say r hello");
        a1.send("/say r marker");
        assertEquals("[r] a/1: hello", a1.poll(WAIT), "the publisher's own node delivers it");
        assertEquals("[r] a/1: marker", a1.poll(WAIT), "and only once: the broker's echo is dropped");
        assertEquals("[r] a/1: hello", b1.poll(WAIT));
        assertEquals("[r] a/1: marker", b1.poll(WAIT));

        b2.send("/say other for-b2-only");
        assertEquals("[other] b/2: for-b2-only", b2.poll(WAIT));
        a1.send("/say r after");
        assertEquals("[r] a/1: after", b1.poll(WAIT), "b1 is not in 'other'");
        assertEquals(0, a.rooms().stats().duplicates() + b.rooms().stats().duplicates());
    }

    @Test
    void broadcastReachesEveryClientOfEveryNode() throws Exception {
        TestClient a1 = client(a);
        TestClient b1 = client(b);
        a1.join("r");
        b1.send("/id");
        String bId = b1.await(m -> m.startsWith("/id "), WAIT).substring(4);
        assertEquals("guest", bId, "b1 is in no room, so it has no member id yet");
        b1.send("/all everyone");
        assertEquals("[all] guest: everyone", a1.poll(WAIT));
        assertEquals("[all] guest: everyone", b1.poll(WAIT));
    }

    @Test
    void presenceCountsTheClientsOfEveryNodeAndForgetsThoseThatClose() throws Exception {
        TestClient a1 = client(a);
        TestClient b1 = client(b);
        TestClient b2 = client(b);
        a1.join("r");
        b1.join("r");
        b2.join("r");
        b2.join("s");
        assertEquals(Set.of("a/1", "b/1", "b/2"), a.rooms().presence("r").members());
        assertEquals(Set.of("r", "s"), b.rooms().roomsOf(onlySessionOf(b.server(), b.rooms(), "b/2")));
        a1.send("/who r");
        assertEquals("/who r 3 a/1 b/1 b/2", a1.await(m -> m.startsWith("/who"), WAIT));

        b2.close();
        awaitPresence(a.rooms(), "r", 2);
        assertEquals(0, a.rooms().presence("s").count(), "a client leaves every room when it closes");
        b1.send("/leave r");
        b1.await("/left r"::equals, WAIT);
        assertEquals(Set.of("a/1"), b.rooms().presence("r").members());
    }

    @Test
    void closedClientsLeaveTheirRoomsEvenIfTheApplicationNeverSaysSo() throws Exception {
        try (Server server = new Server(ServerConfig.builder().address("127.0.0.1", 0).build());
             Rooms rooms = Rooms.attach(server, InProcessBroker.create(),
                     RoomsOptions.builder().nodeId("n").build())) {
            server.start();
            Session session;
            try (TestClient c = TestClient.connect(server.port())) {
                session = awaitClient(server);
                assertTrue(c.isOpen());
                rooms.join(session, "r").toCompletableFuture().get(10, TimeUnit.SECONDS);
                assertEquals(1, rooms.presence("r").count());
            }
            awaitPresence(rooms, "r", 0);
            assertTrue(rooms.roomsOf(session).isEmpty());
        }
    }

    @Test
    void localDeliveryUsesTheServersOwnBroadcastAndCountsClients() throws Exception {
        TestClient a1 = client(a);
        TestClient a2 = client(a);
        a1.join("r");
        a2.join("r");
        Publication p = a.rooms().publish("r", new TextMessage("direct"));
        assertEquals(2, p.localClients());
        p.toOtherNodes().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals("direct", a1.poll(WAIT));
        assertEquals("direct", a2.poll(WAIT));
        assertEquals(1, a.rooms().stats().published());
        assertEquals(0, b.rooms().stats().received(), "b has no client in r, so it is not subscribed to r");
    }

    @Test
    void badRoomsAndTooManyRoomsAreRefusedWithAClearError() throws Exception {
        AsyncServer server = new AsyncServer(ServerConfig.builder().address("127.0.0.1", 0).build(),
                new WebSocketHandler() { });
        toClose.add(server);
        server.start();
        Rooms rooms = Rooms.attach(server, InProcessBroker.create(), RoomsOptions.builder().maxRoomsPerClient(2)
                .maxRoomNameLength(5).build());
        toClose.add(rooms);
        Session session;
        try (TestClient own = TestClient.connect(server.port())) {
            session = awaitClient(server);
            assertTrue(own.isOpen());
            assertThrows(IllegalArgumentException.class, () -> rooms.join(session, ""));
            IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
                    () -> rooms.join(session, "abcdef"));
            assertTrue(tooLong.getMessage().contains("maxRoomNameLength"), tooLong.getMessage());
            assertThrows(IllegalArgumentException.class, () -> rooms.join(session, "a\nb"));
            rooms.join(session, "one");
            rooms.join(session, "two");
            IllegalStateException tooMany = assertThrows(IllegalStateException.class, () -> rooms.join(session, "six"));
            assertTrue(tooMany.getMessage().contains("maxRoomsPerClient"), tooMany.getMessage());
            assertEquals(Set.of("one", "two"), rooms.roomsOf(session));
        }
        assertThrows(IllegalArgumentException.class, () -> RoomsOptions.builder().nodeId("a/b"));
        assertThrows(IllegalArgumentException.class, () -> RedisBrokerOptions.builder("http://x"));
    }

    static Session awaitClient(WebSocketServer server) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (server.clients().isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no client connected");
            }
            Thread.sleep(10);
        }
        return server.clients().iterator().next();
    }

    static void awaitPresence(Rooms rooms, String room, int count) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (rooms.presence(room).count() != count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("presence of " + room + " stayed " + rooms.presence(room) + ", expected " + count);
            }
            Thread.sleep(20);
        }
    }

    private static Session onlySessionOf(WebSocketServer server, Rooms rooms, String memberId) {
        return server.clients().stream().filter(s -> memberId.equals(rooms.memberId(s))).findFirst()
                .orElseThrow(() -> new AssertionError("no client " + memberId));
    }
}

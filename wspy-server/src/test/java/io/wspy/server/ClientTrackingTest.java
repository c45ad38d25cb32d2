package io.wspy.server;

import io.wspy.connection.Connection;
import io.wspy.connection.Session;
import io.wspy.connection.WebSocket;
import io.wspy.protocol.TextMessage;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a library that tracks clients uses: Session.id(), close listeners, broadcast to a group. */
@Timeout(30)
class ClientTrackingTest {
    private final BlockingQueue<Session> opened = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();

    private final WebSocketHandler handler = new WebSocketHandler() {
        @Override
        public void onOpen(Session client) {
            opened.add(client);
        }

        @Override
        public void onClose(Session client, int code, String reason) {
            events.add("onClose " + client.id());
        }
    };

    private static Connection connect(WebSocketServer server) throws IOException {
        return new Connection(WebSocket.connect(URI.create("ws://127.0.0.1:" + server.port() + "/")));
    }

    private Session nextOpened() throws InterruptedException {
        Session s = opened.poll(10, TimeUnit.SECONDS);
        assertNotNull(s, "a client opened");
        return s;
    }

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void eachClientHasItsOwnIdAndCloseListenersHearOfItBeforeOnClose(ServerKind kind) throws Exception {
        WebSocketServer server = kind.start(handler, b -> b);
        try {
            server.addCloseListener(s -> events.add("listener " + s.id() + " listed=" + server.clients().contains(s)));
            Set<Long> ids = new HashSet<>();
            List<Connection> clients = new ArrayList<>();
            Session first = null;
            for (int i = 0; i < 3; i++) {
                clients.add(connect(server));
                Session s = nextOpened();
                first = first == null ? s : first;
                ids.add(s.id());
            }
            assertEquals(3, ids.size(), "ids are distinct: " + ids);
            assertTrue(ids.stream().allMatch(id -> id > 0), "ids are positive: " + ids);
            clients.get(0).close();
            assertEquals("listener " + first.id() + " listed=false", events.poll(10, TimeUnit.SECONDS));
            assertEquals("onClose " + first.id(), events.poll(10, TimeUnit.SECONDS));
            for (Connection c : clients.subList(1, 3)) {
                c.close();
            }
        } finally {
            server.stop();
        }
    }

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void aRemovedCloseListenerIsNotCalled(ServerKind kind) throws Exception {
        WebSocketServer server = kind.start(handler, b -> b);
        try {
            java.util.function.Consumer<Session> listener = s -> events.add("listener");
            server.addCloseListener(listener);
            assertTrue(server.removeCloseListener(listener));
            try (Connection c = connect(server)) {
                nextOpened();
            }
            assertTrue(events.poll(10, TimeUnit.SECONDS).startsWith("onClose"));
            assertFalse(events.contains("listener"));
        } finally {
            server.stop();
        }
    }

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void broadcastToAGroupReachesOnlyItsMembers(ServerKind kind) throws Exception {
        WebSocketServer server = kind.start(handler, b -> b);
        try (Connection a = connect(server)) {
            Session first = nextOpened();
            Connection b = connect(server);
            Session second = nextOpened();
            Connection outsider = connect(server);
            nextOpened();
            Set<Session> members = Set.of(first, second);
            // A session of another kind (the test's own client connection) is skipped, not failed.
            List<Session> withStranger = new ArrayList<>(members);
            withStranger.add(a);
            assertEquals(2, server.broadcast(new TextMessage("room"), withStranger));
            assertEquals(new TextMessage("room"), a.receive());
            assertEquals(new TextMessage("room"), b.receive());
            server.broadcast(new TextMessage("everyone"));
            assertEquals(new TextMessage("everyone"), outsider.receive(), "the outsider got only the broadcast");
            b.close();
            outsider.close();
        } finally {
            server.stop();
        }
    }
}

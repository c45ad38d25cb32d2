package io.wspy.server;

import io.wspy.connection.Session;
import io.wspy.frame.Frame;
import io.wspy.handshake.ServerHandshakeConfig;
import io.wspy.handshake.Upgrade;
import io.wspy.handshake.UpgradeRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The upgrade hook on every server: a bearer token in the query, a session cookie, a room id from
 * the path, a 403 with a body, a subprotocol and headers chosen per request, 404 and 500.
 */
@Timeout(30)
class UpgradeHookTest {
    private static final Map<String, String> TOKENS = Map.of("t0ken", "alice");
    private static final Map<String, String> SESSIONS = Map.of("s3ss10n", "bob");
    /** The threads the hook ran on. */
    private static final BlockingQueue<String> THREADS = new LinkedBlockingQueue<>();

    /** The decisions of the hook, each on its own path, as an application would write them. */
    static ServerConfig.Builder routes(ServerConfig.Builder b, BlockingQueue<UpgradeRequest> seen) {
        return b.upgrade("/feed", request -> {
            THREADS.add(Thread.currentThread().getName());
            seen.add(request);
            String user = TOKENS.get(request.queryParameter("access_token"));
            return user == null
                    ? Upgrade.reject(403, "bad token").withHeader("Cache-Control", "no-store")
                    : Upgrade.accept().withAttachment("token user " + user);
        }).upgrade("/account", request -> {
            String user = SESSIONS.get(request.cookie("sid"));
            return user == null
                    ? Upgrade.reject(401, "log in first")
                    : Upgrade.accept().withAttachment("cookie user " + user).withHeader("Set-Cookie", "seen=1");
        }).upgrade("/rooms/{id}", request -> {
            String room = request.pathParameter("id");
            if (room.equals("secret")) {
                return Upgrade.reject(403, "room " + room + " is private");
            }
            Upgrade accept = Upgrade.accept().withAttachment("room " + room);
            return request.offeredSubprotocols().contains("chat.v2") ? accept.withSubprotocol("chat.v2") : accept;
        }).upgrade("/broken", request -> {
            throw new IllegalStateException("the hook fails");
        });
    }

    private final BlockingQueue<UpgradeRequest> seen = new LinkedBlockingQueue<>();
    private WebSocketServer server;

    /** Answers every client, once open, with what the hook attached and the subprotocol. */
    private void start(ServerKind kind, UnaryOperator<ServerConfig.Builder> more) throws Exception {
        server = kind.start(new WebSocketHandler() {
            @Override
            public void onOpen(Session client) {
                try {
                    client.sendText(client.attachment() + " / " + client.subprotocol());
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        }, b -> routes(more.apply(b), seen));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    /** Upgrades {@code path} with extra headers; returns the response head and the first text message. */
    private String[] upgrade(String path, String headers) throws Exception {
        try (RawClient c = new RawClient(server.port())) {
            c.send(RawClient.upgradeRequest(path, headers));
            String head = c.readHead();
            if (!head.startsWith("HTTP/1.1 101")) {
                return new String[] {head + c.readToEnd(), null};
            }
            Frame first = c.readFrame();
            return new String[] {head, new String(first.payloadBytes(), StandardCharsets.UTF_8)};
        }
    }

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void aBearerTokenInTheQueryDecides(ServerKind kind) throws Exception {
        start(kind, b -> b);
        String[] ok = upgrade("/feed?access_token=t0ken&x=1", "");
        assertEquals("token user alice / null", ok[1]);
        UpgradeRequest request = seen.poll(10, TimeUnit.SECONDS);
        assertNotNull(request);
        assertEquals("/feed", request.path());
        assertEquals("1", request.queryParameter("x"));
        assertEquals("127.0.0.1", request.remoteAddress().getAddress().getHostAddress());
        assertFalse(request.isSecure());
        assertTrue(request.peerCertificates().isEmpty());

        String[] refused = upgrade("/feed?access_token=wrong", "");
        assertTrue(refused[0].startsWith("HTTP/1.1 403 "), refused[0]);
        assertTrue(refused[0].contains("Cache-Control: no-store\r\n"), refused[0]);
        assertTrue(refused[0].endsWith("\r\n\r\nbad token"), refused[0]);
        assertTrue(server.clients().size() <= 1, "the refused request never became a client");
    }

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void theHookRunsOnASelectorLoopOnlyUnderLoop(ServerKind kind) throws Exception {
        start(kind, b -> b);
        THREADS.clear();
        upgrade("/feed?access_token=t0ken", "");
        String thread = THREADS.poll(10, TimeUnit.SECONDS);
        assertNotNull(thread);
        assertEquals(kind == ServerKind.ASYNC, thread.startsWith("wspy-loop-"), "the hook ran on " + thread);
    }

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void aSessionCookieDecides(ServerKind kind) throws Exception {
        start(kind, b -> b);
        String[] ok = upgrade("/account", "Cookie: theme=dark; sid=\"s3ss10n\"\r\n");
        assertTrue(ok[0].contains("Set-Cookie: seen=1\r\n"), ok[0]);
        assertEquals("cookie user bob / null", ok[1]);
        String[] refused = upgrade("/account", "Cookie: sid=stale\r\n");
        assertTrue(refused[0].startsWith("HTTP/1.1 401 "), refused[0]);
        assertTrue(refused[0].endsWith("log in first"), refused[0]);
    }

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void aRoomIdFromThePathAndASubprotocolChosenPerRequest(ServerKind kind) throws Exception {
        start(kind, b -> b.handshake(ServerHandshakeConfig.builder().subprotocols("chat.v1", "chat.v2").build()));
        assertEquals("room lobby%2F1 / null".replace("%2F", "/"), upgrade("/rooms/lobby%2F1", "")[1]);
        String[] v2 = upgrade("/rooms/42", "Sec-WebSocket-Protocol: chat.v1, chat.v2\r\n");
        assertTrue(v2[0].contains("Sec-WebSocket-Protocol: chat.v2\r\n"), v2[0]);
        assertEquals("room 42 / chat.v2", v2[1]);
    }

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void a403WithABody(ServerKind kind) throws Exception {
        start(kind, b -> b);
        String refused = upgrade("/rooms/secret", "")[0];
        assertTrue(refused.startsWith("HTTP/1.1 403 Forbidden\r\n"), refused);
        assertTrue(refused.contains("Content-Type: text/plain; charset=utf-8\r\n"), refused);
        assertTrue(refused.contains("Content-Length: 22\r\n"), refused);
        assertTrue(refused.endsWith("\r\n\r\nroom secret is private"), refused);
    }

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void anUnroutedPathGets404AndAFailingHook500(ServerKind kind) throws Exception {
        start(kind, b -> b);
        assertTrue(upgrade("/elsewhere", "")[0].startsWith("HTTP/1.1 404 "));
        assertTrue(upgrade("/rooms/", "")[0].startsWith("HTTP/1.1 404 "), "an empty parameter does not match");
        assertTrue(upgrade("/broken", "")[0].startsWith("HTTP/1.1 500 "));
        assertEquals(Set.of(), server.clients());
    }
}

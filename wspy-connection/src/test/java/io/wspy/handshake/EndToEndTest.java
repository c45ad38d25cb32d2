package io.wspy.handshake;

import io.wspy.frame.FrameHeader;
import io.wspy.handshake.ClientHandshake.AuthenticationRequired;
import io.wspy.handshake.ClientHandshake.Redirect;
import io.wspy.handshake.ServerHandshake.Accepted;
import io.wspy.handshake.ServerHandshake.Rejected;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.wspy.handshake.Bytes.latin1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The client handshake against the server handshake, over one in-memory connection per attempt. */
class EndToEndTest {
    private static final String CLIENT_FRAME = "\u0081\u0082\u0001\u0002\u0003\u0004hi";
    private static final String SERVER_FRAME = "\u0081\u0002ok";
    private static final Map<String, String> USERS = Map.of("alice", "wonder land");

    /** What happened on one connection. */
    private record Exchange(ServerHandshake.Outcome server, String serverLeftover, ClientHandshake.Outcome client,
                            HandshakeException clientError, String clientLeftover) {
    }

    /**
     * Runs {@code client} against a fresh server on a new connection. The client writes its request
     * and, in the same write, its first frame; the server answers likewise. Both sides read one
     * byte at a time, or everything at once.
     */
    private static Exchange connect(ClientHandshake client, ServerHandshakeConfig config, boolean bytewise)
            throws Exception {
        ServerHandshake server = new ServerHandshake(config);
        ByteBuffer[] rest = new ByteBuffer[1];
        byte[] fromClient = Bytes.concat(client.request().toBytes(), latin1(CLIENT_FRAME));
        ServerHandshake.Outcome s = feed(fromClient, server::receive, rest, bytewise);
        String serverLeftover = Bytes.remaining(rest[0]);
        HttpResponse response = s instanceof Accepted ? ((Accepted) s).response() : ((Rejected) s).response();
        byte[] fromServer = s instanceof Accepted ? Bytes.concat(response.toBytes(), latin1(SERVER_FRAME)) : response.toBytes();
        try {
            ClientHandshake.Outcome c = feed(fromServer, client::receive, rest, bytewise);
            return new Exchange(s, serverLeftover, c, null, Bytes.remaining(rest[0]));
        } catch (HandshakeException e) {
            return new Exchange(s, serverLeftover, null, e, null);
        }
    }

    private static <T> T feed(byte[] data, Bytes.Feeder<T> feeder, ByteBuffer[] rest, boolean bytewise) throws Exception {
        return bytewise ? Bytes.feedBytewise(data, feeder, rest) : Bytes.feedSplit(data, data.length, feeder, rest);
    }

    private static Exchange connect(ClientHandshake client, ServerHandshakeConfig config) throws Exception {
        return connect(client, config, false);
    }

    @Test
    void agreesOnEverythingAndLosesNoFrameByte() throws Exception {
        for (boolean bytewise : new boolean[] {false, true}) {
            ServerHandshakeConfig server = ServerHandshakeConfig.builder()
                    .paths("/chat").trustedOrigins("https://app.example.com").subprotocols("v2.chat", "chat")
                    .extensions(List.of(new FakeExtensionFactory("x-test", FrameHeader.RSV1, 2),
                            new FakeExtensionFactory("x-other", FrameHeader.RSV2, 1)))
                    .build();
            ClientHandshakeConfig config = ClientHandshakeConfig.builder()
                    .origin("https://app.example.com").subprotocols("chat", "v2.chat")
                    .extensions(List.of(new FakeExtensionFactory("x-other", FrameHeader.RSV2, 1), new FakeExtensionFactory()))
                    .build();
            Exchange e = connect(ClientHandshake.start(URI.create("ws://example.com:8080/chat?room=7"), config), server,
                    bytewise);

            Accepted s = assertInstanceOf(Accepted.class, e.server());
            ClientHandshake.Accepted c = assertInstanceOf(ClientHandshake.Accepted.class, e.client());
            assertEquals("/chat", s.request().path());
            assertEquals("room=7", s.request().query());
            assertEquals("example.com:8080", s.request().headers().first("Host"));
            assertEquals("v2.chat", s.subprotocol());
            assertEquals("v2.chat", c.subprotocol());
            assertEquals("x-other; level=1, x-test; level=1", s.extensions().responseHeader());
            assertEquals(s.extensions().responseHeader(), c.extensions().responseHeader());
            assertEquals(FrameHeader.RSV1 | FrameHeader.RSV2, c.extensions().rsvBits());
            assertEquals(CLIENT_FRAME, e.serverLeftover());
            assertEquals(SERVER_FRAME, e.clientLeftover());
        }
    }

    @Test
    void goesOnWithoutSubprotocolWhenNoneIsShared() throws Exception {
        Exchange e = connect(ClientHandshake.start(URI.create("ws://x/"),
                        ClientHandshakeConfig.builder().subprotocols("mqtt").build()),
                ServerHandshakeConfig.builder().subprotocols("chat").build());
        assertNull(assertInstanceOf(ClientHandshake.Accepted.class, e.client()).subprotocol());
    }

    @Test
    void theClientSeesEveryRejectionWithItsStatus() throws Exception {
        ClientHandshakeConfig big = ClientHandshakeConfig.builder().headers(HttpHeaders.of("Cookie", "c".repeat(300))).build();
        ServerHandshakeConfig small = ServerHandshakeConfig.builder()
                .limits(HandshakeLimits.DEFAULT.withMaxHeadBytes(300).withMaxTargetLength(40)).build();
        Object[][] cases = {
            {"ws://x/other", ClientHandshakeConfig.defaults(), ServerHandshakeConfig.builder().paths("/chat").build(), 404},
            {"ws://x/chat", ClientHandshakeConfig.builder().origin("https://evil.example").build(),
                ServerHandshakeConfig.builder().trustedOrigins("https://app.example").build(), 403},
            {"ws://x/chat", ClientHandshakeConfig.defaults(),
                ServerHandshakeConfig.builder().trustedOrigins("https://app.example").build(), 403},
            {"ws://x/chat", ClientHandshakeConfig.defaults(),
                ServerHandshakeConfig.builder().authenticator(new BasicAuthenticator("r", USERS::get)).build(), 401},
            {"ws://x/chat", big, small, 431},
            {"ws://x/" + "a".repeat(50), ClientHandshakeConfig.defaults(), small, 414},
        };
        for (Object[] c : cases) {
            Exchange e = connect(ClientHandshake.start(URI.create((String) c[0]), (ClientHandshakeConfig) c[1]),
                    (ServerHandshakeConfig) c[2]);
            int status = (Integer) c[3];
            assertEquals(status, assertInstanceOf(Rejected.class, e.server()).response().status());
            assertNotNull(e.clientError(), c[0] + " " + status);
            assertEquals(status, e.clientError().status());
            assertTrue(latin1(e.clientError().response().body()).startsWith(status + " "), "the body was read");
        }
    }

    @Test
    void theClientFailsOnAServerWithoutWebSocket() throws Exception {
        ClientHandshake client = ClientHandshake.start(URI.create("ws://x/"), ClientHandshakeConfig.defaults());
        ServerHandshake.NotUpgrade plain = new ServerHandshake.NotUpgrade(client.request());
        HandshakeException e = org.junit.jupiter.api.Assertions.assertThrows(HandshakeException.class,
                () -> client.receive(ByteBuffer.wrap(plain.upgradeRequired().toBytes())));
        assertEquals(426, e.status());
    }

    /** Connects until accepted, answering 401s and following redirects as a driver would; returns the last exchange. */
    private static Exchange drive(ClientHandshake client, ServerHandshakeConfig config, List<Exchange> log) throws Exception {
        while (true) {
            Exchange e = connect(client, config);
            log.add(e);
            if (e.client() instanceof AuthenticationRequired) {
                AuthenticationRequired auth = (AuthenticationRequired) e.client();
                assertFalse(auth.sameConnection(), "our server closes after a 401");
                client = auth.next();
            } else {
                return e;
            }
        }
    }

    @Test
    void basicAuthenticationBothWays() throws Exception {
        ServerHandshakeConfig server = ServerHandshakeConfig.builder()
                .authenticator(new BasicAuthenticator("chat", USERS::get)).build();
        List<Exchange> log = new java.util.ArrayList<>();
        Exchange e = drive(ClientHandshake.start(URI.create("ws://x/"), ClientHandshakeConfig.builder()
                .credentials(new Credentials("alice", "wonder land")).build()), server, log);
        assertEquals(2, log.size());
        assertEquals("Basic", assertInstanceOf(AuthenticationRequired.class, log.get(0).client()).challenge().scheme());
        assertEquals("alice", assertInstanceOf(Accepted.class, e.server()).user());
        assertInstanceOf(ClientHandshake.Accepted.class, e.client());
        assertEquals(SERVER_FRAME, e.clientLeftover());
    }

    @Test
    void basicAuthenticationFromTheUriUserInfo() throws Exception {
        ServerHandshakeConfig server = ServerHandshakeConfig.builder()
                .authenticator(new BasicAuthenticator("chat", USERS::get)).build();
        Exchange e = drive(ClientHandshake.start(URI.create("ws://alice:wonder%20land@x/"), ClientHandshakeConfig.defaults()),
                server, new java.util.ArrayList<>());
        assertEquals("alice", assertInstanceOf(Accepted.class, e.server()).user());
    }

    @ParameterizedTest
    @EnumSource(DigestAlgorithm.class)
    void digestAuthenticationBothWays(DigestAlgorithm algorithm) throws Exception {
        ServerHandshakeConfig server = ServerHandshakeConfig.builder()
                .authenticator(DigestAuthenticator.builder("chat").passwords(USERS::get).algorithms(algorithm).build())
                .build();
        List<Exchange> log = new java.util.ArrayList<>();
        Exchange e = drive(ClientHandshake.start(URI.create("ws://x/chat?q=1"), ClientHandshakeConfig.builder()
                .credentials(new Credentials("alice", "wonder land")).build()), server, log);
        assertEquals(2, log.size());
        AuthChallenge answered = assertInstanceOf(AuthenticationRequired.class, log.get(0).client()).challenge();
        assertEquals(algorithm.token(), answered.param("algorithm"));
        assertEquals("alice", assertInstanceOf(Accepted.class, e.server()).user());
        assertInstanceOf(ClientHandshake.Accepted.class, e.client());
    }

    @Test
    void theClientPrefersDigestToBasicAndTheStrongestAlgorithm() throws Exception {
        DigestAuthenticator digest = DigestAuthenticator.builder("chat").passwords(USERS::get)
                .algorithms(DigestAlgorithm.MD5, DigestAlgorithm.SHA_256).build();
        BasicAuthenticator basic = new BasicAuthenticator("chat", USERS::get);
        Authenticator both = request -> {
            Authenticator.Result d = digest.authenticate(request);
            if (d instanceof Authenticator.Granted) {
                return d;
            }
            List<String> challenges = new java.util.ArrayList<>(((Authenticator.Denied) basic.authenticate(request)).challenges());
            challenges.addAll(((Authenticator.Denied) d).challenges());
            return new Authenticator.Denied(challenges);
        };
        List<Exchange> log = new java.util.ArrayList<>();
        drive(ClientHandshake.start(URI.create("ws://x/"), ClientHandshakeConfig.builder()
                .credentials(new Credentials("alice", "wonder land")).build()),
                ServerHandshakeConfig.builder().authenticator(both).build(), log);
        AuthChallenge answered = assertInstanceOf(AuthenticationRequired.class, log.get(0).client()).challenge();
        assertEquals("Digest", answered.scheme());
        assertEquals("SHA-256", answered.param("algorithm"));
        assertInstanceOf(Accepted.class, log.get(1).server());
    }

    @Test
    void aWrongPasswordFailsAfterOneRetry() throws Exception {
        for (Authenticator auth : new Authenticator[] {
            new BasicAuthenticator("chat", USERS::get),
            DigestAuthenticator.builder("chat").passwords(USERS::get).build(),
        }) {
            List<Exchange> log = new java.util.ArrayList<>();
            Exchange e = drive(ClientHandshake.start(URI.create("ws://x/"), ClientHandshakeConfig.builder()
                    .credentials(new Credentials("alice", "wrong")).build()),
                    ServerHandshakeConfig.builder().authenticator(auth).build(), log);
            assertEquals(2, log.size());
            assertEquals(401, e.clientError().status());
            assertTrue(e.clientError().getMessage().contains("rejected"), e.clientError().getMessage());
        }
    }

    @Test
    void withoutCredentialsA401Fails() throws Exception {
        Exchange e = connect(ClientHandshake.start(URI.create("ws://x/"), ClientHandshakeConfig.defaults()),
                ServerHandshakeConfig.builder().authenticator(new BasicAuthenticator("chat", USERS::get)).build());
        assertEquals(401, e.clientError().status());
        assertEquals("Basic realm=\"chat\", charset=\"UTF-8\"", e.clientError().response().headers().first("WWW-Authenticate"));
    }

    @Test
    void aStaleNonceIsRenewedWithoutFailing() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        ServerHandshakeConfig server = ServerHandshakeConfig.builder().authenticator(DigestAuthenticator.builder("chat")
                .passwords(USERS::get).nonceLifetime(Duration.ofSeconds(10)).clock(clock).build()).build();
        ClientHandshakeConfig config = ClientHandshakeConfig.builder()
                .credentials(new Credentials("alice", "wonder land")).build();

        AuthenticationRequired first = assertInstanceOf(AuthenticationRequired.class,
                connect(ClientHandshake.start(URI.create("ws://x/"), config), server).client());
        clock.advance(Duration.ofSeconds(11));
        AuthenticationRequired stale = assertInstanceOf(AuthenticationRequired.class, connect(first.next(), server).client());
        assertEquals("true", stale.challenge().param("stale"));
        Exchange e = connect(stale.next(), server);
        assertEquals("alice", assertInstanceOf(Accepted.class, e.server()).user());

        clock.advance(Duration.ofSeconds(11));
        AuthenticationRequired again = assertInstanceOf(AuthenticationRequired.class,
                connect(ClientHandshake.start(URI.create("ws://x/"), config), server).client());
        clock.advance(Duration.ofSeconds(11));
        AuthenticationRequired staleAgain = assertInstanceOf(AuthenticationRequired.class,
                connect(again.next(), server).client());
        clock.advance(Duration.ofSeconds(11));
        assertEquals(401, connect(staleAgain.next(), server).clientError().status(),
                "stale answers are retried a bounded number of times");
    }

    @Test
    void followsARedirectToAnotherServer() throws Exception {
        ClientHandshake client = ClientHandshake.start(URI.create("ws://old.example.com/chat"), ClientHandshakeConfig.defaults());
        String moved = "HTTP/1.1 301 Moved Permanently\r\nLocation: http://new.example.com:8080/chat\r\n"
                + "Content-Length: 5\r\n\r\nmoved";
        Redirect r = assertInstanceOf(Redirect.class, client.receive(ByteBuffer.wrap(latin1(moved))));
        assertEquals("new.example.com", r.next().host());
        Exchange e = connect(r.next(), ServerHandshakeConfig.builder().paths("/chat").build());
        assertEquals("new.example.com:8080", assertInstanceOf(Accepted.class, e.server()).request().headers().first("Host"));
        assertInstanceOf(ClientHandshake.Accepted.class, e.client());
    }
}

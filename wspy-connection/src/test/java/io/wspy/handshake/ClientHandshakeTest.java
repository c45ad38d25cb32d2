package io.wspy.handshake;

import io.wspy.frame.extension.ExtensionException;
import io.wspy.handshake.ClientHandshake.Accepted;
import io.wspy.handshake.ClientHandshake.AuthenticationRequired;
import io.wspy.handshake.ClientHandshake.Outcome;
import io.wspy.handshake.ClientHandshake.Redirect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;

import static io.wspy.handshake.Bytes.latin1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClientHandshakeTest {
    private static final String FRAME = "\u0081\u0002hi";

    private static ClientHandshake start(String uri) {
        return ClientHandshake.start(URI.create(uri), ClientHandshakeConfig.defaults());
    }

    private static ClientHandshake start(String uri, ClientHandshakeConfig config) {
        return ClientHandshake.start(URI.create(uri), config);
    }

    private static String acceptFor(ClientHandshake client) {
        return WebSocketKey.accept(client.request().headers().first("Sec-WebSocket-Key"));
    }

    /** A 101 answering {@code client}, with extra header lines. */
    private static String switching(ClientHandshake client, String... lines) {
        StringBuilder s = new StringBuilder("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Accept: " + acceptFor(client) + "\r\n");
        for (String line : lines) {
            s.append(line).append("\r\n");
        }
        return s.append("\r\n").toString();
    }

    private static Outcome receive(ClientHandshake client, String response) throws HandshakeException {
        return client.receive(ByteBuffer.wrap(latin1(response)));
    }

    private static HandshakeException failure(ClientHandshake client, String response) {
        return assertThrows(HandshakeException.class, () -> receive(client, response));
    }

    @Test
    void buildsTheRequestOfRfc6455() {
        ClientHandshake c = start("ws://server.example.com/chat?room=1&x=%2F");
        HttpRequest r = c.request();
        assertEquals("GET", r.method());
        assertEquals("/chat?room=1&x=%2F", r.target());
        assertEquals("HTTP/1.1", r.version());
        HttpHeaders h = r.headers();
        assertEquals("server.example.com", h.first("Host"));
        assertEquals("websocket", h.first("Upgrade"));
        assertEquals("Upgrade", h.first("Connection"));
        assertEquals("13", h.first("Sec-WebSocket-Version"));
        assertTrue(WebSocketKey.isValid(h.first("Sec-WebSocket-Key")));
        assertEquals("wspy", h.first("User-Agent"));
        assertFalse(h.contains("Origin"));
        assertFalse(h.contains("Sec-WebSocket-Protocol"));
        assertFalse(h.contains("Sec-WebSocket-Extensions"));
        assertFalse(h.contains("Authorization"));
        assertTrue(latin1(r.toBytes()).startsWith("GET /chat?room=1&x=%2F HTTP/1.1\r\nHost: server.example.com\r\n"));
        assertNotEquals(h.first("Sec-WebSocket-Key"), start("ws://server.example.com/chat")
                .request().headers().first("Sec-WebSocket-Key"), "a fresh key per handshake");
    }

    @ParameterizedTest
    @CsvSource({
        "ws://example.com,             example.com,       example.com, 80,   false, /",
        "ws://example.com:80/a,        example.com,       example.com, 80,   false, /a",
        "ws://example.com:8080/a,      example.com:8080,  example.com, 8080, false, /a",
        "wss://example.com/a,          example.com,       example.com, 443,  true,  /a",
        "wss://example.com:443/a,      example.com,       example.com, 443,  true,  /a",
        "wss://example.com:80/a,       example.com:80,    example.com, 80,   true,  /a",
        "WS://example.com/a,           example.com,       example.com, 80,   false, /a",
        "ws://[::1]:9000/a,            [::1]:9000,        ::1,         9000, false, /a",
        "ws://[::1]/a,                 [::1],             ::1,         80,   false, /a",
        "ws://user:pw@example.com/a?q, example.com,       example.com, 80,   false, /a?q",
    })
    void derivesHostPortAndTargetFromTheUri(String uri, String hostHeader, String host, int port, boolean secure,
                                            String target) {
        ClientHandshake c = start(uri);
        assertEquals(hostHeader, c.request().headers().first("Host"));
        assertEquals(host, c.host());
        assertEquals(port, c.port());
        assertEquals(secure, c.secure());
        assertEquals(target, c.request().target());
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://example.com/", "example.com/chat", "ws:opaque", "ws:///path", "ws://example.com/#frag"})
    void refusesUrisThatAreNotWebSocketUris(String uri) {
        assertThrows(IllegalArgumentException.class, () -> start(uri));
    }

    @Test
    void sendsTheConfiguredOptions() {
        ClientHandshakeConfig config = ClientHandshakeConfig.builder()
                .origin("https://app.example.com")
                .subprotocols("v2.chat", "chat")
                .extensions(List.of(new FakeExtensionFactory()))
                .headers(HttpHeaders.of("Cookie", "a=1", "Authorization", "Bearer t0k3n"))
                .userAgent("test-agent/1.0")
                .build();
        HttpHeaders h = start("ws://example.com/", config).request().headers();
        assertEquals("https://app.example.com", h.first("Origin"));
        assertEquals("v2.chat, chat", h.first("Sec-WebSocket-Protocol"));
        assertEquals("x-test; level=1", h.first("Sec-WebSocket-Extensions"));
        assertEquals("a=1", h.first("Cookie"));
        assertEquals(List.of("Bearer t0k3n"), h.all("Authorization"));
        assertEquals("test-agent/1.0", h.first("User-Agent"));
        assertFalse(start("ws://x/", ClientHandshakeConfig.builder().userAgent(null).build())
                .request().headers().contains("User-Agent"));
    }

    @Test
    void refusesInvalidConfiguration() {
        ClientHandshakeConfig.Builder b = ClientHandshakeConfig.builder();
        for (String reserved : new String[] {"Host", "upgrade", "Connection", "Sec-WebSocket-Key",
                                             "sec-websocket-protocol", "Content-Length"}) {
            assertThrows(IllegalArgumentException.class, () -> b.headers(HttpHeaders.of(reserved, "x")), reserved);
        }
        assertThrows(IllegalArgumentException.class, () -> b.subprotocols("a,b"));
        assertThrows(IllegalArgumentException.class, () -> b.subprotocols("a", "a"));
        assertThrows(IllegalArgumentException.class, () -> b.origin("https://a\r\nX: y"));
        assertThrows(IllegalArgumentException.class, () -> b.maxRedirects(-1));
        assertThrows(IllegalArgumentException.class, () -> b.extensions(
                List.of(new FakeExtensionFactory(), new FakeExtensionFactory())));
    }

    @Test
    void sendsBasicCredentialsUpFrontOnlyWhenAsked() {
        ClientHandshakeConfig config = ClientHandshakeConfig.builder()
                .credentials(new Credentials("Aladdin", "open sesame")).preemptiveBasic(true).build();
        assertEquals("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==",
                start("ws://x/", config).request().headers().first("Authorization"));
        ClientHandshakeConfig lazy = ClientHandshakeConfig.builder()
                .credentials(new Credentials("Aladdin", "open sesame")).build();
        assertFalse(start("ws://x/", lazy).request().headers().contains("Authorization"));
        ClientHandshakeConfig fromUri = ClientHandshakeConfig.builder().preemptiveBasic(true).build();
        assertEquals("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==",
                start("ws://Aladdin:open%20sesame@x/", fromUri).request().headers().first("Authorization"));
    }

    @Test
    void acceptsAValid101AndKeepsTheFrameBytesWhateverTheSplit() throws Exception {
        ClientHandshakeConfig config = ClientHandshakeConfig.builder().subprotocols("chat", "v2")
                .extensions(List.of(new FakeExtensionFactory())).build();
        int length = latin1(switching(start("ws://x/"), "Sec-WebSocket-Protocol: v2",
                "Sec-WebSocket-Extensions: x-test; level=1") + FRAME).length;
        for (int split = 0; split <= length; split++) {
            ClientHandshake c = start("ws://x/", config);
            byte[] data = latin1(switching(c, "Sec-WebSocket-Protocol: v2", "Sec-WebSocket-Extensions: x-test; level=1")
                    + FRAME);
            ByteBuffer[] rest = new ByteBuffer[1];
            Accepted a = assertInstanceOf(Accepted.class, Bytes.feedSplit(data, split, c::receive, rest));
            assertEquals("v2", a.subprotocol());
            assertEquals("x-test; level=1", a.extensions().responseHeader());
            assertEquals(FRAME, Bytes.remaining(rest[0]), "split at " + split);
        }
    }

    @Test
    void acceptsOneByteAtATime() throws Exception {
        ClientHandshake c = start("ws://x/");
        ByteBuffer[] rest = new ByteBuffer[1];
        assertInstanceOf(Accepted.class, Bytes.feedBytewise(latin1(switching(c) + FRAME), c::receive, rest));
        assertEquals(FRAME, Bytes.remaining(rest[0]));
    }

    @Test
    void acceptsA101WithoutSubprotocolOrExtensions() throws Exception {
        ClientHandshake c = start("ws://x/", ClientHandshakeConfig.builder().subprotocols("chat").build());
        Accepted a = assertInstanceOf(Accepted.class, receive(c, switching(c)));
        assertNull(a.subprotocol());
        assertTrue(a.extensions().isEmpty());
        assertSame(a, c.receive(ByteBuffer.allocate(0)));
    }

    @Test
    void acceptsTokenListsInAnyCase() throws Exception {
        ClientHandshake c = start("ws://x/");
        String response = "HTTP/1.1 101 OK\r\nUpgrade: WebSocket\r\nConnection: keep-alive, UPGRADE\r\n"
                + "Sec-WebSocket-Accept: " + acceptFor(c) + "\r\n\r\n";
        assertInstanceOf(Accepted.class, receive(c, response));
    }

    @Test
    void failsOnAWrongOrMissingAcceptValue() {
        ClientHandshake c = start("ws://x/");
        HandshakeException wrong = failure(c, switching(c).replace(acceptFor(c), WebSocketKey.accept(WebSocketKey.generate())));
        assertEquals(101, wrong.status());
        assertEquals(101, wrong.response().status());
        ClientHandshake d = start("ws://x/");
        failure(d, switching(d).replace("Sec-WebSocket-Accept: " + acceptFor(d) + "\r\n", ""));
        ClientHandshake e = start("ws://x/");
        failure(e, switching(e, "Sec-WebSocket-Accept: " + acceptFor(e)));
    }

    @Test
    void failsWithoutUpgradeOrConnectionTokens() {
        ClientHandshake c = start("ws://x/");
        failure(c, switching(c).replace("Upgrade: websocket\r\n", "Upgrade: h2c\r\n"));
        ClientHandshake d = start("ws://x/");
        failure(d, switching(d).replace("Connection: Upgrade\r\n", "Connection: keep-alive\r\n"));
        ClientHandshake e = start("ws://x/");
        failure(e, switching(e).replace("Connection: Upgrade\r\n", ""));
    }

    @Test
    void failsOnASubprotocolThatWasNotOffered() {
        ClientHandshakeConfig config = ClientHandshakeConfig.builder().subprotocols("chat").build();
        ClientHandshake c = start("ws://x/", config);
        assertTrue(failure(c, switching(c, "Sec-WebSocket-Protocol: other")).getMessage().contains("other"));
        ClientHandshake d = start("ws://x/", config);
        failure(d, switching(d, "Sec-WebSocket-Protocol: CHAT"));
        ClientHandshake e = start("ws://x/", config);
        failure(e, switching(e, "Sec-WebSocket-Protocol: chat", "Sec-WebSocket-Protocol: chat"));
        ClientHandshake f = start("ws://x/");
        failure(f, switching(f, "Sec-WebSocket-Protocol: chat"));
    }

    @Test
    void failsOnExtensionsThatWereNotOfferedOrAreUnacceptable() {
        ClientHandshakeConfig config = ClientHandshakeConfig.builder().extensions(List.of(new FakeExtensionFactory())).build();
        ClientHandshake c = start("ws://x/", config);
        HandshakeException e = failure(c, switching(c, "Sec-WebSocket-Extensions: x-other"));
        assertInstanceOf(ExtensionException.class, e.getCause());
        ClientHandshake d = start("ws://x/", config);
        failure(d, switching(d, "Sec-WebSocket-Extensions: x-test; level=2"));
        ClientHandshake f = start("ws://x/", config);
        failure(f, switching(f, "Sec-WebSocket-Extensions: x-test; level=1, x-test; level=1"));
        ClientHandshake g = start("ws://x/");
        failure(g, switching(g, "Sec-WebSocket-Extensions: x-test; level=1"));
        ClientHandshake h = start("ws://x/", config);
        failure(h, switching(h, "Sec-WebSocket-Extensions: x-test; ="));
    }

    @ParameterizedTest
    @ValueSource(ints = {200, 400, 403, 404, 407, 426, 500, 100, 204})
    void failsOnAnyOtherStatusCarryingTheResponse(int status) {
        ClientHandshake c = start("ws://x/");
        HandshakeException e = failure(c, "HTTP/1.1 " + status + " Whatever\r\nContent-Length: 0\r\n\r\n");
        assertEquals(status, e.status());
        assertEquals(status, e.response().status());
    }

    @Test
    void failsOnAMalformedResponseWithStatusZero() {
        HandshakeException e = failure(start("ws://x/"), "HTTP/1.1 101 OK\r\nUpgrade websocket\r\n\r\n");
        assertEquals(0, e.status());
        assertNull(e.response());
    }

    @Test
    void collectsTheBodyOfAnErrorResponse() {
        HandshakeException e = failure(start("ws://x/"), "HTTP/1.1 403 Forbidden\r\nContent-Length: 4\r\n\r\nnope");
        assertEquals("nope", latin1(e.response().body()));
    }

    private static Redirect redirect(ClientHandshake c, int status, String location) throws HandshakeException {
        return assertInstanceOf(Redirect.class, receive(c, "HTTP/1.1 " + status + " Moved\r\nLocation: " + location
                + "\r\nContent-Length: 0\r\n\r\n"));
    }

    @ParameterizedTest
    @CsvSource({
        "301, /new,                          ws://example.com:8080/new",
        "302, other?x=1,                     ws://example.com:8080/dir/other?x=1",
        "303, ../up,                         ws://example.com:8080/up",
        "307, //cdn.example.com/s,           ws://cdn.example.com/s",
        "308, http://b.example.com/x,        ws://b.example.com/x",
        "301, https://b.example.com:8443/x?y, wss://b.example.com:8443/x?y",
        "302, wss://b.example.com,           wss://b.example.com/",
        "302, ws://b.example.com/x#frag,     ws://b.example.com/x",
        "302, HTTP://B.example.com/x,        ws://B.example.com/x",
    })
    void resolvesRedirectLocationsAndMapsSchemes(int status, String location, String expected) throws Exception {
        Redirect r = redirect(start("ws://example.com:8080/dir/page"), status, location);
        assertEquals(URI.create(expected), r.location());
        assertEquals(r.location(), r.next().uri());
        assertEquals(1, r.next().redirects());
        assertEquals(status, r.response().status());
    }

    @Test
    void theNextHandshakeTargetsTheNewLocation() throws Exception {
        Redirect r = redirect(start("ws://a.example.com/"), 302, "http://b.example.com:81/x?q=1");
        HttpRequest next = r.next().request();
        assertEquals("/x?q=1", next.target());
        assertEquals("b.example.com:81", next.headers().first("Host"));
        assertEquals(81, r.next().port());
    }

    @Test
    void resolvesAgainstAUriWithoutPath() throws Exception {
        assertEquals(URI.create("ws://example.com/chat"), redirect(start("ws://example.com"), 301, "chat").location());
    }

    @Test
    void failsOnARedirectWithoutUsableLocation() {
        HandshakeException missing = failure(start("ws://x/"), "HTTP/1.1 302 Found\r\nContent-Length: 0\r\n\r\n");
        assertEquals(302, missing.status());
        failure(start("ws://x/"), "HTTP/1.1 302 Found\r\nLocation: ftp://x/file\r\n\r\n");
        failure(start("ws://x/"), "HTTP/1.1 302 Found\r\nLocation: http://[bad\r\n\r\n");
        failure(start("ws://x/"), "HTTP/1.1 302 Found\r\nLocation: mailto:someone@example.com\r\n\r\n");
    }

    @Test
    void refusesToRedirectFromWssToWs() {
        HandshakeException e = failure(start("wss://x/"), "HTTP/1.1 302 Found\r\nLocation: http://x/\r\n\r\n");
        assertEquals(302, e.status());
    }

    @Test
    void followsRedirectsUpToTheLimit() throws Exception {
        ClientHandshakeConfig config = ClientHandshakeConfig.builder().maxRedirects(2).build();
        ClientHandshake first = start("ws://x/", config);
        ClientHandshake second = redirect(first, 302, "/2").next();
        ClientHandshake third = redirect(second, 302, "/3").next();
        assertEquals(2, third.redirects());
        HandshakeException e = failure(third, "HTTP/1.1 302 Found\r\nLocation: /4\r\n\r\n");
        assertTrue(e.getMessage().contains("redirects"));
        ClientHandshakeConfig none = ClientHandshakeConfig.builder().maxRedirects(0).build();
        failure(start("ws://x/", none), "HTTP/1.1 302 Found\r\nLocation: /4\r\n\r\n");
        assertEquals(5, ClientHandshakeConfig.defaults().maxRedirects());
    }

    @Test
    void keepsCredentialsWithinTheOriginOnly() throws Exception {
        ClientHandshakeConfig config = ClientHandshakeConfig.builder().preemptiveBasic(true)
                .credentials(new Credentials("u", "p")).build();
        ClientHandshake c = start("ws://a.example.com/", config);
        assertTrue(redirect(c, 302, "/other").next().request().headers().contains("Authorization"));
        ClientHandshake d = start("ws://a.example.com/", config);
        assertFalse(redirect(d, 302, "ws://b.example.com/").next().request().headers().contains("Authorization"));
        ClientHandshake e = start("ws://a.example.com/", config);
        assertFalse(redirect(e, 302, "ws://a.example.com:81/").next().request().headers().contains("Authorization"));
        ClientHandshake f = start("ws://a.example.com/", config);
        assertEquals("Basic djp3", redirect(f, 302, "ws://v:w@b.example.com/").next().request().headers().first("Authorization"));
    }

    private static final Credentials ALICE = new Credentials("alice", "pw");

    private static ClientHandshake withCredentials() {
        return start("ws://x/", ClientHandshakeConfig.builder().credentials(ALICE).build());
    }

    @Test
    void tellsWhetherTheRetryMayUseTheSameConnection() throws Exception {
        String challenge = "HTTP/1.1 401 No\r\nWWW-Authenticate: Basic realm=r\r\n";
        Object[][] cases = {
            {challenge + "Content-Length: 4\r\n\r\nnope", true},
            {challenge + "Content-Length: 0\r\n\r\n", true},
            {challenge + "Content-Length: 4\r\nConnection: close\r\n\r\nnope", false},
            {challenge + "Transfer-Encoding: chunked\r\n\r\n", false},
            {challenge + "\r\n", false},
            {challenge.replace("HTTP/1.1", "HTTP/1.0") + "Content-Length: 0\r\n\r\n", false},
        };
        for (Object[] c : cases) {
            boolean same = (Boolean) c[1];
            ByteBuffer in = ByteBuffer.wrap(latin1(c[0] + (same ? "NEXT" : "")));
            AuthenticationRequired a = assertInstanceOf(AuthenticationRequired.class, withCredentials().receive(in));
            assertEquals(same, a.sameConnection(), (String) c[0]);
            assertEquals(same ? "NEXT" : "", Bytes.remaining(in), "the bytes after the 401 belong to the next response");
            assertEquals("Basic YWxpY2U6cHc=", a.next().request().headers().first("Authorization"));
            assertEquals(URI.create("ws://x/"), a.next().uri());
        }
    }

    @Test
    void answersADigestChallengeForTheSameTarget() throws Exception {
        ClientHandshake c = start("ws://x/chat?q=1", ClientHandshakeConfig.builder().credentials(ALICE).build());
        AuthenticationRequired a = assertInstanceOf(AuthenticationRequired.class, receive(c,
                "HTTP/1.1 401 No\r\nWWW-Authenticate: Digest realm=\"r\", nonce=\"n1\", qop=\"auth\", algorithm=SHA-256\r\n"
                + "Content-Length: 0\r\n\r\n"));
        AuthChallenge sent = AuthChallenge.parseAll(a.next().request().headers().first("Authorization")).get(0);
        assertEquals("Digest", sent.scheme());
        assertEquals("alice", sent.param("username"));
        assertEquals("/chat?q=1", sent.param("uri"));
        assertEquals("n1", sent.param("nonce"));
        assertEquals("00000001", sent.param("nc"));
        assertEquals("auth", sent.param("qop"));
        assertEquals(32, sent.param("cnonce").length());
        assertEquals(64, sent.param("response").length());
        assertNotEquals(c.request().headers().first("Sec-WebSocket-Key"),
                a.next().request().headers().first("Sec-WebSocket-Key"));
    }

    @Test
    void failsOnA401ItCannotAnswer() {
        assertEquals(401, failure(start("ws://x/"), "HTTP/1.1 401 No\r\nWWW-Authenticate: Basic realm=r\r\n\r\n").status());
        failure(withCredentials(), "HTTP/1.1 401 No\r\nWWW-Authenticate: Negotiate\r\n\r\n");
        failure(withCredentials(), "HTTP/1.1 401 No\r\n\r\n");
        failure(withCredentials(), "HTTP/1.1 401 No\r\nWWW-Authenticate: Basic realm=\"open\r\n\r\n");
        ClientHandshake preemptive = start("ws://x/", ClientHandshakeConfig.builder().credentials(ALICE)
                .preemptiveBasic(true).build());
        failure(preemptive, "HTTP/1.1 401 No\r\nWWW-Authenticate: Basic realm=r\r\n\r\n");
    }

    @Test
    void retriesAfterAStaleNonceButNotAfterARejectedAnswer() throws Exception {
        String challenge = "HTTP/1.1 401 No\r\nWWW-Authenticate: Digest realm=r, nonce=n, qop=auth%s\r\n\r\n";
        ClientHandshake first = withCredentials();
        ClientHandshake second = assertInstanceOf(AuthenticationRequired.class, receive(first, String.format(challenge, "")))
                .next();
        failure(second, String.format(challenge, ""));
        ClientHandshake again = assertInstanceOf(AuthenticationRequired.class,
                receive(withCredentials(), String.format(challenge, ""))).next();
        ClientHandshake afterStale = assertInstanceOf(AuthenticationRequired.class,
                receive(again, String.format(challenge, ", stale=true"))).next();
        failure(afterStale, String.format(challenge, ", stale=true"));
    }
}

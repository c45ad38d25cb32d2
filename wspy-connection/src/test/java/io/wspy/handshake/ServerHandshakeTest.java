package io.wspy.handshake;

import io.wspy.frame.FrameHeader;
import io.wspy.handshake.ServerHandshake.Accepted;
import io.wspy.handshake.ServerHandshake.NotUpgrade;
import io.wspy.handshake.ServerHandshake.Outcome;
import io.wspy.handshake.ServerHandshake.Rejected;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.wspy.handshake.Bytes.latin1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServerHandshakeTest {
    static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";
    static final String FRAME = "\u0081\u0085\u0037\u00fa\u0021\u003d\u007f\u009f\u004d\u0051\u0058";

    /** A valid RFC 6455 request; pairs of name and value in {@code overrides} replace (or, with null, remove) headers. */
    static String requestAt(String requestLine, String... overrides) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Host", "server.example.com");
        h.put("Upgrade", "websocket");
        h.put("Connection", "Upgrade");
        h.put("Sec-WebSocket-Key", KEY);
        h.put("Sec-WebSocket-Version", "13");
        for (int i = 0; i < overrides.length; i += 2) {
            if (overrides[i + 1] == null) {
                h.remove(overrides[i]);
            } else {
                h.put(overrides[i], overrides[i + 1]);
            }
        }
        StringBuilder s = new StringBuilder(requestLine).append("\r\n");
        h.forEach((name, value) -> s.append(name).append(": ").append(value).append("\r\n"));
        return s.append("\r\n").toString();
    }

    static String request(String... overrides) {
        return requestAt("GET /chat HTTP/1.1", overrides);
    }

    static Outcome run(ServerHandshakeConfig config, String text) {
        return new ServerHandshake(config).receive(ByteBuffer.wrap(latin1(text)));
    }

    static Outcome run(String text) {
        return run(ServerHandshakeConfig.defaults(), text);
    }

    static Rejected rejected(ServerHandshakeConfig config, String text) {
        return assertInstanceOf(Rejected.class, run(config, text));
    }

    static Accepted accepted(ServerHandshakeConfig config, String text) {
        return assertInstanceOf(Accepted.class, run(config, text));
    }

    @Test
    void acceptsTheRfcExampleAndAnswersWithTheRightAccept() {
        ByteBuffer in = ByteBuffer.wrap(latin1(requestAt("GET /chat?room=7 HTTP/1.1",
                "Origin", "http://example.com") + FRAME));
        Accepted a = assertInstanceOf(Accepted.class, new ServerHandshake(ServerHandshakeConfig.defaults()).receive(in));
        assertEquals("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n", latin1(a.response().toBytes()));
        assertEquals("/chat", a.request().path());
        assertEquals("room=7", a.request().query());
        assertEquals("http://example.com", a.request().headers().first("origin"));
        assertNull(a.subprotocol());
        assertTrue(a.extensions().isEmpty());
        assertNull(a.user());
        assertEquals(FRAME, Bytes.remaining(in), "the first frame bytes are not lost");
    }

    @Test
    void acceptsOneByteAtATimeAndKeepsTheFrameBytes() throws Exception {
        ServerHandshake server = new ServerHandshake(ServerHandshakeConfig.defaults());
        ByteBuffer[] rest = new ByteBuffer[1];
        Outcome o = Bytes.feedBytewise(latin1(request() + FRAME), server::receive, rest);
        assertInstanceOf(Accepted.class, o);
        assertEquals(FRAME, Bytes.remaining(rest[0]));
        assertSame(o, server.receive(ByteBuffer.allocate(0)), "the outcome is decided once");
    }

    @Test
    void acceptsTokenListsInAnyCase() {
        accepted(ServerHandshakeConfig.defaults(), request("Connection", "keep-alive, UPGRADE",
                "Upgrade", "foo/1, WebSocket"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "POST instead of GET       | POST /chat HTTP/1.1 |                       |                 | 400",
        "HTTP/1.0                  | GET /chat HTTP/1.0  |                       |                 | 400",
        "no Host                   | GET /chat HTTP/1.1  | Host                  |                 | 400",
        "empty Host                | GET /chat HTTP/1.1  | Host                  | ''              | 400",
        "no Upgrade, with a key    | GET /chat HTTP/1.1  | Upgrade               |                 | 400",
        "Upgrade not websocket     | GET /chat HTTP/1.1  | Upgrade               | h2c             | 400",
        "no Connection             | GET /chat HTTP/1.1  | Connection            |                 | 400",
        "Connection without upgrade| GET /chat HTTP/1.1  | Connection            | keep-alive      | 400",
        "a body                    | GET /chat HTTP/1.1  | Content-Length        | 5               | 400",
        "a chunked body            | GET /chat HTTP/1.1  | Transfer-Encoding     | chunked         | 400",
        "no version                | GET /chat HTTP/1.1  | Sec-WebSocket-Version |                 | 426",
        "version 8                 | GET /chat HTTP/1.1  | Sec-WebSocket-Version | 8               | 426",
        "two versions              | GET /chat HTTP/1.1  | Sec-WebSocket-Version | '13, 8'         | 426",
        "no key                    | GET /chat HTTP/1.1  | Sec-WebSocket-Key     |                 | 400",
        "key of 15 bytes           | GET /chat HTTP/1.1  | Sec-WebSocket-Key     | AAAAAAAAAAAAAAAAAAAA | 400",
        "key not base64            | GET /chat HTTP/1.1  | Sec-WebSocket-Key     | '!!!!!!!!!!!!!!!!!!!!!!=='  | 400",
        "authority-form target     | GET example.com:80 HTTP/1.1 |               |                 | 400",
        "asterisk target           | GET * HTTP/1.1      |                       |                 | 400",
        "malformed subprotocols    | GET /chat HTTP/1.1  | Sec-WebSocket-Protocol | 'a b, c'       | 400",
        "malformed extensions      | GET /chat HTTP/1.1  | Sec-WebSocket-Extensions | 'x-test; ='  | 400",
    })
    void rejectsInvalidHandshakes(String what, String requestLine, String header, String value, int status) {
        String text = header == null ? requestAt(requestLine) : requestAt(requestLine, header, value);
        Rejected r = rejected(ServerHandshakeConfig.builder().extensions(List.of(new FakeExtensionFactory())).build(),
                text);
        assertEquals(status, r.response().status(), what);
        assertEquals(status, r.reason().status(), what);
        assertSame(r.response(), r.reason().response());
        assertTrue(r.response().headers().containsToken("Connection", "close"), what);
        assertEquals(r.response().body().length, Integer.parseInt(r.response().headers().first("Content-Length")));
        assertEquals(requestLine, r.request().method() + " " + r.request().target() + " " + r.request().version());
    }

    @Test
    void rejectsRepeatedSingleValueHeaders() {
        String twoHosts = request().replace("Host: server.example.com\r\n",
                "Host: server.example.com\r\nHost: evil.example.com\r\n");
        assertEquals(400, rejected(ServerHandshakeConfig.defaults(), twoHosts).response().status());
        String twoKeys = request().replace("Sec-WebSocket-Key: " + KEY + "\r\n",
                "Sec-WebSocket-Key: " + KEY + "\r\nSec-WebSocket-Key: " + KEY + "\r\n");
        assertEquals(400, rejected(ServerHandshakeConfig.defaults(), twoKeys).response().status());
        String twoVersions = request().replace("Sec-WebSocket-Version: 13\r\n",
                "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Version: 13\r\n");
        assertEquals(426, rejected(ServerHandshakeConfig.defaults(), twoVersions).response().status());
    }

    @Test
    void answersAnotherVersionWith426NamingVersion13() {
        HttpResponse r = rejected(ServerHandshakeConfig.defaults(), request("Sec-WebSocket-Version", "8")).response();
        assertEquals(426, r.status());
        assertEquals("Upgrade Required", r.reason());
        assertEquals(List.of("13"), r.headers().all("Sec-WebSocket-Version"));
        assertEquals("websocket", r.headers().first("Upgrade"));
        assertTrue(r.headers().containsToken("Connection", "upgrade"));
    }

    @Test
    void answersMalformedAndOversizedHeadsWithoutARequest() {
        Rejected malformed = rejected(ServerHandshakeConfig.defaults(), "GET / HTTP/1.1\r\nBad Header\r\n\r\n");
        assertEquals(400, malformed.response().status());
        assertNull(malformed.request());
        ServerHandshakeConfig small = ServerHandshakeConfig.builder()
                .limits(HandshakeLimits.DEFAULT.withMaxHeadBytes(200).withMaxTargetLength(20)).build();
        assertEquals(431, rejected(small, request("X-Big", "a".repeat(200))).response().status());
        assertEquals(414, rejected(small, requestAt("GET /" + "a".repeat(30) + " HTTP/1.1")).response().status());
    }

    @Test
    void passesPlainHttpRequestsOnWithTheirBodyUnread() {
        ByteBuffer in = ByteBuffer.wrap(latin1("POST /form HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\na=1"));
        NotUpgrade n = assertInstanceOf(NotUpgrade.class, new ServerHandshake(ServerHandshakeConfig.defaults()).receive(in));
        assertEquals("/form", n.request().path());
        assertEquals("a=1", Bytes.remaining(in));
        HttpResponse upgradeRequired = n.upgradeRequired();
        assertEquals(426, upgradeRequired.status());
        assertEquals("13", upgradeRequired.headers().first("Sec-WebSocket-Version"));
    }

    @Test
    void treatsAnUpgradeToAnotherProtocolAsPlainHttp() {
        assertInstanceOf(NotUpgrade.class, run("GET / HTTP/1.1\r\nHost: x\r\nUpgrade: h2c\r\nConnection: Upgrade\r\n\r\n"));
    }

    @Test
    void servesOnlyTheConfiguredPaths() {
        ServerHandshakeConfig config = ServerHandshakeConfig.builder().paths("/chat", "/feed").build();
        assertEquals("/chat", accepted(config, requestAt("GET /chat?x=1 HTTP/1.1")).request().path());
        accepted(config, requestAt("GET /feed HTTP/1.1"));
        accepted(config, requestAt("GET ws://server.example.com/feed HTTP/1.1"));
        Rejected r = rejected(config, requestAt("GET /other HTTP/1.1"));
        assertEquals(404, r.response().status());
        assertEquals(404, rejected(config, requestAt("GET /chat/ HTTP/1.1")).response().status());
        assertThrows(IllegalArgumentException.class, () -> ServerHandshakeConfig.builder().paths("chat"));
    }

    @Test
    void acceptsOnlyTrustedOrigins() {
        ServerHandshakeConfig config = ServerHandshakeConfig.builder()
                .trustedOrigins("https://Example.com", "http://localhost:8080").build();
        accepted(config, request("Origin", "https://example.com"));
        accepted(config, request("Origin", "http://LOCALHOST:8080"));
        assertEquals(403, rejected(config, request("Origin", "https://evil.com")).response().status());
        assertEquals(403, rejected(config, request()).response().status(), "a missing Origin is not trusted");
        String twoOrigins = request("Origin", "https://example.com")
                .replace("\r\n\r\n", "\r\nOrigin: https://evil.com\r\n\r\n");
        assertEquals(403, rejected(config, twoOrigins).response().status());
        accepted(ServerHandshakeConfig.defaults(), request("Origin", "https://evil.com"));
    }

    @Test
    void choosesTheServersMostPreferredSubprotocolAmongTheOffers() {
        ServerHandshakeConfig config = ServerHandshakeConfig.builder().subprotocols("v2.chat", "chat").build();
        Accepted a = accepted(config, request("Sec-WebSocket-Protocol", "chat, v2.chat"));
        assertEquals("v2.chat", a.subprotocol());
        assertEquals(List.of("v2.chat"), a.response().headers().all("Sec-WebSocket-Protocol"));
        assertEquals("chat", accepted(config, request("Sec-WebSocket-Protocol", "other, chat")).subprotocol());
        String split = request("Sec-WebSocket-Protocol", "other").replace("\r\n\r\n", "\r\nSec-WebSocket-Protocol: chat\r\n\r\n");
        assertEquals("chat", accepted(config, split).subprotocol(), "offers over several header lines");
    }

    @Test
    void namesNoSubprotocolWithoutOneInCommon() {
        ServerHandshakeConfig config = ServerHandshakeConfig.builder().subprotocols("chat").build();
        Accepted none = accepted(config, request("Sec-WebSocket-Protocol", "CHAT, other"));
        assertNull(none.subprotocol(), "subprotocol names are compared exactly");
        assertFalse(none.response().headers().contains("Sec-WebSocket-Protocol"));
        assertNull(accepted(config, request()).subprotocol());
        assertNull(accepted(ServerHandshakeConfig.defaults(), request("Sec-WebSocket-Protocol", "chat")).subprotocol());
    }

    @Test
    void negotiatesExtensionsThroughTheFactories() {
        FakeExtensionFactory factory = new FakeExtensionFactory("x-test", FrameHeader.RSV1, 3);
        ServerHandshakeConfig config = ServerHandshakeConfig.builder().extensions(List.of(factory)).build();
        Accepted a = accepted(config, request("Sec-WebSocket-Extensions", "x-unknown, x-test; level=9, x-test; level=2"));
        assertEquals(1, a.extensions().extensions().size());
        assertEquals("x-test; level=2", a.response().headers().first("Sec-WebSocket-Extensions"));
        assertEquals(FrameHeader.RSV1, a.extensions().rsvBits());

        Accepted declined = accepted(config, request("Sec-WebSocket-Extensions", "x-test; level=7"));
        assertTrue(declined.extensions().isEmpty());
        assertFalse(declined.response().headers().contains("Sec-WebSocket-Extensions"));
    }

    @Test
    void asksForCredentialsAndNamesTheUser() {
        ServerHandshakeConfig config = ServerHandshakeConfig.builder()
                .authenticator(new BasicAuthenticator("chat", user -> user.equals("alice") ? "secret" : null)).build();
        Rejected r = rejected(config, request());
        assertEquals(401, r.response().status());
        assertEquals(List.of("Basic realm=\"chat\", charset=\"UTF-8\""), r.response().headers().all("WWW-Authenticate"));
        String basic = "Basic " + java.util.Base64.getEncoder().encodeToString("alice:secret".getBytes(StandardCharsets.UTF_8));
        assertEquals("alice", accepted(config, request("Authorization", basic)).user());
    }

    @Test
    void checksPathBeforeOriginBeforeCredentials() {
        ServerHandshakeConfig config = ServerHandshakeConfig.builder().paths("/chat").trustedOrigins("https://a")
                .authenticator(new BasicAuthenticator("r", user -> null)).build();
        assertEquals(404, rejected(config, requestAt("GET /x HTTP/1.1", "Origin", "https://b")).response().status());
        assertEquals(403, rejected(config, request("Origin", "https://b")).response().status());
        assertEquals(401, rejected(config, request("Origin", "https://a")).response().status());
    }

    @Test
    void addsConfiguredResponseHeadersButNotHandshakeOnes() {
        ServerHandshakeConfig config = ServerHandshakeConfig.builder()
                .responseHeaders(HttpHeaders.of("Server", "wspy-test")).build();
        assertEquals("wspy-test", accepted(config, request()).response().headers().first("Server"));
        assertThrows(IllegalArgumentException.class, () -> ServerHandshakeConfig.builder()
                .responseHeaders(HttpHeaders.of("Sec-WebSocket-Accept", "x")));
        assertThrows(IllegalArgumentException.class, () -> ServerHandshakeConfig.builder()
                .responseHeaders(HttpHeaders.of("connection", "close")));
    }

    @Test
    void rejectsInvalidConfiguration() {
        assertThrows(IllegalArgumentException.class, () -> ServerHandshakeConfig.builder().subprotocols("a b"));
        assertThrows(IllegalArgumentException.class, () -> ServerHandshakeConfig.builder().subprotocols("a", "a"));
        assertThrows(IllegalArgumentException.class, () -> ServerHandshakeConfig.builder()
                .extensions(List.of(new FakeExtensionFactory(), new FakeExtensionFactory())));
    }
}

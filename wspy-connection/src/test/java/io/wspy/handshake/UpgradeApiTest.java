package io.wspy.handshake;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** PathTemplate, UpgradeRequest's parsing and Upgrade's rules, without sockets. */
class UpgradeApiTest {
    @Test
    void templatesMatchWholeSegmentsAndDecodeParameters() {
        PathTemplate t = PathTemplate.of("/rooms/{room}/users/{user_1}");
        assertEquals(List.of("room", "user_1"), t.parameterNames());
        assertEquals(Map.of("room", "a b", "user_1", "\u00e9"), t.match("/rooms/a%20b/users/%C3%A9"));
        assertNull(t.match("/rooms/a/users"));
        assertNull(t.match("/rooms//users/x"), "an empty segment is no parameter");
        assertNull(t.match("/rooms/a/people/x"));
        assertNull(t.match("/rooms/%zz/users/x"), "malformed percent-encoding does not match");
        assertEquals(Map.of(), PathTemplate.of("/").match("/"));
        assertEquals("/rooms/{room}/users/{user_1}", t.toString());
    }

    @Test
    void badTemplatesAreRefusedSayingWhy() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PathTemplate.of("rooms/{id}"))
                .getMessage().contains("starts with '/'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PathTemplate.of("/rooms/x{id}"))
                .getMessage().contains("whole {name}"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PathTemplate.of("/rooms/{1d}"))
                .getMessage().contains("'1d'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PathTemplate.of("/{a}/{a}"))
                .getMessage().contains("{a} appears twice"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PathTemplate.of("/a?b"))
                .getMessage().contains("query"));
        assertThrows(IllegalArgumentException.class,
                () -> ServerHandshakeConfig.builder().upgrade("/rooms/{", r -> Upgrade.accept()));
    }

    @Test
    void queryParametersAndCookiesAreParsed() {
        HttpRequest r = HttpRequest.of("GET", "/feed?token=a%2Bb&tag=x&tag=y+z&flag&bad=%zz",
                HttpHeaders.of("Host", "h", "Cookie", "sid=\"abc\"; theme=dark", "Cookie", "sid=later"));
        UpgradeRequest u = new UpgradeRequest(r, Map.of(), null, null, null);
        assertEquals("a+b", u.queryParameter("token"));
        assertEquals(List.of("x", "y z"), u.queryParameters().get("tag"));
        assertEquals("", u.queryParameter("flag"));
        assertNull(u.queryParameter("bad"), "a malformed pair is left out");
        assertEquals("abc", u.cookie("sid"), "quotes stripped; the first wins");
        assertEquals("dark", u.cookie("theme"));
        assertNull(u.cookie("none"));
        assertEquals("h", u.header("host"));
        assertTrue(u.peerCertificates().isEmpty());
    }

    @Test
    void decisionsAreImmutableAndChecked() {
        Upgrade accept = Upgrade.accept();
        Upgrade more = accept.withSubprotocol("v2").withHeader("X-A", "1").withAttachment("state");
        assertNull(accept.subprotocol(), "with... returns a new decision");
        assertEquals("v2", more.subprotocol());
        assertEquals("1", more.headers().first("X-A"));
        assertEquals("state", more.attachment());
        Upgrade reject = Upgrade.reject(403, "no");
        assertEquals(403, reject.status());
        assertArrayEquals("no".getBytes(), reject.body());
        assertThrows(IllegalArgumentException.class, () -> Upgrade.reject(200, "ok"));
        assertThrows(IllegalArgumentException.class, () -> accept.withHeader("Sec-WebSocket-Protocol", "x"));
        assertThrows(IllegalStateException.class, () -> reject.withAttachment("x"));
        assertThrows(IllegalStateException.class, () -> reject.withSubprotocol("x"));
    }

    @Test
    void theSansIoHandshakeAsksTheRouteThatMatches() {
        ServerHandshakeConfig config = ServerHandshakeConfig.builder()
                .upgrade("/rooms/{id}", r -> Upgrade.accept().withAttachment(r.pathParameter("id")))
                .build();
        String head = "GET /rooms/7 HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
        ServerHandshake.Outcome outcome = new ServerHandshake(config)
                .receive(java.nio.ByteBuffer.wrap(head.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        assertEquals("7", ((ServerHandshake.Accepted) outcome).attachment());
        ServerHandshake.Outcome missing = new ServerHandshake(config).receive(java.nio.ByteBuffer.wrap(
                head.replace("/rooms/7", "/other").getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        assertEquals(404, ((ServerHandshake.Rejected) missing).response().status());
    }

    @Test
    void theHandlerIsNotAskedAboutARequestTheProtocolRefuses() {
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        ServerHandshakeConfig config = ServerHandshakeConfig.builder()
                .upgrade(r -> {
                    asked.incrementAndGet();
                    return Upgrade.accept();
                })
                .build();
        String head = "GET / HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Protocol: bad protocol\r\n\r\n";
        ServerHandshake.Outcome outcome = new ServerHandshake(config)
                .receive(java.nio.ByteBuffer.wrap(head.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        assertEquals(400, ((ServerHandshake.Rejected) outcome).response().status());
        assertEquals(0, asked.get());
    }
}

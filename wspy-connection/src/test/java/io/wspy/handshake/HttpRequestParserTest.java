package io.wspy.handshake;

import io.wspy.handshake.internal.HttpRequestParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;

import static io.wspy.handshake.Bytes.latin1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class HttpRequestParserTest {
    private static final String HEAD = "GET /chat?room=1&x=%2F HTTP/1.1\r\n"
            + "Host: server.example.com\r\n"
            + "Upgrade: websocket\r\n"
            + "Connection: Upgrade\r\n"
            + "X-Spaces:   padded value \t \r\n"
            + "X-Empty:\r\n"
            + "\r\n";
    private static final String AFTER = "\u0081\u0085frame";

    private static HttpRequest parse(String text) throws HandshakeException {
        return parse(text, HandshakeLimits.DEFAULT);
    }

    private static HttpRequest parse(String text, HandshakeLimits limits) throws HandshakeException {
        return new HttpRequestParser(limits).parse(ByteBuffer.wrap(latin1(text)));
    }

    private static int statusOf(String text) {
        return statusOf(text, HandshakeLimits.DEFAULT);
    }

    private static int statusOf(String text, HandshakeLimits limits) {
        return assertThrows(HandshakeException.class, () -> parse(text, limits)).status();
    }

    private static void assertParsedHead(HttpRequest r) {
        assertEquals("GET", r.method());
        assertEquals("/chat?room=1&x=%2F", r.target());
        assertEquals("/chat", r.path());
        assertEquals("room=1&x=%2F", r.query());
        assertEquals("HTTP/1.1", r.version());
        assertEquals("server.example.com", r.headers().first("host"));
        assertEquals("padded value", r.headers().first("X-Spaces"));
        assertEquals("", r.headers().first("X-Empty"));
        assertEquals(5, r.headers().size());
    }

    @Test
    void parsesAHeadAndLeavesTheNextBytes() throws Exception {
        ByteBuffer in = ByteBuffer.wrap(latin1(HEAD + AFTER));
        HttpRequest r = new HttpRequestParser(HandshakeLimits.DEFAULT).parse(in);
        assertParsedHead(r);
        assertEquals(AFTER, Bytes.remaining(in));
    }

    @Test
    void parsesWhateverTheSplit() throws Exception {
        byte[] data = latin1(HEAD + AFTER);
        for (int split = 0; split <= data.length; split++) {
            HttpRequestParser parser = new HttpRequestParser(HandshakeLimits.DEFAULT);
            ByteBuffer[] rest = new ByteBuffer[1];
            HttpRequest r = Bytes.feedSplit(data, split, parser::parse, rest);
            assertNotNull(r, "split at " + split);
            assertParsedHead(r);
            assertEquals(AFTER, Bytes.remaining(rest[0]), "split at " + split);
        }
    }

    @Test
    void parsesOneByteAtATime() throws Exception {
        HttpRequestParser parser = new HttpRequestParser(HandshakeLimits.DEFAULT);
        ByteBuffer[] rest = new ByteBuffer[1];
        HttpRequest r = Bytes.feedBytewise(latin1(HEAD + AFTER), parser::parse, rest);
        assertParsedHead(r);
        assertEquals(AFTER, Bytes.remaining(rest[0]));
    }

    @Test
    void returnsNullUntilCompleteThenTheSameRequest() throws Exception {
        HttpRequestParser parser = new HttpRequestParser(HandshakeLimits.DEFAULT);
        ByteBuffer partial = ByteBuffer.wrap(latin1("GET / HTTP/1.1\r\nHost: a\r\n"));
        assertNull(parser.parse(partial));
        assertEquals(0, partial.remaining());
        ByteBuffer end = ByteBuffer.wrap(latin1("\r\nrest"));
        HttpRequest r = parser.parse(end);
        assertNotNull(r);
        assertSame(r, parser.parse(end));
        assertEquals("rest", Bytes.remaining(end));
    }

    @Test
    void acceptsBareLineFeedsAsLineEnds() throws Exception {
        HttpRequest r = parse("GET /a HTTP/1.1\nHost: x\nUpgrade: websocket\r\n\n");
        assertEquals("/a", r.path());
        assertEquals("websocket", r.headers().first("Upgrade"));
    }

    @Test
    void skipsBlankLinesBeforeTheRequestLine() throws Exception {
        assertEquals("/a", parse("\r\n\r\nGET /a HTTP/1.1\r\nHost: x\r\n\r\n").path());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "GET / HTTP/1.1\r\nHost: x\rY: z\r\n\r\n",          // bare CR in a header line
        "GET / HTTP/1.1\rHost: x\r\n\r\n",                   // bare CR after the request line
        "GET / HTTP/1.1\r\nHost: x\r\n folded\r\n\r\n",      // obsolete line folding
        "GET / HTTP/1.1\r\nHost: x\r\n\tfolded\r\n\r\n",
        "GET / HTTP/1.1\r\nHost : x\r\n\r\n",                 // whitespace before the colon
        "GET / HTTP/1.1\r\nHost x\r\n\r\n",                   // no colon
        "GET / HTTP/1.1\r\n: x\r\n\r\n",                      // empty name
        "GET / HTTP/1.1\r\nHo(st: x\r\n\r\n",                 // separator in the name
        "GET / HTTP/1.1\r\nX: a\u0000b\r\n\r\n",              // NUL in a value
        "GET / HTTP/1.1\r\nX: a\u007fb\r\n\r\n",              // DEL in a value
        "GET / HTTP/1.1\r\nX: a\u0001b\r\n\r\n",              // control character in a value
        "GET  / HTTP/1.1\r\nHost: x\r\n\r\n",                 // two spaces
        "GET /\r\nHost: x\r\n\r\n",                           // HTTP/0.9 style
        "GET / HTTP/1.1 extra\r\nHost: x\r\n\r\n",            // space in the target
        "GET / HTTP/11\r\nHost: x\r\n\r\n",                   // bad version
        "GET / http/1.1\r\nHost: x\r\n\r\n",                  // version is case-sensitive
        "G(T / HTTP/1.1\r\nHost: x\r\n\r\n",                  // method not a token
        "GET /a#frag HTTP/1.1\r\nHost: x\r\n\r\n",            // fragment in the target
        "GET /a\u0001 HTTP/1.1\r\nHost: x\r\n\r\n",           // control character in the target
        "GET /caf\u00e9 HTTP/1.1\r\nHost: x\r\n\r\n",         // non-ASCII in the target
        "GET http://[bad HTTP/1.1\r\nHost: x\r\n\r\n",        // unparseable absolute-form
    })
    void rejectsMalformedRequestsWith400(String text) {
        assertEquals(400, statusOf(text));
    }

    @Test
    void rejectsAHeadLargerThanTheLimitWith431() throws Exception {
        HandshakeLimits limits = HandshakeLimits.DEFAULT.withMaxHeadBytes(64);
        String head = "GET / HTTP/1.1\r\nHost: x\r\nX: %s\r\n\r\n";
        assertNotNull(parse(String.format(head, "a".repeat(32)), limits), "64 bytes: at the limit");
        assertEquals(431, statusOf(String.format(head, "a".repeat(33)), limits));
    }

    @Test
    void neverReadsPastTheLimitWhenTheHeadDoesNotEnd() {
        HandshakeLimits limits = HandshakeLimits.DEFAULT.withMaxHeadBytes(1000).withMaxHeaders(10_000);
        HttpRequestParser parser = new HttpRequestParser(limits);
        ByteBuffer endless = ByteBuffer.wrap(latin1("GET / HTTP/1.1\r\n" + "X: y\r\n".repeat(1000)));
        HandshakeException e = assertThrows(HandshakeException.class, () -> parser.parse(endless));
        assertEquals(431, e.status());
        assertEquals(1001, endless.position(), "consumed the limit and the one byte that broke it");
    }

    @Test
    void rejectsMoreHeadersThanTheLimitWith431() throws Exception {
        HandshakeLimits limits = HandshakeLimits.DEFAULT.withMaxHeaders(3);
        assertNotNull(parse("GET / HTTP/1.1\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n", limits));
        assertEquals(431, statusOf("GET / HTTP/1.1\r\nA: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\n\r\n", limits));
    }

    @Test
    void rejectsATargetLongerThanTheLimitWith414() throws Exception {
        HandshakeLimits limits = HandshakeLimits.DEFAULT.withMaxTargetLength(10);
        assertNotNull(parse("GET /123456789 HTTP/1.1\r\nHost: x\r\n\r\n", limits));
        assertEquals(414, statusOf("GET /1234567890 HTTP/1.1\r\nHost: x\r\n\r\n", limits));
    }

    @Test
    void rejectsARequestLineThatOverflowsTheHeadWith414() {
        HandshakeLimits limits = HandshakeLimits.DEFAULT.withMaxHeadBytes(100);
        assertEquals(414, statusOf("GET /" + "a".repeat(200) + " HTTP/1.1\r\n\r\n", limits));
        assertEquals(400, statusOf("GARBAGE".repeat(50) + "\r\n\r\n", limits), "no target at all");
    }

    @Test
    void derivesPathAndQueryFromEveryTargetForm() throws Exception {
        HttpRequest absolute = parse("GET ws://example.com:8080/a/b?q=1 HTTP/1.1\r\nHost: x\r\n\r\n");
        assertEquals("/a/b", absolute.path());
        assertEquals("q=1", absolute.query());
        assertEquals("/", parse("GET http://example.com HTTP/1.1\r\nHost: x\r\n\r\n").path());
        HttpRequest authority = parse("CONNECT example.com:443 HTTP/1.1\r\nHost: x\r\n\r\n");
        assertNull(authority.path());
        assertEquals("*", parse("OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n").path());
        HttpRequest noQuery = parse("GET /x HTTP/1.1\r\n\r\n");
        assertNull(noQuery.query());
        assertEquals("", parse("GET /x? HTTP/1.1\r\n\r\n").query());
    }

    @Test
    void keepsObsTextInValuesAsLatin1() throws Exception {
        assertEquals("caf\u00e9", parse("GET / HTTP/1.1\r\nX: caf\u00e9\r\n\r\n").headers().first("X"));
    }

    @Test
    void serialisesBackToTheSameBytes() throws Exception {
        HttpRequest r = parse("GET /a?b HTTP/1.1\r\nHost: x\r\nA: 1\r\n\r\n");
        assertEquals("GET /a?b HTTP/1.1\r\nHost: x\r\nA: 1\r\n\r\n", latin1(r.toBytes()));
        HttpRequest withBody = HttpRequest.of("POST", "/p", HttpHeaders.empty()).withBody(latin1("hi"));
        assertEquals("POST /p HTTP/1.1\r\nContent-Length: 2\r\n\r\nhi", latin1(withBody.toBytes()));
        assertEquals("hi", latin1(withBody.body()));
    }
}

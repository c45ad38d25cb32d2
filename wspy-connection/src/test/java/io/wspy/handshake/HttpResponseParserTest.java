package io.wspy.handshake;

import io.wspy.handshake.internal.HttpResponseParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;

import static io.wspy.handshake.Bytes.latin1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HttpResponseParserTest {
    private static final String SWITCHING = "HTTP/1.1 101 Switching Protocols\r\n"
            + "Upgrade: websocket\r\nConnection: Upgrade\r\n\r\n";
    private static final String UNAUTHORIZED = "HTTP/1.1 401 Unauthorized\r\n"
            + "WWW-Authenticate: Basic realm=\"r\"\r\nContent-Length: 12\r\n\r\n"
            + "go away\r\nno!";
    private static final String NEXT = "\u0082\u0003abc";

    private static HttpResponseParser parser() {
        return new HttpResponseParser(HandshakeLimits.DEFAULT, true);
    }

    @Test
    void parsesA101AndLeavesTheFirstFrameBytes() throws Exception {
        byte[] data = latin1(SWITCHING + NEXT);
        for (int split = 0; split <= data.length; split++) {
            HttpResponseParser p = parser();
            ByteBuffer[] rest = new ByteBuffer[1];
            HttpResponse r = Bytes.feedSplit(data, split, p::parse, rest);
            assertEquals(101, r.status());
            assertEquals("Switching Protocols", r.reason());
            assertEquals("HTTP/1.1", r.version());
            assertEquals("websocket", r.headers().first("upgrade"));
            assertTrue(p.messageConsumed());
            assertEquals(NEXT, Bytes.remaining(rest[0]), "split at " + split);
        }
    }

    @Test
    void readsAContentLengthBodyWhateverTheSplit() throws Exception {
        byte[] data = latin1(UNAUTHORIZED + NEXT);
        for (int split = 0; split <= data.length; split++) {
            HttpResponseParser p = parser();
            ByteBuffer[] rest = new ByteBuffer[1];
            HttpResponse r = Bytes.feedSplit(data, split, p::parse, rest);
            assertEquals(401, r.status());
            assertEquals("go away\r\nno!", latin1(r.body()));
            assertTrue(p.messageConsumed());
            assertEquals(NEXT, Bytes.remaining(rest[0]), "split at " + split);
        }
    }

    @Test
    void readsOneByteAtATime() throws Exception {
        HttpResponseParser p = parser();
        ByteBuffer[] rest = new ByteBuffer[1];
        HttpResponse r = Bytes.feedBytewise(latin1(UNAUTHORIZED + NEXT), p::parse, rest);
        assertEquals("go away\r\nno!", latin1(r.body()));
        assertEquals(NEXT, Bytes.remaining(rest[0]));
    }

    @Test
    void returnsTheSameResponseOnceComplete() throws Exception {
        HttpResponseParser p = parser();
        assertNull(p.parse(ByteBuffer.wrap(latin1("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nh"))));
        ByteBuffer in = ByteBuffer.wrap(latin1("iX"));
        HttpResponse r = p.parse(in);
        assertEquals("hi", latin1(r.body()));
        assertSame(r, p.parse(in));
        assertEquals("X", Bytes.remaining(in));
    }

    @Test
    void doesNotReadABodyOverTheLimit() throws Exception {
        HttpResponseParser p = new HttpResponseParser(HandshakeLimits.DEFAULT.withMaxBodyBytes(4), true);
        ByteBuffer in = ByteBuffer.wrap(latin1("HTTP/1.1 302 Found\r\nLocation: /x\r\nContent-Length: 5\r\n\r\nhello"));
        HttpResponse r = p.parse(in);
        assertEquals(302, r.status());
        assertEquals(0, r.body().length);
        assertFalse(p.messageConsumed());
        assertEquals("hello", Bytes.remaining(in));
    }

    @Test
    void doesNotReadBodiesOfUnknownLength() throws Exception {
        for (String head : new String[] {
            "HTTP/1.1 401 Unauthorized\r\nTransfer-Encoding: chunked\r\n\r\n",
            "HTTP/1.1 401 Unauthorized\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n",
            "HTTP/1.1 401 Unauthorized\r\n\r\n",
        }) {
            HttpResponseParser p = parser();
            ByteBuffer in = ByteBuffer.wrap(latin1(head + "abc"));
            HttpResponse r = p.parse(in);
            assertNotNull(r, head);
            assertFalse(p.messageConsumed(), head);
            assertEquals("abc", Bytes.remaining(in), head);
        }
    }

    @Test
    void readsNoBodyWhenTurnedOff() throws Exception {
        HttpResponseParser p = new HttpResponseParser(HandshakeLimits.DEFAULT, false);
        ByteBuffer in = ByteBuffer.wrap(latin1("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabc"));
        assertEquals(200, p.parse(in).status());
        assertFalse(p.messageConsumed());
        assertEquals("abc", Bytes.remaining(in));
    }

    @Test
    void knowsStatusesWithoutABody() throws Exception {
        for (int status : new int[] {204, 304}) {
            HttpResponseParser p = parser();
            ByteBuffer in = ByteBuffer.wrap(latin1("HTTP/1.1 " + status + " X\r\nContent-Length: 3\r\n\r\nabc"));
            assertEquals(status, p.parse(in).status());
            assertTrue(p.messageConsumed());
            assertEquals("abc", Bytes.remaining(in));
        }
    }

    @Test
    void acceptsRepeatedIdenticalContentLengths() throws Exception {
        HttpResponseParser p = parser();
        HttpResponse r = p.parse(ByteBuffer.wrap(latin1(
                "HTTP/1.1 200 OK\r\nContent-Length: 2, 2\r\nContent-Length: 2\r\n\r\nok")));
        assertEquals("ok", latin1(r.body()));
    }

    @Test
    void acceptsAStatusLineWithoutReason() throws Exception {
        HttpResponse r = parser().parse(ByteBuffer.wrap(latin1("HTTP/1.1 101\r\nUpgrade: websocket\r\n\r\n")));
        assertEquals(101, r.status());
        assertEquals("", r.reason());
        HttpResponse empty = parser().parse(ByteBuffer.wrap(latin1("HTTP/1.1 101 \r\n\r\n")));
        assertEquals("", empty.reason());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: 1x\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length:\r\n\r\n",
        "HTTP/1.1 2000 OK\r\n\r\n",
        "HTTP/1.1 20 OK\r\n\r\n",
        "HTTP/1.1 099 OK\r\n\r\n",
        "HTTP/1.1 abc OK\r\n\r\n",
        "HTTP/1.1\r\n\r\n",
        "HTTP/1.1  101 OK\r\n\r\n",
        "ICY 200 OK\r\n\r\n",
        "HTTP/1.1 101 OK\r\nUpgrade: websocket\rX: y\r\n\r\n",
        "HTTP/1.1 101 OK\r\nUpgrade: websocket\r\n continued\r\n\r\n",
        "HTTP/1.1 101 OK\r\nBad Name: x\r\n\r\n",
        "HTTP/1.1 101 OK\u0001\r\n\r\n",
    })
    void rejectsMalformedResponsesWithStatusZero(String text) {
        HandshakeException e = assertThrows(HandshakeException.class,
                () -> parser().parse(ByteBuffer.wrap(latin1(text))));
        assertEquals(0, e.status());
    }

    @Test
    void enforcesHeadLimits() {
        HttpResponseParser small = new HttpResponseParser(HandshakeLimits.DEFAULT.withMaxHeadBytes(50), true);
        ByteBuffer big = ByteBuffer.wrap(latin1("HTTP/1.1 101 OK\r\nX: " + "a".repeat(100) + "\r\n\r\n"));
        assertEquals(0, assertThrows(HandshakeException.class, () -> small.parse(big)).status());
        HttpResponseParser few = new HttpResponseParser(HandshakeLimits.DEFAULT.withMaxHeaders(1), true);
        ByteBuffer many = ByteBuffer.wrap(latin1("HTTP/1.1 101 OK\r\nA: 1\r\nB: 2\r\n\r\n"));
        assertThrows(HandshakeException.class, () -> few.parse(many));
    }

    @Test
    void serialisesAnErrorWithItsBody() {
        HttpResponse r = HttpResponse.error(403, "origin not trusted", HttpHeaders.of("X", "1"));
        String body = "403 Forbidden: origin not trusted\n";
        assertEquals("HTTP/1.1 403 Forbidden\r\nX: 1\r\nContent-Type: text/plain; charset=utf-8\r\n"
                + "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body, latin1(r.toBytes()));
        assertEquals(body, latin1(r.body()));
    }
}

package io.wspy.handshake;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.ByteBuffer;

import static io.wspy.handshake.Bytes.latin1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProxyConnectTest {
    private static final String TLS_HELLO = "\u0016\u0003\u0001\u0000\u00a5";

    @Test
    void buildsAConnectRequest() {
        ProxyConnect connect = new ProxyConnect("example.com", 443, null, HandshakeLimits.DEFAULT);
        assertEquals("CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n",
                latin1(connect.request().toBytes()));
        assertNull(connect.request().path());
    }

    @Test
    void sendsBasicProxyCredentials() {
        ProxyConnect connect = new ProxyConnect("example.com", 80, new Credentials("Aladdin", "open sesame"),
                HandshakeLimits.DEFAULT);
        assertEquals("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==", connect.request().headers().first("Proxy-Authorization"));
        assertFalse(connect.request().headers().contains("Authorization"));
    }

    @Test
    void targetsTheHostAndPortOfAWebSocketUri() {
        assertEquals("example.com:443", ProxyConnect.to(URI.create("wss://example.com/chat"), null,
                HandshakeLimits.DEFAULT).request().target());
        assertEquals("example.com:80", ProxyConnect.to(URI.create("ws://example.com/chat"), null,
                HandshakeLimits.DEFAULT).request().target());
        assertEquals("[::1]:9000", ProxyConnect.to(URI.create("ws://[::1]:9000/"), null,
                HandshakeLimits.DEFAULT).request().target());
        assertEquals("[::1]:443", new ProxyConnect("::1", 443, null, HandshakeLimits.DEFAULT).request().target());
        assertThrows(IllegalArgumentException.class, () -> ProxyConnect.to(URI.create("http://example.com/"), null,
                HandshakeLimits.DEFAULT));
        assertThrows(IllegalArgumentException.class, () -> new ProxyConnect("example.com", 0, null, HandshakeLimits.DEFAULT));
    }

    @Test
    void opensTheTunnelAndKeepsTheTunnelledBytesWhateverTheSplit() throws Exception {
        byte[] data = latin1("HTTP/1.1 200 Connection established\r\nProxy-Agent: test\r\n\r\n" + TLS_HELLO);
        for (int split = 0; split <= data.length; split++) {
            ProxyConnect connect = new ProxyConnect("example.com", 443, null, HandshakeLimits.DEFAULT);
            ByteBuffer[] rest = new ByteBuffer[1];
            HttpResponse r = Bytes.feedSplit(data, split, connect::receive, rest);
            assertEquals(200, r.status());
            assertEquals(TLS_HELLO, Bytes.remaining(rest[0]), "split at " + split);
            assertSame(r, connect.receive(ByteBuffer.allocate(0)));
        }
    }

    @Test
    void failsWhenTheProxyWantsCredentials() {
        ProxyConnect connect = new ProxyConnect("example.com", 443, null, HandshakeLimits.DEFAULT);
        HandshakeException e = assertThrows(HandshakeException.class, () -> connect.receive(ByteBuffer.wrap(latin1(
                "HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"proxy\"\r\n\r\n"))));
        assertEquals(407, e.status());
        assertEquals("Basic realm=\"proxy\"", e.response().headers().first("Proxy-Authenticate"));
        assertTrue(e.getMessage().contains("requires credentials"));
        ProxyConnect withCredentials = new ProxyConnect("example.com", 443, new Credentials("u", "p"), HandshakeLimits.DEFAULT);
        HandshakeException rejected = assertThrows(HandshakeException.class, () -> withCredentials.receive(
                ByteBuffer.wrap(latin1("HTTP/1.1 407 Proxy Authentication Required\r\n\r\n"))));
        assertTrue(rejected.getMessage().contains("rejected"));
    }

    @Test
    void failsWhenTheProxyRefuses() {
        for (int status : new int[] {403, 502, 503, 101, 301}) {
            ProxyConnect connect = new ProxyConnect("example.com", 443, null, HandshakeLimits.DEFAULT);
            HandshakeException e = assertThrows(HandshakeException.class, () -> connect.receive(
                    ByteBuffer.wrap(latin1("HTTP/1.1 " + status + " No\r\n\r\n"))));
            assertEquals(status, e.status());
        }
        ProxyConnect connect = new ProxyConnect("example.com", 443, null, HandshakeLimits.DEFAULT);
        assertEquals(0, assertThrows(HandshakeException.class, () -> connect.receive(
                ByteBuffer.wrap(latin1("SSH-2.0-OpenSSH\r\n\r\n")))).status());
    }
}

package io.wspy.handshake;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Regression tests for what fuzzing the handshake found (the inputs are also in the fuzz corpus). */
class FuzzFindingsTest {
    /** A Location with bytes a URI takes but a request-target may not failed with IllegalArgumentException. */
    @Test
    void redirectToANonAsciiLocationFailsTheHandshake() {
        ClientHandshake handshake = ClientHandshake.start(URI.create("ws://example.com/"), ClientHandshakeConfig.defaults());
        byte[] response = "HTTP/1.1 302 Found\r\nLocation: http://other.example.com/caf\u00e9\r\nContent-Length: 0\r\n\r\n"
                .getBytes(StandardCharsets.ISO_8859_1);
        HandshakeException e = assertThrows(HandshakeException.class, () -> handshake.receive(ByteBuffer.wrap(response)));
        assertEquals(302, e.status());
        assertInstanceOf(IllegalArgumentException.class, e.getCause());
    }

    /** A Location with a scheme but no authority ({@code https:/x}) became a redirect to the host "null". */
    @Test
    void redirectToALocationWithoutAHostFailsTheHandshake() {
        ClientHandshake handshake = ClientHandshake.start(URI.create("ws://example.com/"), ClientHandshakeConfig.defaults());
        byte[] response = "HTTP/1.1 307 Temporary Redirect\r\nLocation: https:/elsewhere\r\nContent-Length: 0\r\n\r\n"
                .getBytes(StandardCharsets.ISO_8859_1);
        HandshakeException e = assertThrows(HandshakeException.class, () -> handshake.receive(ByteBuffer.wrap(response)));
        assertEquals(307, e.status());
    }
}

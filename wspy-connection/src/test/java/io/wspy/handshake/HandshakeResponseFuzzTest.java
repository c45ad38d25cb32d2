package io.wspy.handshake;

import io.wspy.handshake.internal.HttpResponseParser;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.wspy.frame.FrameHeader;

import io.wspy.testing.FuzzInput;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Coverage-guided fuzzing of the client side of the handshake: {@link HttpResponseParser} and
 * {@link ClientHandshake}, with credentials, an extension and subprotocols switched on by the
 * settings. Input: a chunking byte, a settings byte, then the response bytes, in which
 * {@code @ACCEPT@} on a {@code Sec-WebSocket-Accept} line stands for the value that matches the
 * handshake's own key (so that the fuzzer gets past that check to the headers behind it).
 *
 * <p>Properties: the only failure is a {@link HandshakeException}; a body is read only within
 * {@link HandshakeLimits#maxBodyBytes()}; an accepted response is a 101; a redirect leads to a
 * {@code ws} or {@code wss} URI, never from {@code wss} down to {@code ws}; an answered 401 carries
 * credentials; chunking changes nothing; memory stays within a small multiple of the limits; every
 * extension created is closed.
 */
class HandshakeResponseFuzzTest {
    private static final String ACCEPT_MARK = "@ACCEPT@";
    private static final HandshakeLimits SMALL = new HandshakeLimits(300, 8, 64, 100);

    @FuzzTest
    void receiveResponse(byte[] input) {
        FuzzInput in = new FuzzInput(input);
        int chunking = in.nextByte();
        int settings = in.nextByte();
        String template = new String(in.rest(), StandardCharsets.ISO_8859_1);
        HandshakeLimits limits = (settings & 1) == 0 ? HandshakeLimits.DEFAULT : SMALL;
        URI uri = URI.create((settings & 2) == 0 ? "ws://example.com/chat?room=1" : "wss://example.com:8443/");

        byte[] plain = template.getBytes(StandardCharsets.ISO_8859_1);
        String whole = parse(limits, plain, FuzzInput.chunks(plain.length, 0));
        assertEquals(whole, parse(limits, plain, FuzzInput.chunks(plain.length, chunking)), "chunking changed the parse");

        FakeExtensionFactory extension = new FakeExtensionFactory("x-test", FrameHeader.RSV1, 2);
        ClientHandshakeConfig config = config(settings, limits, extension);
        String outcome = handshake(uri, config, template, 0);
        assertEquals(outcome, handshake(uri, config, template, chunking), "chunking changed the outcome");
        for (FakeExtensionFactory.FakeExtension e : extension.created) {
            assertTrue(e.closed, "an extension was left open");
        }
        long allocated = FuzzInput.allocationOf(() -> {
            parse(limits, plain, FuzzInput.chunks(plain.length, chunking));
            handshake(uri, config, template, chunking);
        });
        assertTrue(allocated < FuzzInput.FIXED_ALLOCATION + 64L * Math.min(plain.length, limits.maxHeadBytes() + limits.maxBodyBytes()),
                allocated + " bytes allocated for a " + plain.length + "-byte response");
    }

    private static ClientHandshakeConfig config(int settings, HandshakeLimits limits, FakeExtensionFactory extension) {
        ClientHandshakeConfig.Builder b = ClientHandshakeConfig.builder().limits(limits).maxRedirects((settings >>> 2) & 3);
        if ((settings & 16) != 0) {
            b.credentials(new Credentials("ann", "s3cret"));
        }
        if ((settings & 32) != 0) {
            b.extensions(List.of(extension));
        }
        if ((settings & 64) != 0) {
            b.subprotocols("chat", "superchat");
        }
        if ((settings & 128) != 0) {
            b.origin("https://example.com");
        }
        return b.build();
    }

    private static String parse(HandshakeLimits limits, byte[] response, int[] chunks) {
        HttpResponseParser parser = new HttpResponseParser(limits, true);
        int at = 0;
        try {
            for (int size : chunks) {
                ByteBuffer chunk = ByteBuffer.wrap(response, at, size);
                HttpResponse parsed = parser.parse(chunk);
                if (parsed != null) {
                    assertTrue(parsed.body().length <= limits.maxBodyBytes(), "body over the limit");
                    return parsed.status() + " " + parsed.reason() + " " + parsed.headers() + " body "
                            + parsed.body().length + " consumed " + parser.messageConsumed() + " ends at " + chunk.position();
                }
                at += size;
            }
            return "incomplete";
        } catch (HandshakeException e) {
            assertEquals(0, e.status(), "a malformed response has no status");
            return "malformed";
        }
    }

    private static String handshake(URI uri, ClientHandshakeConfig config, String template, int chunking) {
        ClientHandshake handshake = ClientHandshake.start(uri, config);
        String accept = WebSocketKey.accept(handshake.request().headers().first("Sec-WebSocket-Key"));
        byte[] response = withAccept(template, accept).getBytes(StandardCharsets.ISO_8859_1);
        int at = 0;
        try {
            for (int size : FuzzInput.chunks(response.length, chunking)) {
                ClientHandshake.Outcome outcome = handshake.receive(ByteBuffer.wrap(response, at, size));
                at += size;
                if (outcome != null) {
                    return describe(handshake, outcome);
                }
            }
            return "incomplete";
        } catch (HandshakeException e) {
            return "failed " + e.status();
        }
    }

    /**
     * The template with the marker replaced on {@code Sec-WebSocket-Accept} lines only: the value
     * differs from run to run, and elsewhere (a challenge, a location) it would make the outcome
     * differ too.
     */
    private static String withAccept(String template, String accept) {
        StringBuilder out = new StringBuilder(template.length() + 32);
        for (String line : template.split("(?<=\n)", -1)) {
            boolean acceptLine = line.regionMatches(true, 0, "Sec-WebSocket-Accept:", 0, "Sec-WebSocket-Accept:".length());
            out.append(acceptLine ? line.replace(ACCEPT_MARK, accept) : line);
        }
        return out.toString();
    }

    private static String describe(ClientHandshake handshake, ClientHandshake.Outcome outcome) {
        if (outcome instanceof ClientHandshake.Accepted) {
            ClientHandshake.Accepted a = (ClientHandshake.Accepted) outcome;
            a.extensions().close();
            assertEquals(101, a.response().status());
            return "accepted " + a.subprotocol() + " " + a.extensions();
        }
        if (outcome instanceof ClientHandshake.Redirect) {
            ClientHandshake.Redirect r = (ClientHandshake.Redirect) outcome;
            String scheme = r.location().getScheme();
            assertTrue(scheme.equals("ws") || scheme.equals("wss"), "redirect to " + r.location());
            assertTrue(!handshake.secure() || scheme.equals("wss"), "redirect from wss to " + r.location());
            assertEquals(r.location(), r.next().uri());
            return "redirect " + r.response().status() + " " + r.location();
        }
        ClientHandshake.AuthenticationRequired auth = (ClientHandshake.AuthenticationRequired) outcome;
        assertNotNull(auth.next().request().headers().first("Authorization"), "an answered 401 sends credentials");
        return "authenticate " + auth.challenge().scheme() + " same connection " + auth.sameConnection();
    }
}

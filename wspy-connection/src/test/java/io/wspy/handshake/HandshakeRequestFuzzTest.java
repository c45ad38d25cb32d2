package io.wspy.handshake;

import io.wspy.handshake.internal.HttpRequestParser;
import com.code_intelligence.jazzer.junit.FuzzTest;

import io.wspy.testing.FuzzInput;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Coverage-guided fuzzing of the server side of the handshake: {@link HttpRequestParser} and
 * {@link ServerHandshake} with paths, origins, subprotocols, an extension and Basic or Digest
 * authentication switched on by the settings. Input: a chunking byte, a settings byte, then the
 * request bytes.
 *
 * <p>Properties: the parser fails only with {@link HandshakeException} 400, 414 or 431; the
 * handshake never throws and rejects only with the statuses it documents; a 101 carries the right
 * {@code Sec-WebSocket-Accept}; chunking changes nothing; memory stays within a small multiple of
 * the head limit; every extension negotiated is closed by its owner.
 */
class HandshakeRequestFuzzTest {
    private static final Set<Integer> PARSER_STATUSES = Set.of(400, 414, 431);
    private static final Set<Integer> REJECTIONS = Set.of(400, 401, 403, 404, 414, 426, 431);
    private static final Map<String, String> USERS = Map.of("ann", "s3cret");
    private static final HandshakeLimits SMALL = new HandshakeLimits(300, 8, 64, 100);

    @FuzzTest
    void receiveRequest(byte[] input) {
        FuzzInput in = new FuzzInput(input);
        int chunking = in.nextByte();
        int settings = in.nextByte();
        byte[] request = in.rest();
        HandshakeLimits limits = (settings & 1) == 0 ? HandshakeLimits.DEFAULT : SMALL;

        String whole = parse(limits, request, FuzzInput.chunks(request.length, 0));
        String split = parse(limits, request, FuzzInput.chunks(request.length, chunking));
        assertEquals(whole, split, "chunking changed the parse");

        FakeExtensionFactory extension = new FakeExtensionFactory("x-test", io.wspy.frame.FrameHeader.RSV1, 3);
        ServerHandshakeConfig config = config(settings, limits, extension);
        String outcome = handshake(config, request, FuzzInput.chunks(request.length, 0));
        assertEquals(outcome, handshake(config, request, FuzzInput.chunks(request.length, chunking)),
                "chunking changed the outcome");
        for (FakeExtensionFactory.FakeExtension e : extension.created) {
            assertTrue(e.closed, "a negotiated extension was left open");
        }
        long allocated = FuzzInput.allocationOf(() -> {
            parse(limits, request, FuzzInput.chunks(request.length, chunking));
            handshake(config, request, FuzzInput.chunks(request.length, chunking));
        });
        assertTrue(allocated < FuzzInput.FIXED_ALLOCATION + 64L * Math.min(request.length, limits.maxHeadBytes()),
                allocated + " bytes allocated for a " + request.length + "-byte request");
    }

    private static ServerHandshakeConfig config(int settings, HandshakeLimits limits, FakeExtensionFactory extension) {
        ServerHandshakeConfig.Builder b = ServerHandshakeConfig.builder().limits(limits);
        if ((settings & 2) != 0) {
            b.paths("/chat", "/");
        }
        if ((settings & 4) != 0) {
            b.trustedOrigins("https://example.com", "http://localhost:8000");
        }
        if ((settings & 8) != 0) {
            b.subprotocols("chat", "superchat");
        }
        if ((settings & 16) != 0) {
            b.extensions(List.of(extension));
        }
        switch ((settings >>> 5) & 3) {
            case 1:
                b.authenticator(new BasicAuthenticator("fuzz", USERS::get));
                break;
            case 2:
                b.authenticator(DigestAuthenticator.builder("fuzz").passwords(USERS::get).build());
                break;
            default:
                break;
        }
        return b.build();
    }

    /** Parses the head in chunks; the request (and where it ended) or the status of the refusal. */
    private static String parse(HandshakeLimits limits, byte[] request, int[] chunks) {
        HttpRequestParser parser = new HttpRequestParser(limits);
        int at = 0;
        try {
            for (int size : chunks) {
                ByteBuffer chunk = ByteBuffer.wrap(request, at, size);
                HttpRequest parsed = parser.parse(chunk);
                if (parsed != null) {
                    assertTrue(parsed.toBytes().length > 0);
                    return parsed.method() + " " + parsed.target() + " " + parsed.version() + " " + parsed.headers()
                            + " ends at " + chunk.position();
                }
                assertEquals(at + size, chunk.position(), "an incomplete head must be consumed");
                at += size;
            }
            return "incomplete";
        } catch (HandshakeException e) {
            assertTrue(PARSER_STATUSES.contains(e.status()), "parser status " + e.status() + ": " + e.getMessage());
            return "refused " + e.status();
        }
    }

    private static String handshake(ServerHandshakeConfig config, byte[] request, int[] chunks) {
        ServerHandshake handshake = new ServerHandshake(config);
        int at = 0;
        for (int size : chunks) {
            ServerHandshake.Outcome outcome = handshake.receive(ByteBuffer.wrap(request, at, size));
            at += size;
            if (outcome != null) {
                return describe(outcome);
            }
        }
        return "incomplete";
    }

    private static String describe(ServerHandshake.Outcome outcome) {
        if (outcome instanceof ServerHandshake.Accepted) {
            ServerHandshake.Accepted a = (ServerHandshake.Accepted) outcome;
            a.extensions().close();
            assertEquals(101, a.response().status());
            String key = a.request().headers().first("Sec-WebSocket-Key");
            assertEquals(WebSocketKey.accept(key), a.response().headers().first("Sec-WebSocket-Accept"));
            return "accepted " + a.subprotocol() + " " + a.response().headers().first("Sec-WebSocket-Extensions")
                    + " " + a.user();
        }
        if (outcome instanceof ServerHandshake.Rejected) {
            ServerHandshake.Rejected r = (ServerHandshake.Rejected) outcome;
            int status = r.response().status();
            assertTrue(REJECTIONS.contains(status), "rejected with " + status + ": " + r.reason().getMessage());
            assertEquals(status, r.reason().status());
            return "rejected " + status;
        }
        return "plain HTTP " + outcome.request().method();
    }
}

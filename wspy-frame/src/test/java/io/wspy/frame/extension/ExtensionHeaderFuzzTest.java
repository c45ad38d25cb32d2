package io.wspy.frame.extension;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.wspy.frame.FrameHeader;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Coverage-guided fuzzing of the {@code Sec-WebSocket-Extensions} parser and of the negotiation on
 * both ends. Input: the header value, as the handshake reads it (ISO-8859-1). A malformed value is
 * an {@link ExtensionException}, never another exception; what parses formats back to a value that
 * parses to the same elements; a negotiation never accepts two extensions on one RSV bit, and every
 * extension it creates is closed when it fails.
 */
class ExtensionHeaderFuzzTest {
    @FuzzTest
    void parseAndNegotiate(byte[] input) {
        String header = new String(input, StandardCharsets.ISO_8859_1);
        List<ExtensionParameters> parsed;
        try {
            parsed = ExtensionParameters.parseHeader(header);
        } catch (ExtensionException malformed) {
            parsed = null;
        }
        if (parsed != null) {
            String formatted = ExtensionParameters.formatHeader(parsed);
            try {
                assertEquals(parsed, ExtensionParameters.parseHeader(formatted), "round trip of " + header);
            } catch (ExtensionException e) {
                throw new AssertionError("a formatted header does not parse: " + formatted, e);
            }
        }
        // FakeFactory throws on a "boom" parameter by design (to test that negotiation cleans up).
        boolean boom = header.toLowerCase(Locale.ROOT).contains("boom");
        serverSide(header, parsed != null, boom);
        clientSide(header, parsed != null, boom);
    }

    private static List<FakeFactory> factories() {
        return List.of(FakeFactory.of("permessage-deflate", FrameHeader.RSV1),
                FakeFactory.of("x-b", FrameHeader.RSV2),
                new FakeFactory(List.of("x-c", "x-alias"), FrameHeader.RSV1 | FrameHeader.RSV3, 1 << 3,
                        List.of(ExtensionParameters.of("x-c"))));
    }

    private static void serverSide(String header, boolean wellFormed, boolean boom) {
        List<FakeFactory> factories = factories();
        try (ExtensionChain chain = ExtensionNegotiation.negotiate(factories, header)) {
            assertTrue(wellFormed, "a malformed header was negotiated: " + header);
            checkNoSharedBits(chain);
            if (!chain.isEmpty()) {
                assertEquals(parametersOf(chain), ExtensionParameters.parseHeader(chain.responseHeader()),
                        "the response header does not say what was accepted");
            }
        } catch (ExtensionException e) {
            assertTrue(!wellFormed, "a well-formed header was refused: " + header + ": " + e.getMessage());
        } catch (IllegalStateException e) {
            assertTrue(boom, "unexpected " + e);
        }
        checkAllClosed(factories);
    }

    private static void clientSide(String header, boolean wellFormed, boolean boom) {
        List<FakeFactory> factories = factories();
        try (ExtensionChain chain = ExtensionNegotiation.acceptResponse(factories, header)) {
            assertTrue(wellFormed, "a malformed response was accepted: " + header);
            checkNoSharedBits(chain);
        } catch (ExtensionException e) {
            // Refused: malformed, not offered, repeated or conflicting.
        } catch (IllegalStateException e) {
            assertTrue(boom, "unexpected " + e);
        }
        checkAllClosed(factories);
    }

    private static void checkNoSharedBits(ExtensionChain chain) {
        int rsv = 0;
        int opcodes = 0;
        for (Extension e : chain.extensions()) {
            assertEquals(0, rsv & e.rsvBits(), "two extensions on one RSV bit: " + chain);
            assertEquals(0, opcodes & e.opcodes(), "two extensions on one opcode: " + chain);
            rsv |= e.rsvBits();
            opcodes |= e.opcodes();
        }
    }

    private static List<ExtensionParameters> parametersOf(ExtensionChain chain) {
        List<ExtensionParameters> all = new ArrayList<>();
        for (Extension e : chain.extensions()) {
            all.add(e.parameters());
        }
        return all;
    }

    private static void checkAllClosed(List<FakeFactory> factories) {
        for (FakeFactory f : factories) {
            for (FakeExtension e : f.created) {
                assertTrue(e.isClosed(), "an extension was not closed: " + e);
            }
        }
    }
}

package io.wspy.extensions;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.wspy.frame.extension.Extension;
import io.wspy.frame.extension.ExtensionChain;
import io.wspy.frame.extension.ExtensionException;
import io.wspy.frame.extension.ExtensionFactory;
import io.wspy.frame.extension.ExtensionNegotiation;
import io.wspy.frame.extension.ExtensionParameters;

import io.wspy.testing.FuzzInput;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Coverage-guided fuzzing of permessage-deflate and deflate-frame negotiation: a fuzzed
 * {@code Sec-WebSocket-Extensions} value is negotiated as a client's offer by a server and checked
 * as a server's response by a client. Input: a settings byte (which configurations), then the
 * header value (ISO-8859-1). Only {@link ExtensionException} may fail a negotiation; a server's
 * answer is well formed, one element per extension it accepted, and it holds at most one
 * compression extension (both claim RSV1).
 */
class ExtensionNegotiationFuzzTest {
    @FuzzTest
    void negotiate(byte[] input) {
        FuzzInput in = new FuzzInput(input);
        int settings = in.nextByte();
        String header = new String(in.rest(), StandardCharsets.ISO_8859_1);
        List<ExtensionFactory> factories = factories(settings);
        try (ExtensionChain chain = ExtensionNegotiation.negotiate(factories, header)) {
            assertTrue(chain.extensions().size() <= 1, "two compression extensions on RSV1: " + chain);
            if (!chain.isEmpty()) {
                List<ExtensionParameters> answer = ExtensionParameters.parseHeader(chain.responseHeader());
                assertEquals(chain.extensions().size(), answer.size());
                for (Extension e : chain.extensions()) {
                    assertTrue(header.toLowerCase().contains(e.parameters().name().toLowerCase()),
                            "accepted an extension that was not offered: " + e);
                }
            }
        } catch (ExtensionException malformed) {
            // The server answers 400.
        }
        try (ExtensionChain chain = ExtensionNegotiation.acceptResponse(factories, header)) {
            assertTrue(chain.extensions().size() <= 1, "two compression extensions accepted: " + chain);
        } catch (ExtensionException refused) {
            // The client fails the connection.
        }
    }

    private static List<ExtensionFactory> factories(int settings) {
        PerMessageDeflate.Builder pmd = PerMessageDeflate.builder();
        if ((settings & 1) != 0) {
            pmd.lean();
        }
        if ((settings & 2) != 0) {
            pmd.serverMaxWindowBits(8 + (settings >>> 4) % 8).clientMaxWindowBits(9 + (settings >>> 5) % 7);
        }
        if ((settings & 4) != 0) {
            pmd.offerClientMaxWindowBits(false);
        }
        DeflateFrame.Builder frame = DeflateFrame.builder().noContextTakeover((settings & 8) != 0);
        return (settings & 128) != 0 ? List.of(frame.build(), pmd.build()) : List.of(pmd.build(), frame.build());
    }
}

package io.wspy.extensions;

import io.wspy.extensions.internal.PerMessageDeflateExtension;
import io.wspy.frame.extension.Extension;
import io.wspy.frame.extension.ExtensionChain;
import io.wspy.frame.extension.ExtensionException;
import io.wspy.frame.extension.ExtensionNegotiation;
import io.wspy.frame.extension.ExtensionParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Offers, answers and their validation, as RFC 7692 section 7.1 has them. */
class PerMessageDeflateNegotiationTest {
    private static final Map<String, PerMessageDeflate> CONFIGS = Map.of(
            "default", PerMessageDeflate.builder().build(),
            "lean", PerMessageDeflate.builder().lean().build(),
            "smwb10", PerMessageDeflate.builder().serverMaxWindowBits(10).build(),
            "cmwb10", PerMessageDeflate.builder().clientMaxWindowBits(10).build(),
            "snct", PerMessageDeflate.builder().serverNoContextTakeover(true).build(),
            "cnct", PerMessageDeflate.builder().clientNoContextTakeover(true).build(),
            "noCmwb", PerMessageDeflate.builder().offerClientMaxWindowBits(false).build());

    private static String serverAnswer(String config, String offerHeader) throws ExtensionException {
        try (ExtensionChain chain = ExtensionNegotiation.negotiate(List.of(CONFIGS.get(config)), offerHeader)) {
            return chain.responseHeader();
        }
    }

    private static PerMessageDeflateExtension clientAccepts(String config, String response) throws ExtensionException {
        ExtensionParameters element = ExtensionParameters.parseHeader(response).get(0);
        return (PerMessageDeflateExtension) CONFIGS.get(config).acceptResponse(element);
    }

    @ParameterizedTest(name = "{0} offers \"{1}\"")
    @CsvSource(delimiter = '|', value = {
        "default | permessage-deflate; client_max_window_bits",
        "lean    | permessage-deflate; server_no_context_takeover; client_no_context_takeover; client_max_window_bits",
        "smwb10  | permessage-deflate; server_max_window_bits=10; client_max_window_bits",
        "cmwb10  | permessage-deflate; client_max_window_bits=10",
        "snct    | permessage-deflate; server_no_context_takeover; client_max_window_bits",
        "cnct    | permessage-deflate; client_no_context_takeover; client_max_window_bits",
        "noCmwb  | permessage-deflate",
    })
    void clientOffers(String config, String expected) {
        assertEquals(expected, ExtensionNegotiation.offerHeader(List.of(CONFIGS.get(config))));
    }

    @ParameterizedTest(name = "{0} server answers \"{1}\" with \"{2}\"")
    @CsvSource(delimiter = '|', value = {
        "default | permessage-deflate                                          | permessage-deflate",
        "default | permessage-deflate; client_max_window_bits                  | permessage-deflate",
        "default | permessage-deflate; client_max_window_bits=12               | permessage-deflate",
        "default | permessage-deflate; server_max_window_bits=12               | permessage-deflate; server_max_window_bits=12",
        "default | permessage-deflate; server_max_window_bits=8                | permessage-deflate; server_max_window_bits=8",
        "default | permessage-deflate; server_no_context_takeover              | permessage-deflate; server_no_context_takeover",
        "default | permessage-deflate; client_no_context_takeover              | permessage-deflate; client_no_context_takeover",
        "default | permessage-deflate; server_max_window_bits=\"10\"           | permessage-deflate; server_max_window_bits=10",
        "default | PerMessage-Deflate; Server_No_Context_Takeover              | PerMessage-Deflate; server_no_context_takeover",
        "default | permessage-deflate; server_no_context_takeover; client_no_context_takeover; server_max_window_bits=9; client_max_window_bits=11"
            + " | permessage-deflate; server_no_context_takeover; client_no_context_takeover; server_max_window_bits=9",
        "lean    | permessage-deflate                                          | permessage-deflate; server_no_context_takeover; client_no_context_takeover",
        "lean    | permessage-deflate; client_max_window_bits                  | permessage-deflate; server_no_context_takeover; client_no_context_takeover",
        "smwb10  | permessage-deflate                                          | permessage-deflate; server_max_window_bits=10",
        "smwb10  | permessage-deflate; server_max_window_bits=12               | permessage-deflate; server_max_window_bits=10",
        "smwb10  | permessage-deflate; server_max_window_bits=9                | permessage-deflate; server_max_window_bits=9",
        "cmwb10  | permessage-deflate                                          | permessage-deflate",
        "cmwb10  | permessage-deflate; client_max_window_bits                  | permessage-deflate; client_max_window_bits=10",
        "cmwb10  | permessage-deflate; client_max_window_bits=12               | permessage-deflate; client_max_window_bits=10",
        "cmwb10  | permessage-deflate; client_max_window_bits=9                | permessage-deflate; client_max_window_bits=9",
        "snct    | permessage-deflate; client_max_window_bits                  | permessage-deflate; server_no_context_takeover",
        "cnct    | permessage-deflate; client_max_window_bits                  | permessage-deflate; client_no_context_takeover",
        "default | permessage-deflate; server_max_window_bits=16, permessage-deflate | permessage-deflate",
        "default | x-unknown, permessage-deflate                               | permessage-deflate",
    })
    void serverAnswers(String config, String offer, String expected) throws ExtensionException {
        assertEquals(expected, serverAnswer(config, offer));
    }

    @ParameterizedTest(name = "declined: {0}")
    @ValueSource(strings = {
        "permessage-deflate; server_max_window_bits",
        "permessage-deflate; server_max_window_bits=16",
        "permessage-deflate; server_max_window_bits=7",
        "permessage-deflate; server_max_window_bits=abc",
        "permessage-deflate; server_max_window_bits=08",
        "permessage-deflate; server_max_window_bits=0",
        "permessage-deflate; server_max_window_bits=-1",
        "permessage-deflate; client_max_window_bits=16",
        "permessage-deflate; client_max_window_bits=7",
        "permessage-deflate; client_max_window_bits=abc",
        "permessage-deflate; client_max_window_bits=015",
        "permessage-deflate; server_no_context_takeover=1",
        "permessage-deflate; client_no_context_takeover=true",
        "permessage-deflate; server_no_context_takeover; server_no_context_takeover",
        "permessage-deflate; client_no_context_takeover; CLIENT_NO_CONTEXT_TAKEOVER",
        "permessage-deflate; server_max_window_bits=10; server_max_window_bits=10",
        "permessage-deflate; client_max_window_bits; client_max_window_bits=10",
        "permessage-deflate; foo",
        "permessage-deflate; max_window_bits=10",
        "permessage-deflate; no_context_takeover",
    })
    void serverDeclinesInvalidOffers(String offer) throws ExtensionException {
        for (String config : CONFIGS.keySet()) {
            assertNull(serverAnswer(config, offer), config);
            assertNull(CONFIGS.get(config).acceptOffer(ExtensionParameters.parseHeader(offer).get(0)), config);
        }
    }

    @ParameterizedTest(name = "{0} client accepts \"{1}\"")
    @CsvSource(delimiter = '|', value = {
        // config | response | sending takeover | sending window | receiving takeover
        "default | permessage-deflate                             | true  | 15 | true",
        "default | permessage-deflate; server_no_context_takeover | true  | 15 | false",
        "default | permessage-deflate; client_no_context_takeover | false | 15 | true",
        "default | permessage-deflate; server_max_window_bits=10  | true  | 15 | true",
        "default | permessage-deflate; client_max_window_bits=10  | true  | 10 | true",
        "default | permessage-deflate; client_max_window_bits=8   | true  | 8  | true",
        "default | permessage-deflate; server_no_context_takeover; client_no_context_takeover; server_max_window_bits=8; client_max_window_bits=9"
            + " | false | 9 | false",
        "lean    | permessage-deflate; server_no_context_takeover; client_no_context_takeover | false | 15 | false",
        "lean    | permessage-deflate; server_no_context_takeover | false | 15 | false",
        "snct    | permessage-deflate; server_no_context_takeover | true  | 15 | false",
        "cnct    | permessage-deflate                             | false | 15 | true",
        "smwb10  | permessage-deflate; server_max_window_bits=10  | true  | 15 | true",
        "smwb10  | permessage-deflate; server_max_window_bits=8   | true  | 15 | true",
        "cmwb10  | permessage-deflate                             | true  | 10 | true",
        "cmwb10  | permessage-deflate; client_max_window_bits=10  | true  | 10 | true",
        "cmwb10  | permessage-deflate; client_max_window_bits=9   | true  | 9  | true",
        "noCmwb  | permessage-deflate                             | true  | 15 | true",
    })
    void clientAcceptsValidResponses(String config, String response, boolean sendingTakeover, int sendingWindow,
                                     boolean receivingTakeover) throws ExtensionException {
        try (PerMessageDeflateExtension e = clientAccepts(config, response)) {
            assertEquals(sendingTakeover, e.sending().contextTakeover());
            assertEquals(sendingWindow, e.sending().windowBits());
            assertEquals(receivingTakeover, e.receiving().contextTakeover());
            assertEquals(ExtensionParameters.parseHeader(response).get(0), e.parameters());
        }
    }

    @ParameterizedTest(name = "{0} client rejects \"{1}\"")
    @CsvSource(delimiter = '|', value = {
        "default | permessage-deflate; client_max_window_bits",
        "default | permessage-deflate; client_max_window_bits=16",
        "default | permessage-deflate; client_max_window_bits=7",
        "default | permessage-deflate; client_max_window_bits=abc",
        "default | permessage-deflate; client_max_window_bits=09",
        "default | permessage-deflate; server_max_window_bits",
        "default | permessage-deflate; server_max_window_bits=16",
        "default | permessage-deflate; server_max_window_bits=7",
        "default | permessage-deflate; server_max_window_bits=abc",
        "default | permessage-deflate; server_no_context_takeover; server_no_context_takeover",
        "default | permessage-deflate; client_max_window_bits=10; client_max_window_bits=10",
        "default | permessage-deflate; client_no_context_takeover=1",
        "default | permessage-deflate; foo",
        "default | permessage-deflate; foo=bar",
        "default | deflate-frame",
        "noCmwb  | permessage-deflate; client_max_window_bits=10",
        "snct    | permessage-deflate",
        "snct    | permessage-deflate; client_no_context_takeover",
        "lean    | permessage-deflate; client_no_context_takeover",
        "smwb10  | permessage-deflate",
        "smwb10  | permessage-deflate; server_max_window_bits=11",
        "smwb10  | permessage-deflate; server_max_window_bits=15",
        "cmwb10  | permessage-deflate; client_max_window_bits=11",
        "cmwb10  | permessage-deflate; client_max_window_bits=15",
    })
    void clientRejectsInvalidResponses(String config, String response) {
        assertThrows(ExtensionException.class, () -> clientAccepts(config, response));
    }

    @Test
    void clientFailsTheHandshakeOnAnInvalidResponseThroughTheNegotiation() {
        assertThrows(ExtensionException.class, () -> ExtensionNegotiation.acceptResponse(
                List.of(CONFIGS.get("default")), "permessage-deflate; client_max_window_bits=16"));
        assertThrows(ExtensionException.class, () -> ExtensionNegotiation.acceptResponse(
                List.of(CONFIGS.get("default")), "permessage-deflate, permessage-deflate"));
    }

    @Test
    void factoryDeclaresItsNameAndRsv1() {
        PerMessageDeflate f = PerMessageDeflate.builder().build();
        assertEquals(List.of("permessage-deflate"), f.names());
        assertEquals(io.wspy.frame.FrameHeader.RSV1, f.rsvBits());
        assertEquals(0, f.opcodes());
        assertTrue(f.answersTo("PERMESSAGE-DEFLATE"));
    }

    @Test
    void builderRejectsBadSettings() {
        PerMessageDeflate.Builder b = PerMessageDeflate.builder();
        assertThrows(IllegalArgumentException.class, () -> b.serverMaxWindowBits(7));
        assertThrows(IllegalArgumentException.class, () -> b.serverMaxWindowBits(16));
        assertThrows(IllegalArgumentException.class, () -> b.clientMaxWindowBits(7));
        assertThrows(IllegalArgumentException.class, () -> b.clientMaxWindowBits(16));
        assertThrows(IllegalArgumentException.class, () -> b.compressionLevel(10));
        assertThrows(IllegalArgumentException.class, () -> b.compressionLevel(-2));
        assertThrows(IllegalArgumentException.class, () -> b.compressionThreshold(-1));
        assertThrows(IllegalArgumentException.class, () -> b.poolSize(-1));
    }

    /**
     * Every combination of client settings against every combination of server settings: the
     * client accepts the server's answer, both sides agree on the effective parameters (computed
     * here from the RFC's rules), and messages cross both ways.
     */
    @Test
    void everyCombinationOfSettingsNegotiatesAndWorks() throws Exception {
        List<Settings> clients = new ArrayList<>();
        List<Settings> servers = new ArrayList<>();
        for (boolean snct : new boolean[] {false, true}) {
            for (boolean cnct : new boolean[] {false, true}) {
                for (int smwb : new int[] {15, 8, 12}) {
                    for (int cmwb : new int[] {15, 8, 12}) {
                        servers.add(new Settings(snct, cnct, smwb, cmwb, true));
                        clients.add(new Settings(snct, cnct, smwb, cmwb, true));
                        if (cmwb == 15) {
                            clients.add(new Settings(snct, cnct, smwb, cmwb, false));
                        }
                    }
                }
            }
        }
        byte[] message = Bytes.text(3, 500);
        int combinations = 0;
        for (Settings c : clients) {
            PerMessageDeflate client = c.build();
            for (Settings s : servers) {
                PerMessageDeflate server = s.build();
                try (Link link = Link.negotiate(client, server)) {
                    PerMessageDeflateExtension serverSide = only(link.server());
                    PerMessageDeflateExtension clientSide = only(link.client());
                    String what = c + " -> " + s + ": " + link.server().responseHeader();
                    boolean clientOffersWindow = c.clientBits < 15 || c.offerClientBits;
                    assertEquals(!(c.serverNoContext || s.serverNoContext), serverSide.sending().contextTakeover(), what);
                    assertEquals(serverSide.sending().contextTakeover(), clientSide.receiving().contextTakeover(), what);
                    assertEquals(Math.min(c.serverBits, s.serverBits), serverSide.sending().windowBits(), what);
                    assertEquals(!(c.clientNoContext || s.clientNoContext), clientSide.sending().contextTakeover(), what);
                    assertEquals(clientSide.sending().contextTakeover(), serverSide.receiving().contextTakeover(), what);
                    assertEquals(Math.min(c.clientBits, clientOffersWindow ? s.clientBits : 15),
                            clientSide.sending().windowBits(), what);
                    for (int i = 0; i < 2; i++) {
                        assertArrayEquals(message, link.clientToServer(message).received(), what);
                        assertArrayEquals(message, link.serverToClient(message).received(), what);
                    }
                }
                combinations++;
            }
        }
        assertEquals(clients.size() * servers.size(), combinations);
    }

    private static PerMessageDeflateExtension only(ExtensionChain chain) {
        List<Extension> list = chain.extensions();
        assertEquals(1, list.size());
        return (PerMessageDeflateExtension) list.get(0);
    }

    private record Settings(boolean serverNoContext, boolean clientNoContext, int serverBits, int clientBits,
                            boolean offerClientBits) {
        PerMessageDeflate build() {
            return PerMessageDeflate.builder().serverNoContextTakeover(serverNoContext)
                    .clientNoContextTakeover(clientNoContext).serverMaxWindowBits(serverBits)
                    .clientMaxWindowBits(clientBits).offerClientMaxWindowBits(offerClientBits).build();
        }
    }
}

package io.wspy.extensions;

import io.wspy.extensions.internal.DeflateFrameExtension;
import io.wspy.frame.CloseCode;
import io.wspy.frame.Frame;
import io.wspy.frame.FrameHeader;
import io.wspy.frame.Opcode;
import io.wspy.frame.ProtocolException;
import io.wspy.frame.extension.ExtensionChain;
import io.wspy.frame.extension.ExtensionException;
import io.wspy.frame.extension.ExtensionNegotiation;
import io.wspy.frame.extension.ExtensionParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.util.List;

import static io.wspy.extensions.Bytes.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** deflate-frame: negotiation of its two parameters and per-frame compression. */
class DeflateFrameTest {
    private static final DeflateFrame PLAIN = DeflateFrame.builder().compressionThreshold(0).build();
    private static final DeflateFrame ASKING = DeflateFrame.builder().noContextTakeover(true).maxWindowBits(10)
            .compressionThreshold(0).build();

    @Test
    void namesAndRsv1() {
        assertEquals(List.of("deflate-frame", "x-webkit-deflate-frame"), PLAIN.names());
        assertEquals(FrameHeader.RSV1, PLAIN.rsvBits());
    }

    @Test
    void clientOffersBothNamesWithItsRequests() {
        assertEquals("deflate-frame, x-webkit-deflate-frame", ExtensionNegotiation.offerHeader(List.of(PLAIN)));
        assertEquals("deflate-frame; max_window_bits=10; no_context_takeover, "
                + "x-webkit-deflate-frame; max_window_bits=10; no_context_takeover",
                ExtensionNegotiation.offerHeader(List.of(ASKING)));
    }

    @ParameterizedTest(name = "\"{1}\" -> \"{2}\"")
    @CsvSource(delimiter = '|', value = {
        "plain  | deflate-frame                                       | deflate-frame                                       | true  | 15",
        "plain  | x-webkit-deflate-frame                              | x-webkit-deflate-frame                              | true  | 15",
        "plain  | deflate-frame; no_context_takeover                  | deflate-frame                                       | false | 15",
        "plain  | deflate-frame; max_window_bits=9                    | deflate-frame                                       | true  | 9",
        "plain  | deflate-frame; max_window_bits=\"12\"               | deflate-frame                                       | true  | 12",
        "plain  | deflate-frame; max_window_bits=16, x-webkit-deflate-frame | x-webkit-deflate-frame                        | true  | 15",
        "asking | deflate-frame                                       | deflate-frame; max_window_bits=10; no_context_takeover | true | 15",
        "asking | x-webkit-deflate-frame; max_window_bits=8; no_context_takeover"
            + " | x-webkit-deflate-frame; max_window_bits=10; no_context_takeover | false | 8",
    })
    void serverHonoursTheOfferAndAddsItsRequests(String config, String offer, String response,
                                                 boolean sendingTakeover, int sendingWindow) throws Exception {
        DeflateFrame server = config.equals("plain") ? PLAIN : ASKING;
        try (ExtensionChain chain = ExtensionNegotiation.negotiate(List.of(server), offer)) {
            assertEquals(response, chain.responseHeader());
            DeflateFrameExtension e = (DeflateFrameExtension) chain.extensions().get(0);
            assertEquals(sendingTakeover, e.sending().contextTakeover());
            assertEquals(sendingWindow, e.sending().windowBits());
            assertEquals(server == PLAIN, e.receiving().contextTakeover());
            assertFalse(e.perMessage());
        }
    }

    @ParameterizedTest(name = "invalid: {0}")
    @ValueSource(strings = {
        "deflate-frame; max_window_bits",
        "deflate-frame; max_window_bits=7",
        "deflate-frame; max_window_bits=16",
        "deflate-frame; max_window_bits=abc",
        "deflate-frame; max_window_bits=010",
        "deflate-frame; no_context_takeover=1",
        "deflate-frame; no_context_takeover; no_context_takeover",
        "deflate-frame; max_window_bits=9; max_window_bits=9",
        "deflate-frame; server_max_window_bits=9",
        "deflate-frame; foo",
    })
    void invalidParametersAreDeclinedByServersAndRejectedByClients(String element) throws Exception {
        ExtensionParameters parsed = ExtensionParameters.parseHeader(element).get(0);
        assertNull(PLAIN.acceptOffer(parsed));
        assertThrows(ExtensionException.class, () -> PLAIN.acceptResponse(parsed));
    }

    @Test
    void clientHonoursTheResponse() throws Exception {
        DeflateFrameExtension e = (DeflateFrameExtension) PLAIN.acceptResponse(ExtensionParameters.parseHeader(
                "x-webkit-deflate-frame; max_window_bits=11; no_context_takeover").get(0));
        assertFalse(e.sending().contextTakeover());
        assertEquals(11, e.sending().windowBits());
        e.close();
        assertThrows(ExtensionException.class,
                () -> PLAIN.acceptResponse(ExtensionParameters.of("permessage-deflate")));
    }

    @Test
    void serverAcceptsOnlyOneOfTheAlternatives() throws Exception {
        try (ExtensionChain chain = ExtensionNegotiation.negotiate(List.of(PLAIN),
                ExtensionNegotiation.offerHeader(List.of(PLAIN)))) {
            assertEquals("deflate-frame", chain.responseHeader());
        }
        assertThrows(ExtensionException.class, () -> ExtensionNegotiation.acceptResponse(List.of(PLAIN),
                "deflate-frame, x-webkit-deflate-frame"));
    }

    @Test
    void everyCompressedFrameCarriesRsv1ContinuationsIncluded() throws Exception {
        for (DeflateFrame config : new DeflateFrame[] {PLAIN, ASKING}) {
            try (Link link = Link.negotiate(config, config)) {
                for (int round = 0; round < 3; round++) {
                    byte[][] parts = {Bytes.text(round, 3000), Bytes.text(round + 1, 2000), Bytes.text(round + 2, 1)};
                    Link.Transfer t = link.serverToClient(parts);
                    assertArrayEquals(Bytes.concat(parts), t.received());
                    for (Frame f : t.wire()) {
                        assertEquals(FrameHeader.RSV1, f.rsv(), f.toString());
                    }
                    assertArrayEquals(Bytes.concat(parts), link.clientToServer(parts).received());
                }
            }
        }
    }

    @Test
    void framesBelowTheThresholdGoOutUncompressedOneByOne() throws Exception {
        DeflateFrame config = DeflateFrame.builder().compressionThreshold(100).build();
        try (Link link = Link.negotiate(config, config)) {
            Link.Transfer t = link.serverToClient(Bytes.text(1, 500), Bytes.text(2, 10), Bytes.text(3, 500));
            assertEquals(FrameHeader.RSV1, t.wire().get(0).rsv());
            assertEquals(0, t.wire().get(1).rsv());
            assertArrayEquals(Bytes.text(2, 10), t.wire().get(1).payloadBytes());
            assertEquals(FrameHeader.RSV1, t.wire().get(2).rsv());
            assertArrayEquals(Bytes.concat(Bytes.text(1, 500), Bytes.text(2, 10), Bytes.text(3, 500)), t.received());
        }
    }

    @Test
    void contextTakeoverRunsFromFrameToFrameUnlessAsked() throws Exception {
        byte[] text = Bytes.text(4, 2000);
        try (Link with = Link.negotiate(PLAIN, PLAIN); Link without = Link.negotiate(ASKING, ASKING)) {
            with.serverToClient(text);
            without.serverToClient(text);
            int repeatWith = with.serverToClient(text).first().length();
            int repeatWithout = without.serverToClient(text).first().length();
            assertTrue(repeatWith < text.length / 50, "with takeover: " + repeatWith);
            assertTrue(repeatWithout > 5 * repeatWith, "without: " + repeatWithout);
        }
    }

    @Test
    void emptyFramesAndControlFrames() throws Exception {
        try (Link link = Link.negotiate(PLAIN, PLAIN)) {
            Link.Transfer t = link.serverToClient(new byte[0]);
            assertArrayEquals(Bytes.hex("0x00"), t.first().payloadBytes());
            assertEquals(0, t.received().length);
            Frame ping = Frame.ping(utf8("ping"));
            assertSame(ping, link.server().encode(ping));
            assertSame(ping, link.client().decode(ping, 10));
            Frame plain = new Frame(true, 0, Opcode.TEXT, ByteBuffer.wrap(utf8("plain")));
            assertSame(plain, link.client().decode(plain, 10));
        }
    }

    @Test
    void badDataAndOversizeFrames() throws Exception {
        try (Link link = Link.negotiate(PLAIN, PLAIN)) {
            ProtocolException bad = assertThrows(ProtocolException.class, () -> link.client().decode(
                    new Frame(true, FrameHeader.RSV1, Opcode.TEXT, ByteBuffer.wrap(Bytes.hex("0xff 0xff"))), 100));
            assertEquals(CloseCode.INVALID_PAYLOAD, bad.closeCode());
        }
        try (Link link = Link.negotiate(PLAIN, PLAIN)) {
            ProtocolException big = assertThrows(ProtocolException.class,
                    () -> link.client().decode(Frame.binary(new byte[11]), 10));
            assertEquals(CloseCode.MESSAGE_TOO_BIG, big.closeCode());
        }
    }
}

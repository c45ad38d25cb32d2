package io.wspy.extensions.example;

import io.wspy.extensions.DeflateFrame;
import io.wspy.extensions.PerMessageDeflate;
import io.wspy.frame.CloseCode;
import io.wspy.frame.Frame;
import io.wspy.frame.FrameHeader;
import io.wspy.frame.Opcode;
import io.wspy.frame.ProtocolException;
import io.wspy.frame.WebSocketException;
import io.wspy.frame.extension.Extension;
import io.wspy.frame.extension.ExtensionChain;
import io.wspy.frame.extension.ExtensionException;
import io.wspy.frame.extension.ExtensionFactory;
import io.wspy.frame.extension.ExtensionNegotiation;
import io.wspy.frame.extension.ExtensionParameters;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A third-party extension (the toy {@link XorMask}, RSV2) next to permessage-deflate (RSV1) in one
 * chain: the negotiated order decides which transformation is applied first, and extensions that
 * claim the same RSV bit are kept apart.
 */
class ComposingExtensionsTest {
    private static final int KEY = 0x5a;
    private static final byte[] MESSAGE = ("composition order matters: ".repeat(40)).getBytes(StandardCharsets.UTF_8);

    private static PerMessageDeflate deflate() {
        return PerMessageDeflate.builder().compressionThreshold(0).build();
    }

    private static XorMask xor() {
        return new XorMask("x-xor", FrameHeader.RSV2, KEY);
    }

    /** Negotiates like a handshake; returns {client chain, server chain}. */
    private static ExtensionChain[] negotiate(List<ExtensionFactory> client, List<ExtensionFactory> server)
            throws WebSocketException {
        String offer = ExtensionNegotiation.offerHeader(client);
        ExtensionChain serverChain = ExtensionNegotiation.negotiate(server, offer);
        return new ExtensionChain[] {ExtensionNegotiation.acceptResponse(client, serverChain.responseHeader()),
            serverChain};
    }

    private static byte[] inflate(byte[] payload) throws DataFormatException {
        Inflater inflater = new Inflater(true);
        inflater.setInput(ByteBuffer.allocate(payload.length + 4).put(payload).put(new byte[] {0, 0, -1, -1}).flip());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        int n;
        while ((n = inflater.inflate(buffer)) > 0) {
            out.write(buffer, 0, n);
        }
        inflater.end();
        return out.toByteArray();
    }

    @Test
    void deflateThenMaskWhenDeflateIsOfferedFirst() throws Exception {
        List<ExtensionFactory> factories = List.of(deflate(), xor());
        ExtensionChain[] chains = negotiate(factories, factories);
        assertEquals("permessage-deflate, x-xor; key=5a", chains[1].responseHeader());
        Frame wire = chains[0].encode(Frame.binary(MESSAGE));
        assertEquals(FrameHeader.RSV1 | FrameHeader.RSV2, wire.rsv());
        // The mask went on last, so it comes off first, leaving DEFLATE data.
        assertArrayEquals(MESSAGE, inflate(XorMask.xor(wire.payloadBytes(), KEY)));
        assertArrayEquals(MESSAGE, chains[1].decode(wire, Long.MAX_VALUE).payloadBytes());
        closeAll(chains);
    }

    @Test
    void maskThenDeflateWhenTheMaskIsOfferedFirst() throws Exception {
        List<ExtensionFactory> factories = List.of(xor(), deflate());
        ExtensionChain[] chains = negotiate(factories, factories);
        assertEquals("x-xor; key=5a, permessage-deflate", chains[1].responseHeader());
        Frame wire = chains[0].encode(Frame.binary(MESSAGE));
        assertEquals(FrameHeader.RSV1 | FrameHeader.RSV2, wire.rsv());
        assertArrayEquals(XorMask.xor(MESSAGE, KEY), inflate(wire.payloadBytes()));
        assertArrayEquals(MESSAGE, chains[1].decode(wire, Long.MAX_VALUE).payloadBytes());
        closeAll(chains);
    }

    @Test
    void composedChainsCarryFragmentedMessagesBothWays() throws Exception {
        for (List<ExtensionFactory> factories : List.of(List.<ExtensionFactory>of(deflate(), xor()),
                List.<ExtensionFactory>of(xor(), deflate()))) {
            ExtensionChain[] chains = negotiate(factories, factories);
            for (int round = 0; round < 3; round++) {
                for (int from = 0; from < 2; from++) {
                    ByteArrayOutputStream received = new ByteArrayOutputStream();
                    int[] cuts = {0, 100, 101, 700, MESSAGE.length};
                    for (int i = 0; i + 1 < cuts.length; i++) {
                        boolean last = i + 2 == cuts.length;
                        Frame f = new Frame(last, 0, i == 0 ? Opcode.TEXT : Opcode.CONTINUATION,
                                ByteBuffer.wrap(MESSAGE, cuts[i], cuts[i + 1] - cuts[i]));
                        Frame wire = chains[from].encode(f);
                        assertEquals(i == 0 ? FrameHeader.RSV1 | FrameHeader.RSV2 : 0, wire.rsv());
                        Frame decoded = chains[1 - from].decode(wire, Long.MAX_VALUE);
                        assertEquals(0, decoded.rsv());
                        received.writeBytes(decoded.payloadBytes());
                    }
                    assertArrayEquals(MESSAGE, received.toByteArray());
                }
            }
            closeAll(chains);
        }
    }

    @Test
    void theChainReportsPerMessageRsvBitsForTheConnectionToEnforce() throws Exception {
        List<ExtensionFactory> factories = List.of(deflate(), xor());
        ExtensionChain[] chains = negotiate(factories, factories);
        assertEquals(FrameHeader.RSV1 | FrameHeader.RSV2, chains[0].rsvBits());
        assertEquals(FrameHeader.RSV1 | FrameHeader.RSV2, chains[0].perMessageRsvBits());
        closeAll(chains);

        List<ExtensionFactory> perFrame = List.of(DeflateFrame.builder().build(), xor());
        ExtensionChain[] mixed = negotiate(perFrame, perFrame);
        assertEquals(FrameHeader.RSV1 | FrameHeader.RSV2, mixed[0].rsvBits());
        assertEquals(FrameHeader.RSV2, mixed[0].perMessageRsvBits(), "deflate-frame may set RSV1 on any frame");
        closeAll(mixed);
    }

    @Test
    void theServerDeclinesAnOfferWhoseRsvBitIsTaken() throws Exception {
        XorMask hog = new XorMask("x-rsv1-hog", FrameHeader.RSV1, KEY);
        List<ExtensionFactory> factories = List.of(deflate(), hog);
        ExtensionChain[] chains = negotiate(factories, factories);
        assertEquals("permessage-deflate", chains[1].responseHeader());
        closeAll(chains);

        List<ExtensionFactory> hogFirst = List.of(hog, deflate());
        ExtensionChain[] other = negotiate(hogFirst, hogFirst);
        assertEquals("x-rsv1-hog; key=5a", other[1].responseHeader());
        closeAll(other);
    }

    @Test
    void permessageDeflateAndDeflateFrameNeverTogether() throws Exception {
        List<ExtensionFactory> both = List.of(deflate(), DeflateFrame.builder().build());
        ExtensionChain[] chains = negotiate(both, both);
        assertEquals("permessage-deflate", chains[1].responseHeader());
        closeAll(chains);
    }

    @Test
    void theClientFailsAServerThatAcceptsTwoExtensionsWithOneRsvBit() {
        XorMask hog = new XorMask("x-rsv1-hog", FrameHeader.RSV1, KEY);
        ExtensionException e = assertThrows(ExtensionException.class, () -> ExtensionNegotiation.acceptResponse(
                List.of(deflate(), hog), "permessage-deflate, x-rsv1-hog; key=5a"));
        assertTrue(e.getMessage().contains("conflicting"), e.getMessage());
    }

    @Test
    void aChainRefusesExtensionsThatShareAnRsvBit() throws Exception {
        Extension deflate = deflate().acceptOffer(ExtensionParameters.of("permessage-deflate"));
        Extension hog = new XorMask("x-rsv1-hog", FrameHeader.RSV1, KEY)
                .acceptOffer(ExtensionParameters.parseHeader("x-rsv1-hog; key=01").get(0));
        assertThrows(IllegalArgumentException.class, () -> new ExtensionChain(List.of(deflate, hog)));
        deflate.close();
    }

    @Test
    void theToyExtensionEnforcesItsOwnRules() throws Exception {
        Extension masking = xor().acceptOffer(ExtensionParameters.parseHeader("x-xor; key=5a").get(0));
        masking.decode(new Frame(false, FrameHeader.RSV2, Opcode.TEXT, ByteBuffer.wrap(new byte[] {1})), 10);
        ProtocolException e = assertThrows(ProtocolException.class, () -> masking.decode(
                new Frame(true, FrameHeader.RSV2, Opcode.CONTINUATION, ByteBuffer.wrap(new byte[] {1})), 10));
        assertEquals(CloseCode.PROTOCOL_ERROR, e.closeCode());
    }

    private static void closeAll(ExtensionChain[] chains) {
        for (ExtensionChain c : chains) {
            c.close();
        }
    }
}

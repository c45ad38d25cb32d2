package io.wspy.frame.extension;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.wspy.frame.FrameHeader.RSV1;
import static io.wspy.frame.FrameHeader.RSV2;
import static io.wspy.frame.FrameHeader.RSV3;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExtensionNegotiationTest {
    // ---- client offer ----

    @Test
    void offerHeaderListsEveryFactorysOffersInOrder() {
        FakeFactory deflate = new FakeFactory(List.of("permessage-deflate"), RSV1, 0, List.of(
                ExtensionParameters.of("permessage-deflate").with("client_max_window_bits", null),
                ExtensionParameters.of("permessage-deflate")));
        FakeFactory other = FakeFactory.of("x-other", RSV2);
        assertEquals("permessage-deflate; client_max_window_bits, permessage-deflate, x-other",
                ExtensionNegotiation.offerHeader(List.of(deflate, other)));
    }

    @Test
    void nothingToOfferIsNoHeader() {
        assertNull(ExtensionNegotiation.offerHeader(List.of()));
        assertNull(ExtensionNegotiation.offerHeader(List.of(new FakeFactory(List.of("quiet"), 0, 0, List.of()))));
    }

    @Test
    void factoriesMustAnswerToDistinctNames() {
        FakeFactory a = FakeFactory.of("same", RSV1);
        FakeFactory b = new FakeFactory(List.of("other", "SAME"), RSV2, 0, List.of());
        assertThrows(IllegalArgumentException.class, () -> ExtensionNegotiation.offerHeader(List.of(a, b)));
        assertThrows(IllegalArgumentException.class, () -> ExtensionNegotiation.negotiate(List.of(a, b), "same"));
        assertThrows(IllegalArgumentException.class, () -> ExtensionNegotiation.acceptResponse(List.of(a, b), "same"));
    }

    @Test
    void factoriesAnswerToTheirNamesIgnoringCase() {
        FakeFactory factory = new FakeFactory(List.of("deflate-frame", "x-webkit-deflate-frame"), RSV1, 0, List.of());
        assertTrue(factory.answersTo("X-WebKit-Deflate-Frame"));
        assertTrue(factory.answersTo("deflate-frame"));
        assertFalse(factory.answersTo("permessage-deflate"));
        assertEquals(0, FakeFactory.of("a", 0).opcodes());
    }

    // ---- server side ----

    @Test
    void serverAcceptsInTheClientsOrder() throws ExtensionException {
        FakeFactory a = FakeFactory.of("a", RSV1);
        FakeFactory b = FakeFactory.of("b", RSV2);
        ExtensionChain chain = ExtensionNegotiation.negotiate(List.of(a, b), "b; p=1, a");
        assertEquals("b; p=1, a", chain.responseHeader());
        assertEquals(RSV1 | RSV2, chain.rsvBits());
    }

    @Test
    void serverUsesEachFactoryOnce() throws ExtensionException {
        FakeFactory a = FakeFactory.of("a", RSV1);
        ExtensionChain chain = ExtensionNegotiation.negotiate(List.of(a), "a; x=1, a; x=2, A");
        assertEquals("a; x=1", chain.responseHeader());
        assertEquals(1, a.created.size(), "the alternatives are not even tried");
    }

    @Test
    void serverTriesTheNextAlternativeAfterADeclinedOffer() throws ExtensionException {
        FakeFactory a = FakeFactory.of("a", RSV1);
        assertEquals("a; x=2", ExtensionNegotiation.negotiate(List.of(a), "a; decline, a; x=2").responseHeader());
        assertTrue(ExtensionNegotiation.negotiate(List.of(a), "a; decline").isEmpty());
    }

    @Test
    void serverIgnoresUnknownExtensionsAndAnswersAliases() throws ExtensionException {
        FakeFactory frame = new FakeFactory(List.of("deflate-frame", "x-webkit-deflate-frame"), RSV1, 0, List.of());
        ExtensionChain chain = ExtensionNegotiation.negotiate(List.of(frame), "unknown; q, x-webkit-deflate-frame");
        assertEquals("x-webkit-deflate-frame", chain.responseHeader());
    }

    @Test
    void serverDeclinesOffersWhoseRsvBitsOrOpcodesClash() throws ExtensionException {
        FakeFactory a = FakeFactory.of("a", RSV1);
        FakeFactory b = FakeFactory.of("b", RSV1 | RSV3);
        FakeFactory c = FakeFactory.of("c", RSV2);
        assertEquals("b, c", ExtensionNegotiation.negotiate(List.of(a, b, c), "b, a, c").responseHeader());
        assertTrue(a.created.isEmpty(), "the clashing factory is not asked");

        FakeFactory x = new FakeFactory(List.of("x"), 0, 1 << 0x3, List.of());
        FakeFactory y = new FakeFactory(List.of("y"), 0, 1 << 0x3 | 1 << 0x4, List.of());
        ExtensionChain chain = ExtensionNegotiation.negotiate(List.of(x, y), "y, x");
        assertEquals("y", chain.responseHeader());
        assertEquals(1 << 0x3 | 1 << 0x4, chain.opcodes());
    }

    @Test
    void serverAcceptsNothingWithoutAHeaderOrFactories() throws ExtensionException {
        assertSame(ExtensionChain.empty(), ExtensionNegotiation.negotiate(List.of(FakeFactory.of("a", RSV1)), null));
        assertSame(ExtensionChain.empty(), ExtensionNegotiation.negotiate(List.of(), "a"));
        assertTrue(ExtensionNegotiation.negotiate(List.of(FakeFactory.of("a", RSV1)), "").isEmpty());
    }

    @Test
    void serverRefusesAMalformedHeader() {
        assertThrows(ExtensionException.class,
                () -> ExtensionNegotiation.negotiate(List.of(FakeFactory.of("a", RSV1)), "a; =1"));
    }

    @Test
    void serverClosesWhatItAcceptedWhenAFactoryFails() {
        FakeFactory a = FakeFactory.of("a", RSV1);
        FakeFactory b = FakeFactory.of("b", RSV2);
        assertThrows(IllegalStateException.class, () -> ExtensionNegotiation.negotiate(List.of(a, b), "a, b; boom"));
        assertEquals(1, a.created.size());
        assertTrue(a.created.get(0).isClosed());
    }

    // ---- client side ----

    @Test
    void clientBuildsTheChainInTheServersOrder() throws ExtensionException {
        FakeFactory a = FakeFactory.of("a", RSV1);
        FakeFactory b = FakeFactory.of("b", RSV2);
        ExtensionChain chain = ExtensionNegotiation.acceptResponse(List.of(a, b), "b, a; p=2");
        assertEquals("b, a; p=2", chain.responseHeader());
        assertEquals(1, a.created.size());
        assertEquals(ExtensionParameters.of("a").with("p", "2"), a.created.get(0).parameters());
    }

    @Test
    void clientAcceptsNothingWithoutAHeader() throws ExtensionException {
        assertSame(ExtensionChain.empty(),
                ExtensionNegotiation.acceptResponse(List.of(FakeFactory.of("a", RSV1)), null));
        assertTrue(ExtensionNegotiation.acceptResponse(List.of(FakeFactory.of("a", RSV1)), "").isEmpty());
    }

    @Test
    void clientRejectsAnExtensionItDidNotOffer() {
        FakeFactory a = FakeFactory.of("a", RSV1);
        ExtensionException e = assertThrows(ExtensionException.class,
                () -> ExtensionNegotiation.acceptResponse(List.of(a), "a, z"));
        assertTrue(e.getMessage().contains("not offered"), e.getMessage());
        assertTrue(a.created.get(0).isClosed(), "what was already created is closed");
        assertThrows(ExtensionException.class, () -> ExtensionNegotiation.acceptResponse(List.of(), "z"));
    }

    @Test
    void clientRejectsANameItDidNotOfferEvenIfAFactoryAnswersToIt() {
        FakeFactory frame = new FakeFactory(List.of("deflate-frame", "x-webkit-deflate-frame"), RSV1, 0,
                List.of(ExtensionParameters.of("x-webkit-deflate-frame")));
        assertEquals("x-webkit-deflate-frame",
                assertDoesNotThrow(() -> ExtensionNegotiation.acceptResponse(List.of(frame), "x-webkit-deflate-frame"))
                        .responseHeader());
        assertThrows(ExtensionException.class,
                () -> ExtensionNegotiation.acceptResponse(List.of(frame), "deflate-frame"));
        FakeFactory silent = new FakeFactory(List.of("silent"), RSV2, 0, List.of());
        assertThrows(ExtensionException.class, () -> ExtensionNegotiation.acceptResponse(List.of(silent), "silent"));
        assertTrue(silent.created.isEmpty());
    }

    @Test
    void clientRejectsAnExtensionAcceptedTwice() {
        FakeFactory frame = new FakeFactory(List.of("deflate-frame", "x-webkit-deflate-frame"), RSV1, 0,
                List.of(ExtensionParameters.of("deflate-frame"), ExtensionParameters.of("x-webkit-deflate-frame")));
        assertThrows(ExtensionException.class,
                () -> ExtensionNegotiation.acceptResponse(List.of(frame), "deflate-frame, deflate-frame"));
        assertThrows(ExtensionException.class,
                () -> ExtensionNegotiation.acceptResponse(List.of(frame), "deflate-frame, x-webkit-deflate-frame"));
        assertEquals(2, frame.created.size());
        assertTrue(frame.created.stream().allMatch(FakeExtension::isClosed));
    }

    @Test
    void clientRejectsConflictingExtensions() {
        FakeFactory a = FakeFactory.of("a", RSV1);
        FakeFactory b = FakeFactory.of("b", RSV1);
        ExtensionException e = assertThrows(ExtensionException.class,
                () -> ExtensionNegotiation.acceptResponse(List.of(a, b), "a, b"));
        assertTrue(e.getMessage().contains("conflicting"), e.getMessage());
        assertTrue(a.created.get(0).isClosed());
        assertTrue(b.created.get(0).isClosed());

        FakeFactory x = new FakeFactory(List.of("x"), 0, 1 << 0xC, List.of());
        FakeFactory y = new FakeFactory(List.of("y"), 0, 1 << 0xC, List.of());
        assertThrows(ExtensionException.class, () -> ExtensionNegotiation.acceptResponse(List.of(x, y), "x, y"));
    }

    @Test
    void clientRejectsParametersItsFactoryRefuses() {
        FakeFactory a = FakeFactory.of("a", RSV1);
        FakeFactory b = FakeFactory.of("b", RSV2);
        assertThrows(ExtensionException.class, () -> ExtensionNegotiation.acceptResponse(List.of(a, b), "a, b; bad"));
        assertTrue(a.created.get(0).isClosed());
        assertTrue(b.created.isEmpty());
    }

    @Test
    void clientClosesWhatItCreatedWhenAFactoryFails() {
        FakeFactory a = FakeFactory.of("a", RSV1);
        FakeFactory b = FakeFactory.of("b", RSV2);
        assertThrows(IllegalStateException.class,
                () -> ExtensionNegotiation.acceptResponse(List.of(a, b), "a, b; boom"));
        assertTrue(a.created.get(0).isClosed());
    }

    @Test
    void clientRejectsAMalformedResponse() {
        assertThrows(ExtensionException.class,
                () -> ExtensionNegotiation.acceptResponse(List.of(FakeFactory.of("a", RSV1)), "a;; b"));
    }
}

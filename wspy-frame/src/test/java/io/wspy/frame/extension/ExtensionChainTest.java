package io.wspy.frame.extension;

import io.wspy.frame.Frame;
import io.wspy.frame.FrameHeader;
import io.wspy.frame.WebSocketException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExtensionChainTest {
    private final List<String> log = new ArrayList<>();

    @Test
    void encodesInNegotiatedOrderAndDecodesInReverse() throws WebSocketException {
        ExtensionChain chain = new ExtensionChain(List.of(extension("a", FrameHeader.RSV1, 0, true),
                extension("b", FrameHeader.RSV2, 0, false), extension("c", 0, 0, true)));
        Frame encoded = chain.encode(Frame.text("x"));
        assertEquals(List.of("a.encode", "b.encode", "c.encode"), log);
        assertEquals("xabc", encoded.payloadText());
        assertEquals(FrameHeader.RSV1 | FrameHeader.RSV2, encoded.rsv());

        log.clear();
        Frame decoded = chain.decode(encoded, 1000);
        assertEquals(List.of("c.decode(1000)", "b.decode(1000)", "a.decode(1000)"), log);
        assertEquals(Frame.text("x"), decoded);
    }

    @Test
    void emptyChainChangesNothing() throws WebSocketException {
        ExtensionChain empty = ExtensionChain.empty();
        assertTrue(empty.isEmpty());
        assertTrue(new ExtensionChain(List.of()).isEmpty());
        assertEquals(0, empty.rsvBits());
        assertEquals(0, empty.opcodes());
        assertEquals(0, empty.perMessageRsvBits());
        assertNull(empty.responseHeader());
        assertEquals("no extensions", empty.toString());
        Frame frame = Frame.binary(new byte[] {1});
        assertSame(frame, empty.encode(frame));
        assertSame(frame, empty.decode(frame, 1));
        empty.close();
    }

    @Test
    void collectsTheBitsTheExtensionsClaim() {
        ExtensionChain chain = new ExtensionChain(List.of(extension("a", FrameHeader.RSV1, 1 << 0x3, true),
                extension("b", FrameHeader.RSV2, 1 << 0xB, false), extension("c", FrameHeader.RSV3, 0, true)));
        assertFalse(chain.isEmpty());
        assertEquals(0b111, chain.rsvBits());
        assertEquals(1 << 0x3 | 1 << 0xB, chain.opcodes());
        assertEquals(FrameHeader.RSV1 | FrameHeader.RSV3, chain.perMessageRsvBits(),
                "only per-message extensions restrict continuation frames");
    }

    @Test
    void refusesTwoExtensionsWithOneName() {
        assertThrows(IllegalArgumentException.class, () -> new ExtensionChain(
                List.of(extension("dup", FrameHeader.RSV1, 0, true), extension("DUP", FrameHeader.RSV2, 0, true))));
    }

    @Test
    void refusesTwoExtensionsClaimingOneRsvBit() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ExtensionChain(
                List.of(extension("a", FrameHeader.RSV1 | FrameHeader.RSV2, 0, true),
                        extension("b", FrameHeader.RSV2, 0, false))));
        assertTrue(e.getMessage().contains("b"), e.getMessage());
    }

    @Test
    void refusesTwoExtensionsClaimingOneOpcode() {
        assertThrows(IllegalArgumentException.class, () -> new ExtensionChain(
                List.of(extension("a", 0, 1 << 0x4 | 1 << 0x5, true), extension("b", 0, 1 << 0x5, true))));
    }

    @Test
    void extensionsWithoutRsvBitsDoNotConflict() {
        ExtensionChain chain = new ExtensionChain(List.of(extension("a", 0, 0, true), extension("b", 0, 0, true)));
        assertEquals(2, chain.extensions().size());
        assertEquals(0, chain.rsvBits());
    }

    @Test
    void keepsItsOwnCopyOfTheList() {
        List<Extension> extensions = new ArrayList<>(List.of(extension("a", 0, 0, true)));
        ExtensionChain chain = new ExtensionChain(extensions);
        extensions.add(extension("b", 0, 0, true));
        assertEquals(1, chain.extensions().size());
        assertThrows(UnsupportedOperationException.class, () -> chain.extensions().clear());
    }

    @Test
    void responseHeaderListsTheElementsInOrder() {
        FakeExtension a = new FakeExtension(ExtensionParameters.of("a").with("p", "1"), FrameHeader.RSV1, 0, true, log);
        ExtensionChain chain = new ExtensionChain(List.of(a, extension("b", 0, 0, true)));
        assertEquals("a; p=1, b", chain.responseHeader());
        assertEquals("a; p=1, b", chain.toString());
    }

    @Test
    void closeClosesEveryExtension() {
        FakeExtension a = extension("a", FrameHeader.RSV1, 0, true);
        FakeExtension b = extension("b", FrameHeader.RSV2, 0, true);
        new ExtensionChain(List.of(a, b)).close();
        assertTrue(a.isClosed());
        assertTrue(b.isClosed());
    }

    @Test
    void defaultOpcodesAreNone() throws WebSocketException {
        Extension plain = new Extension() {
            @Override
            public ExtensionParameters parameters() {
                return ExtensionParameters.of("plain");
            }

            @Override
            public int rsvBits() {
                return 0;
            }

            @Override
            public boolean perMessage() {
                return false;
            }

            @Override
            public Frame encode(Frame frame) {
                return frame;
            }

            @Override
            public Frame decode(Frame frame, long maxPayload) {
                return frame;
            }

            @Override
            public void close() {
            }
        };
        assertEquals(0, plain.opcodes());
        assertArrayEquals(new byte[0], new ExtensionChain(List.of(plain)).decode(Frame.binary(new byte[0]), 0)
                .payloadBytes());
    }

    private FakeExtension extension(String name, int rsv, int opcodes, boolean perMessage) {
        return new FakeExtension(ExtensionParameters.of(name), rsv, opcodes, perMessage, log);
    }
}

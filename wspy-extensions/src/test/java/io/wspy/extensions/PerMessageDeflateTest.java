package io.wspy.extensions;

import io.wspy.frame.CloseCode;
import io.wspy.frame.Frame;
import io.wspy.frame.FrameHeader;
import io.wspy.frame.Opcode;
import io.wspy.frame.ProtocolException;
import io.wspy.frame.extension.ExtensionChain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.Deflater;

import static io.wspy.extensions.Bytes.hex;
import static io.wspy.extensions.Bytes.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Messages through permessage-deflate: round trips, fragments, empty messages, the threshold, errors. */
class PerMessageDeflateTest {
    private static PerMessageDeflate.Builder everything() {
        return PerMessageDeflate.builder().compressionThreshold(0);
    }

    private static Link link(PerMessageDeflate.Builder client, PerMessageDeflate.Builder server) throws Exception {
        return Link.negotiate(client.build(), server.build());
    }

    @ParameterizedTest(name = "lean={0}")
    @ValueSource(booleans = {false, true})
    void manyMessagesOfManySizesRoundTripBothWays(boolean lean) throws Exception {
        PerMessageDeflate.Builder b = lean ? everything().lean() : everything();
        try (Link link = link(b, b)) {
            int[] sizes = {0, 1, 5, 100, 1000, 16 * 1024, 70 * 1024, 300 * 1024};
            for (int round = 0; round < 2; round++) {
                for (int size : sizes) {
                    byte[] text = Bytes.text(size + round, size);
                    byte[] random = Bytes.random(size + round, size);
                    assertArrayEquals(text, link.clientToServer(text).received());
                    assertArrayEquals(text, link.serverToClient(text).received());
                    assertArrayEquals(random, link.clientToServer(random).received());
                    assertArrayEquals(random, link.serverToClient(random).received());
                }
            }
        }
    }

    @Test
    void everyLevelRoundTrips() throws Exception {
        byte[] text = Bytes.text(5, 20000);
        for (int level = -1; level <= 9; level++) {
            try (Link link = link(everything().compressionLevel(level), everything().compressionLevel(level))) {
                Link.Transfer t = link.serverToClient(text);
                assertArrayEquals(text, t.received());
                if (level != 0) {
                    assertTrue(t.first().length() < text.length / 2, "level " + level);
                }
            }
        }
    }

    @Test
    void contextTakeoverMakesARepeatedMessageTiny() throws Exception {
        byte[] text = Bytes.text(9, 2000);
        try (Link ratio = link(everything(), everything()); Link lean = link(everything().lean(), everything())) {
            ratio.serverToClient(text);
            lean.serverToClient(text);
            int withContext = ratio.serverToClient(text).first().length();
            int withoutContext = lean.serverToClient(text).first().length();
            assertTrue(withContext < text.length / 50, "repeat with context takeover: " + withContext);
            assertTrue(withoutContext > 5 * withContext, "repeat without: " + withoutContext);
        }
    }

    @Test
    void compressedMessageSplitIntoFramesByTheSender() throws Exception {
        byte[][] parts = {Bytes.text(1, 3000), new byte[0], Bytes.text(2, 1), Bytes.text(3, 5000)};
        for (boolean lean : new boolean[] {false, true}) {
            PerMessageDeflate.Builder b = lean ? everything().lean() : everything();
            try (Link link = link(b, b)) {
                for (int round = 0; round < 3; round++) {
                    Link.Transfer t = link.clientToServer(parts);
                    assertArrayEquals(Bytes.concat(parts), t.received());
                    assertEquals(FrameHeader.RSV1, t.wire().get(0).rsv(), "RSV1 on the first frame");
                    for (int i = 1; i < parts.length; i++) {
                        assertEquals(0, t.wire().get(i).rsv(), "no RSV bits on continuation frames");
                        assertEquals(Opcode.CONTINUATION, t.wire().get(i).opcode());
                    }
                }
            }
        }
    }

    @Test
    void compressedMessageSplitAnywhereOnTheWire() throws Exception {
        byte[] text = Bytes.text(4, 10000);
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        deflater.setInput(text);
        byte[] compressed = new byte[text.length];
        int n = deflater.deflate(compressed, 0, compressed.length, Deflater.SYNC_FLUSH) - 4;
        deflater.end();
        for (int cut : new int[] {1, 2, n / 2, n - 2, n - 1}) {
            try (Link link = link(everything(), everything())) {
                Frame first = new Frame(false, FrameHeader.RSV1, Opcode.TEXT, ByteBuffer.wrap(compressed, 0, cut));
                Frame last = new Frame(true, 0, Opcode.CONTINUATION, ByteBuffer.wrap(compressed, cut, n - cut));
                byte[] a = link.client().decode(first, Long.MAX_VALUE).payloadBytes();
                byte[] b = link.client().decode(last, Long.MAX_VALUE).payloadBytes();
                assertArrayEquals(text, Bytes.concat(a, b), "cut at " + cut);
            }
        }
    }

    @Test
    void emptyMessagesInAndAroundOthers() throws Exception {
        for (boolean lean : new boolean[] {false, true}) {
            PerMessageDeflate.Builder b = lean ? everything().lean() : everything();
            try (Link link = link(b, b)) {
                for (int i = 0; i < 3; i++) {
                    Link.Transfer empty = link.serverToClient(new byte[0]);
                    assertEquals(0, empty.received().length);
                    assertArrayEquals(hex("0x00"), empty.first().payloadBytes());
                    assertEquals(FrameHeader.RSV1, empty.first().rsv());
                    assertArrayEquals(utf8("Hello"), link.serverToClient(utf8("Hello")).received());
                }
                Link.Transfer emptyFragments = link.serverToClient(new byte[0], new byte[0]);
                assertEquals(0, emptyFragments.received().length);
            }
        }
    }

    @Test
    void aCompressedMessageWithoutAnyByteIsEmptyAndLeavesTheStreamIntact() throws Exception {
        try (Link link = link(everything(), everything())) {
            ExtensionChain client = link.client();
            assertEquals(0, client.decode(new Frame(true, FrameHeader.RSV1, Opcode.TEXT, ByteBuffer.allocate(0)),
                    100).length());
            assertArrayEquals(utf8("Hello"), client.decode(new Frame(true, FrameHeader.RSV1, Opcode.TEXT,
                    ByteBuffer.wrap(hex("0xf2 0x48 0xcd 0xc9 0xc9 0x07 0x00"))), 100).payloadBytes());
            assertArrayEquals(utf8("Hello"), client.decode(new Frame(true, FrameHeader.RSV1, Opcode.TEXT,
                    ByteBuffer.wrap(hex("0xf2 0x00 0x11 0x00 0x00"))), 100).payloadBytes());
        }
    }

    @Test
    void messagesBelowTheThresholdGoOutUncompressed() throws Exception {
        PerMessageDeflate.Builder b = PerMessageDeflate.builder().compressionThreshold(100);
        try (Link link = link(b, b)) {
            byte[] small = Bytes.text(1, 99);
            Link.Transfer t = link.serverToClient(small);
            assertEquals(0, t.first().rsv());
            assertArrayEquals(small, t.first().payloadBytes(), "sent as is");
            assertArrayEquals(small, t.received());

            byte[] large = Bytes.text(1, 100);
            t = link.serverToClient(large);
            assertEquals(FrameHeader.RSV1, t.first().rsv());
            assertArrayEquals(large, t.received());

            // A message in several frames is compressed however small its first frame.
            t = link.serverToClient(Bytes.text(2, 3), Bytes.text(3, 3));
            assertEquals(FrameHeader.RSV1, t.first().rsv());
            assertArrayEquals(Bytes.concat(Bytes.text(2, 3), Bytes.text(3, 3)), t.received());
        }
    }

    @Test
    void defaultThresholdLeavesTinyMessagesAlone() throws Exception {
        try (Link link = link(PerMessageDeflate.builder(), PerMessageDeflate.builder())) {
            assertEquals(0, link.serverToClient(utf8("Hello")).first().rsv());
            assertEquals(FrameHeader.RSV1, link.serverToClient(Bytes.text(1, 64)).first().rsv());
        }
    }

    @Test
    void uncompressedMessagesPassThroughTheDecoder() throws Exception {
        try (Link link = link(everything(), everything())) {
            Frame plain = Frame.text("plain");
            assertSame(plain, link.client().decode(plain, 100));
            Frame first = new Frame(false, 0, Opcode.BINARY, ByteBuffer.wrap(utf8("ab")));
            Frame next = new Frame(true, 0, Opcode.CONTINUATION, ByteBuffer.wrap(utf8("cd")));
            assertSame(first, link.client().decode(first, 100));
            assertSame(next, link.client().decode(next, 100));
        }
    }

    @Test
    void controlFramesAreNeverTouched() throws Exception {
        try (Link link = link(everything(), everything())) {
            Frame ping = Frame.ping(Bytes.text(1, 100));
            assertSame(ping, link.server().encode(ping));
            assertSame(ping, link.client().decode(ping, 10));
            Frame close = Frame.close(CloseCode.NORMAL_CLOSURE, "bye");
            assertSame(close, link.server().encode(close));
            // A control frame between the frames of a compressed message changes nothing.
            Frame first = Link.copy(link.server().encode(new Frame(false, 0, Opcode.TEXT,
                    ByteBuffer.wrap(Bytes.text(1, 500)))));
            Frame last = Link.copy(link.server().encode(new Frame(true, 0, Opcode.CONTINUATION,
                    ByteBuffer.wrap(Bytes.text(2, 500)))));
            byte[] a = link.client().decode(first, Long.MAX_VALUE).payloadBytes();
            assertSame(ping, link.client().decode(ping, 10));
            byte[] b = link.client().decode(last, Long.MAX_VALUE).payloadBytes();
            assertArrayEquals(Bytes.concat(Bytes.text(1, 500), Bytes.text(2, 500)), Bytes.concat(a, b));
        }
    }

    @Test
    void otherRsvBitsAndTheMaskingKeySurvive() throws Exception {
        try (Link link = link(everything(), everything())) {
            Frame frame = new Frame(true, FrameHeader.RSV3, Opcode.BINARY, ByteBuffer.wrap(Bytes.text(1, 300)))
                    .withMaskingKey(0x12345678);
            Frame encoded = link.client().extensions().get(0).encode(frame);
            assertEquals(FrameHeader.RSV1 | FrameHeader.RSV3, encoded.rsv());
            assertEquals(0x12345678, encoded.maskingKey());
            Frame decoded = link.server().extensions().get(0).decode(encoded, 1000);
            assertEquals(FrameHeader.RSV3, decoded.rsv());
            assertArrayEquals(Bytes.text(1, 300), decoded.payloadBytes());
        }
    }

    @Test
    void rsv1OnAContinuationFrameIsAProtocolError() throws Exception {
        try (Link link = link(everything(), everything())) {
            link.client().decode(new Frame(false, FrameHeader.RSV1, Opcode.TEXT,
                    ByteBuffer.wrap(hex("0xf2 0x48 0xcd"))), 100);
            ProtocolException e = assertThrows(ProtocolException.class, () -> link.client().decode(new Frame(
                    true, FrameHeader.RSV1, Opcode.CONTINUATION, ByteBuffer.wrap(hex("0xc9 0xc9 0x07 0x00"))), 100));
            assertEquals(CloseCode.PROTOCOL_ERROR, e.closeCode());
        }
    }

    @Test
    void rsv1OnAContinuationOfAnUncompressedMessageIsAProtocolErrorToo() throws Exception {
        try (Link link = link(everything(), everything())) {
            link.client().decode(new Frame(false, 0, Opcode.TEXT, ByteBuffer.wrap(utf8("ab"))), 100);
            ProtocolException e = assertThrows(ProtocolException.class, () -> link.client().decode(
                    new Frame(true, FrameHeader.RSV1, Opcode.CONTINUATION, ByteBuffer.wrap(utf8("cd"))), 100));
            assertEquals(CloseCode.PROTOCOL_ERROR, e.closeCode());
        }
    }

    @Test
    void framesOutOfMessageOrderAreProtocolErrors() throws Exception {
        try (Link link = link(everything(), everything())) {
            ProtocolException orphan = assertThrows(ProtocolException.class, () -> link.client().decode(
                    new Frame(true, 0, Opcode.CONTINUATION, ByteBuffer.wrap(utf8("x"))), 100));
            assertEquals(CloseCode.PROTOCOL_ERROR, orphan.closeCode());
            link.client().decode(new Frame(false, 0, Opcode.TEXT, ByteBuffer.wrap(utf8("a"))), 100);
            ProtocolException interleaved = assertThrows(ProtocolException.class,
                    () -> link.client().decode(Frame.text("b"), 100));
            assertEquals(CloseCode.PROTOCOL_ERROR, interleaved.closeCode());
        }
    }

    @ParameterizedTest(name = "lean={0}")
    @ValueSource(booleans = {false, true})
    void dataThatDoesNotInflateIsInvalidPayload(boolean lean) throws Exception {
        PerMessageDeflate.Builder b = lean ? everything().lean() : everything();
        try (Link link = link(b, b)) {
            // BTYPE 11 is reserved in DEFLATE.
            ProtocolException e = assertThrows(ProtocolException.class, () -> link.client().decode(
                    new Frame(true, FrameHeader.RSV1, Opcode.BINARY, ByteBuffer.wrap(hex("0xff 0xff 0xff"))), 100));
            assertEquals(CloseCode.INVALID_PAYLOAD, e.closeCode());
        }
    }

    @Test
    void uncompressedMessagesStillRespectTheLimit() throws Exception {
        try (Link link = link(everything(), everything())) {
            ProtocolException e = assertThrows(ProtocolException.class,
                    () -> link.client().decode(Frame.binary(new byte[101]), 100));
            assertEquals(CloseCode.MESSAGE_TOO_BIG, e.closeCode());
        }
    }

    @Test
    void theLimitIsThePayloadAllowanceOfEachCall() throws Exception {
        byte[] text = Bytes.text(6, 4000);
        try (Link link = link(everything(), everything())) {
            Frame wire = Link.copy(link.server().encode(Frame.binary(text)));
            assertArrayEquals(text, link.client().decode(wire, text.length).payloadBytes(), "exactly at the limit");
        }
        try (Link link = link(everything(), everything())) {
            Frame wire = Link.copy(link.server().encode(Frame.binary(text)));
            ProtocolException e = assertThrows(ProtocolException.class,
                    () -> link.client().decode(wire, text.length - 1));
            assertEquals(CloseCode.MESSAGE_TOO_BIG, e.closeCode());
        }
    }

    @Test
    void aReturnedFrameStaysValidUntilTheNextCall() throws Exception {
        try (Link link = link(everything(), everything())) {
            byte[] a = Bytes.text(1, 1000);
            byte[] b = Bytes.text(2, 1000);
            Frame first = link.server().encode(Frame.binary(a));
            byte[] firstWire = first.payloadBytes();
            Frame decodedA = link.client().decode(Link.copy(first), 5000);
            Frame second = link.server().encode(Frame.binary(b));
            assertArrayEquals(a, decodedA.payloadBytes(), "decode's result survives an encode");
            assertFalse(Arrays.equals(firstWire, second.payloadBytes()));
            assertArrayEquals(b, link.client().decode(second, 5000).payloadBytes());
        }
    }

    @Test
    void heapAndDirectPayloadsAlike() throws Exception {
        byte[] text = Bytes.text(8, 3000);
        try (Link link = link(everything(), everything())) {
            ByteBuffer direct = ByteBuffer.allocateDirect(text.length).put(text).flip();
            Frame wire = link.server().encode(Frame.binary(direct));
            ByteBuffer directWire = ByteBuffer.allocateDirect(wire.length()).put(wire.payload()).flip();
            Frame decoded = link.client().decode(new Frame(true, wire.rsv(), wire.opcode(), directWire), 10000);
            assertArrayEquals(text, decoded.payloadBytes());
        }
    }
}

package io.wspy.frame;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static io.wspy.frame.TestBytes.concat;
import static io.wspy.frame.TestBytes.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrameTest {
    private static final byte[] HELLO = "Hello".getBytes(StandardCharsets.US_ASCII);

    @Test
    void textFrameCarriesUtf8AndIsAFinalUnmaskedDataFrame() {
        String kosme = "\u03ba\u1f79\u03c3\u03bc\u03b5";
        Frame frame = Frame.text(kosme);
        assertEquals(Opcode.TEXT, frame.opcode());
        assertTrue(frame.fin());
        assertEquals(0, frame.rsv());
        assertFalse(frame.isMasked());
        assertEquals(0, frame.maskingKey());
        assertFalse(frame.isControl());
        assertArrayEquals(hex("ce ba e1 bd b9 cf 83 ce bc ce b5"), frame.payloadBytes());
        assertEquals(11, frame.length());
        assertEquals(11L, frame.payloadLength());
        assertEquals(kosme, frame.payloadText());
    }

    @Test
    void binaryFramesFromArraysAndBuffers() {
        Frame fromArray = Frame.binary(new byte[] {1, 2, 3});
        assertEquals(Opcode.BINARY, fromArray.opcode());
        assertArrayEquals(new byte[] {1, 2, 3}, fromArray.payloadBytes());

        ByteBuffer source = ByteBuffer.wrap(new byte[] {9, 8, 7, 6, 5});
        source.position(1).limit(4);
        Frame fromBuffer = Frame.binary(source);
        assertArrayEquals(new byte[] {8, 7, 6}, fromBuffer.payloadBytes());
        assertEquals(1, source.position(), "the source buffer's position is not consumed");
        assertEquals(fromArray.withPayload(ByteBuffer.wrap(new byte[] {8, 7, 6})), fromBuffer);
    }

    @Test
    void payloadIsAReadOnlyViewAtPositionZero() {
        Frame frame = Frame.binary(ByteBuffer.wrap(new byte[] {0, 1, 2, 3}).position(2));
        ByteBuffer view = frame.payload();
        assertTrue(view.isReadOnly());
        assertEquals(0, view.position());
        assertEquals(2, view.remaining());
        assertThrows(ReadOnlyBufferException.class, () -> view.put(0, (byte) 7));
        view.get();
        assertEquals(0, frame.payload().position(), "each call returns an independent view");
        assertEquals(2, frame.length());
    }

    @Test
    void payloadWrapsWithoutCopying() {
        byte[] data = {1, 2, 3};
        Frame frame = Frame.binary(data);
        data[0] = 42;
        assertEquals(42, frame.payload().get(0), "the caller hands the bytes over");
        byte[] copy = frame.payloadBytes();
        copy[1] = 99;
        assertEquals(2, frame.payload().get(1), "payloadBytes() is a copy");
    }

    @Test
    void controlFactories() {
        Frame ping = Frame.ping();
        assertEquals(Opcode.PING, ping.opcode());
        assertEquals(0, ping.length());
        assertTrue(ping.isControl());
        assertTrue(ping.fin());

        assertArrayEquals(HELLO, Frame.ping(HELLO).payloadBytes());
        Frame pong = Frame.pong(HELLO);
        assertEquals(Opcode.PONG, pong.opcode());
        assertArrayEquals(HELLO, pong.payloadBytes());

        Frame close = Frame.close();
        assertEquals(Opcode.CLOSE, close.opcode());
        assertEquals(0, close.length());
    }

    @Test
    void controlPayloadLimitIs125Bytes() {
        assertEquals(125, Frame.ping(new byte[125]).length());
        assertEquals(125, Frame.pong(new byte[125]).length());
        assertThrows(IllegalArgumentException.class, () -> Frame.ping(new byte[126]));
        assertThrows(IllegalArgumentException.class, () -> Frame.pong(new byte[126]));
    }

    @Test
    void closeFactoriesEncodeTheStatus() throws ProtocolException {
        Frame close = Frame.close(CloseCode.GOING_AWAY, "bye");
        assertEquals(Opcode.CLOSE, close.opcode());
        assertArrayEquals(concat(hex("03 e9"), "bye".getBytes(StandardCharsets.UTF_8)), close.payloadBytes());
        assertEquals(new CloseStatus(1001, "bye"), close.closeStatus());
        assertEquals(CloseStatus.of(4000), Frame.close(CloseStatus.of(4000)).closeStatus());
        assertEquals(CloseStatus.NO_STATUS, Frame.close().closeStatus());

        String longest = "r".repeat(CloseStatus.MAX_REASON_BYTES);
        assertEquals(125, Frame.close(1000, longest).length());
        assertThrows(IllegalArgumentException.class, () -> Frame.close(1000, longest + "r"));
        assertThrows(IllegalArgumentException.class, () -> Frame.close(1005, "local only"));
        assertThrows(IllegalArgumentException.class, () -> Frame.close(999, ""));
    }

    @Test
    void closeStatusOfOtherFramesAndBadPayloads() {
        assertThrows(IllegalStateException.class, () -> Frame.text("x").closeStatus());
        Frame oneByte = new Frame(Opcode.CLOSE, new byte[] {3});
        ProtocolException e = assertThrows(ProtocolException.class, oneByte::closeStatus);
        assertEquals(CloseCode.PROTOCOL_ERROR, e.closeCode());
    }

    @Test
    void framesMayBreakTheRulesForTooling() {
        Frame fragmentedPing = new Frame(false, FrameHeader.RSV1, Opcode.PING, ByteBuffer.allocate(200));
        assertFalse(fragmentedPing.fin());
        assertEquals(200, fragmentedPing.length());
        assertEquals(0x3, new Frame(0x3, new byte[0]).opcode());
        assertEquals(0xF, new Frame(0xF, new byte[0]).opcode());
    }

    @Test
    void constructorRejectsOutOfRangeFields() {
        assertThrows(IllegalArgumentException.class, () -> new Frame(16, new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> new Frame(-1, new byte[0]));
        assertThrows(IllegalArgumentException.class,
                () -> new Frame(true, 8, Opcode.TEXT, ByteBuffer.allocate(0)));
        assertThrows(IllegalArgumentException.class,
                () -> new Frame(true, -1, Opcode.TEXT, ByteBuffer.allocate(0)));
        assertThrows(NullPointerException.class, () -> new Frame(Opcode.TEXT, (ByteBuffer) null));
    }

    @Test
    void withersChangeOneFieldAndKeepTheRest() {
        Frame base = Frame.binary(new byte[] {1, 2}).withMaskingKey(0x01020304).withRsv(FrameHeader.RSV2);

        Frame notFinal = base.withFin(false);
        assertFalse(notFinal.fin());
        assertEquals(FrameHeader.RSV2, notFinal.rsv());
        assertEquals(0x01020304, notFinal.maskingKey());
        assertTrue(notFinal.isMasked());

        Frame rsv = base.withRsv(FrameHeader.RSV1 | FrameHeader.RSV3);
        assertEquals(0b101, rsv.rsv());
        assertThrows(IllegalArgumentException.class, () -> base.withRsv(8));

        Frame text = base.withOpcode(Opcode.TEXT);
        assertEquals(Opcode.TEXT, text.opcode());
        assertArrayEquals(new byte[] {1, 2}, text.payloadBytes());
        assertThrows(IllegalArgumentException.class, () -> base.withOpcode(0x10));

        Frame other = base.withPayload(ByteBuffer.wrap(new byte[] {7}));
        assertArrayEquals(new byte[] {7}, other.payloadBytes());
        assertEquals(0x01020304, other.maskingKey());

        Frame unmasked = base.withoutMask();
        assertFalse(unmasked.isMasked());
        assertEquals(0, unmasked.maskingKey());
        assertEquals(base.withOpcode(Opcode.BINARY).withoutMask(), unmasked);

        Frame zeroKey = base.withMaskingKey(0);
        assertTrue(zeroKey.isMasked(), "a zero key is still a key");
        assertEquals(0, zeroKey.maskingKey());
        assertNotEquals(unmasked, zeroKey);

        assertTrue(base.isMasked(), "withers never change the original");
        assertTrue(base.fin());
    }

    @Test
    void equalsAndHashCodeCoverEveryField() {
        Frame a = new Frame(true, 0, Opcode.BINARY, ByteBuffer.wrap(new byte[] {1, 2, 3}));
        Frame same = new Frame(true, 0, Opcode.BINARY, ByteBuffer.wrap(new byte[] {0, 1, 2, 3}).position(1));
        assertEquals(a, same);
        assertEquals(a.hashCode(), same.hashCode());
        assertEquals(a, a);
        assertNotEquals(a, null);
        assertNotEquals(a, "frame");

        List<Frame> different = List.of(a.withFin(false), a.withRsv(1), a.withOpcode(Opcode.TEXT),
                a.withMaskingKey(7), a.withPayload(ByteBuffer.wrap(new byte[] {1, 2, 4})),
                a.withPayload(ByteBuffer.wrap(new byte[] {1, 2})));
        for (Frame f : different) {
            assertNotEquals(a, f, f.toString());
        }
        assertNotEquals(a.withMaskingKey(7), a.withMaskingKey(8));
        assertEquals(a.withMaskingKey(7), same.withMaskingKey(7));
        assertEquals(a.withMaskingKey(7).hashCode(), same.withMaskingKey(7).hashCode());
    }

    @Test
    void toStringNamesTheFields() {
        assertEquals("Frame[TEXT len=2]", Frame.text("hi").toString());
        assertEquals("Frame[0x3 !fin rsv=101 mask=0a0b0c0d len=0]",
                new Frame(false, 0b101, 0x3, ByteBuffer.allocate(0)).withMaskingKey(0x0a0b0c0d).toString());
    }

    @Test
    void fragmentSplitsIntoAChainWithOneOpcodeAndFinalFin() {
        byte[] data = new byte[10];
        Arrays.fill(data, (byte) 'x');
        data[9] = 'y';
        Frame frame = Frame.binary(data).withRsv(FrameHeader.RSV1).withMaskingKey(0xCAFEBABE);
        List<Frame> parts = frame.fragment(4);
        assertEquals(3, parts.size());
        assertFrame(parts.get(0), false, FrameHeader.RSV1, Opcode.BINARY, 4);
        assertFrame(parts.get(1), false, 0, Opcode.CONTINUATION, 4);
        assertFrame(parts.get(2), true, 0, Opcode.CONTINUATION, 2);
        for (Frame part : parts) {
            assertTrue(part.isMasked());
            assertEquals(0xCAFEBABE, part.maskingKey());
        }
        assertArrayEquals(data, joined(parts));
        assertEquals('y', parts.get(2).payload().get(1));
    }

    @Test
    void fragmentKeepsAnUnsetFinOnTheLastFragment() {
        List<Frame> parts = Frame.text("abcdef").withFin(false).fragment(3);
        assertEquals(2, parts.size());
        assertFrame(parts.get(0), false, 0, Opcode.TEXT, 3);
        assertFrame(parts.get(1), false, 0, Opcode.CONTINUATION, 3);
        assertFalse(parts.get(1).isMasked());
    }

    @Test
    void fragmentOfAContinuationStaysAContinuation() {
        List<Frame> parts = new Frame(Opcode.CONTINUATION, new byte[5]).fragment(2);
        assertEquals(3, parts.size());
        for (Frame part : parts) {
            assertEquals(Opcode.CONTINUATION, part.opcode());
        }
        assertTrue(parts.get(2).fin());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 11, 12, 13, 100})
    void fragmentAtExactBoundaries(int maxPayload) {
        byte[] data = TestBytes.random(new Random(maxPayload), 12);
        Frame frame = Frame.binary(data);
        List<Frame> parts = frame.fragment(maxPayload);
        int expectedCount = (12 + maxPayload - 1) / maxPayload;
        assertEquals(expectedCount, parts.size());
        for (int i = 0; i < parts.size(); i++) {
            int expectedLength = i < parts.size() - 1 ? maxPayload : 12 - maxPayload * (parts.size() - 1);
            assertEquals(expectedLength, parts.get(i).length(), "fragment " + i);
            assertEquals(i == parts.size() - 1, parts.get(i).fin());
            assertEquals(i == 0 ? Opcode.BINARY : Opcode.CONTINUATION, parts.get(i).opcode());
        }
        assertArrayEquals(data, joined(parts));
        if (maxPayload >= 12) {
            assertSame(frame, parts.get(0), "a frame that fits is its own chain");
        }
    }

    @Test
    void fragmentOfAnEmptyFrameIsTheFrame() {
        Frame empty = Frame.binary(new byte[0]).withFin(false);
        assertEquals(List.of(empty), empty.fragment(1));
    }

    @Test
    void fragmentRefusesControlFramesAndBadSizes() {
        assertThrows(IllegalStateException.class, () -> Frame.ping(HELLO).fragment(2));
        assertThrows(IllegalStateException.class, () -> Frame.close().fragment(2));
        assertThrows(IllegalStateException.class, () -> Frame.pong(HELLO).fragment(200));
        assertThrows(IllegalArgumentException.class, () -> Frame.text("abc").fragment(0));
        assertThrows(IllegalArgumentException.class, () -> Frame.text("abc").fragment(-1));
    }

    @Test
    void fragmentsAreIndependentViews() {
        Frame frame = Frame.binary(new byte[] {1, 2, 3, 4});
        List<Frame> parts = frame.fragment(2);
        ByteBuffer second = parts.get(1).payload();
        assertEquals(0, second.position());
        assertEquals(2, second.remaining());
        assertEquals(3, second.get(0));
        assertEquals(Frame.binary(new byte[] {3, 4}).withOpcode(Opcode.CONTINUATION), parts.get(1));
    }

    private static void assertFrame(Frame frame, boolean fin, int rsv, int opcode, int length) {
        assertEquals(fin, frame.fin(), "fin of " + frame);
        assertEquals(rsv, frame.rsv(), "rsv of " + frame);
        assertEquals(opcode, frame.opcode(), "opcode of " + frame);
        assertEquals(length, frame.length(), "length of " + frame);
    }

    private static byte[] joined(List<Frame> frames) {
        List<byte[]> parts = new ArrayList<>();
        for (Frame f : frames) {
            parts.add(f.payloadBytes());
        }
        return concat(parts.toArray(new byte[0][]));
    }
}

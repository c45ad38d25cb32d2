package io.wspy.frame;

import org.junit.jupiter.api.Test;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static io.wspy.frame.TestBytes.concat;
import static io.wspy.frame.TestBytes.hex;
import static io.wspy.frame.TestBytes.remaining;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrameEncoderTest {
    private static final int RFC_KEY = 0x37fa213d;
    private static final byte[] HELLO = "Hello".getBytes(StandardCharsets.US_ASCII);

    // ---- RFC 6455 section 5.7 ----

    @Test
    void rfcUnmaskedHello() {
        assertArrayEquals(hex("81 05"), header(true, 0, Opcode.TEXT, 5, false, 0));
        assertArrayEquals(hex("81 05 48 65 6c 6c 6f"), encode(Role.SERVER, Frame.text("Hello")));
    }

    @Test
    void rfcMaskedHello() {
        byte[] expected = hex("81 85 37 fa 21 3d 7f 9f 4d 51 58");
        assertArrayEquals(hex("81 85 37 fa 21 3d"), header(true, 0, Opcode.TEXT, 5, true, RFC_KEY));
        assertArrayEquals(expected, encode(Role.CLIENT, Frame.text("Hello").withMaskingKey(RFC_KEY)));
        assertArrayEquals(expected, encode(Role.SERVER, Frame.text("Hello").withMaskingKey(RFC_KEY)),
                "a tool may send a masked frame from a server");
        FrameEncoder fixedKeys = new FrameEncoder(Role.CLIENT, MaskingKeys.fixed(RFC_KEY));
        assertArrayEquals(expected, remaining(fixedKeys.encode(Frame.text("Hello"))));
    }

    @Test
    void rfcFragmentedHello() {
        List<Frame> parts = Frame.text("Hello").fragment(3);
        assertArrayEquals(hex("01 03 48 65 6c"), encode(Role.SERVER, parts.get(0)));
        assertArrayEquals(hex("80 02 6c 6f"), encode(Role.SERVER, parts.get(1)));
    }

    @Test
    void rfcPingAndMaskedPong() {
        assertArrayEquals(hex("89 05 48 65 6c 6c 6f"), encode(Role.SERVER, Frame.ping(HELLO)));
        assertArrayEquals(hex("8a 85 37 fa 21 3d 7f 9f 4d 51 58"),
                encode(Role.CLIENT, Frame.pong(HELLO).withMaskingKey(RFC_KEY)));
    }

    @Test
    void rfc256ByteAnd64KiBBinaryHeaders() {
        assertArrayEquals(hex("82 7e 01 00"), header(true, 0, Opcode.BINARY, 256, false, 0));
        assertArrayEquals(hex("82 7f 00 00 00 00 00 01 00 00"), header(true, 0, Opcode.BINARY, 65536, false, 0));
        byte[] data = new byte[256];
        byte[] encoded = encode(Role.SERVER, Frame.binary(data));
        assertArrayEquals(concat(hex("82 7e 01 00"), data), encoded);
        byte[] big = encode(Role.SERVER, Frame.binary(new byte[65536]));
        assertEquals(10 + 65536, big.length);
        assertArrayEquals(hex("82 7f 00 00 00 00 00 01 00 00"), java.util.Arrays.copyOf(big, 10));
    }

    // ---- header encoding ----

    @Test
    void lengthUsesTheShortestEncoding() {
        assertArrayEquals(hex("02 00"), header(false, 0, Opcode.BINARY, 0, false, 0));
        assertArrayEquals(hex("02 7d"), header(false, 0, Opcode.BINARY, 125, false, 0));
        assertArrayEquals(hex("02 7e 00 7e"), header(false, 0, Opcode.BINARY, 126, false, 0));
        assertArrayEquals(hex("02 7e ff ff"), header(false, 0, Opcode.BINARY, 65535, false, 0));
        assertArrayEquals(hex("02 7f 00 00 00 00 00 01 00 00"), header(false, 0, Opcode.BINARY, 65536, false, 0));
        assertArrayEquals(hex("02 7f 00 00 01 02 03 04 05 06"),
                header(false, 0, Opcode.BINARY, 0x010203040506L, false, 0));
        assertArrayEquals(hex("02 7f 7f ff ff ff ff ff ff ff"),
                header(false, 0, Opcode.BINARY, Long.MAX_VALUE, false, 0));
    }

    @Test
    void maskBitAndKeyFollowTheLength() {
        assertArrayEquals(hex("82 80 01 02 03 04"), header(true, 0, Opcode.BINARY, 0, true, 0x01020304));
        assertArrayEquals(hex("82 fe 01 00 ff ee dd cc"), header(true, 0, Opcode.BINARY, 256, true, 0xffeeddcc));
        assertArrayEquals(hex("82 ff 00 00 00 00 00 01 00 00 00 00 00 00"),
                header(true, 0, Opcode.BINARY, 65536, true, 0));
    }

    @Test
    void firstByteCarriesFinRsvAndOpcode() {
        assertArrayEquals(hex("f3 00"), header(true, 0b111, 0x3, 0, false, 0));
        assertArrayEquals(hex("40 00"), header(false, FrameHeader.RSV1, Opcode.CONTINUATION, 0, false, 0));
        assertArrayEquals(hex("20 00"), header(false, FrameHeader.RSV2, Opcode.CONTINUATION, 0, false, 0));
        assertArrayEquals(hex("10 00"), header(false, FrameHeader.RSV3, Opcode.CONTINUATION, 0, false, 0));
        assertArrayEquals(hex("8f 00"), header(true, 0, 0xF, 0, false, 0));
    }

    @Test
    void headerSizeMatchesWhatIsWritten() {
        long[] lengths = {0, 1, 125, 126, 127, 65535, 65536, 1L << 32, Long.MAX_VALUE};
        for (long length : lengths) {
            for (boolean masked : new boolean[] {false, true}) {
                int expected = (length < 126 ? 2 : length < 65536 ? 4 : 10) + (masked ? 4 : 0);
                assertEquals(expected, FrameEncoder.headerSize(length, masked), length + " " + masked);
                assertEquals(expected, header(true, 0, Opcode.BINARY, length, masked, 1).length);
            }
        }
        assertEquals(14, FrameEncoder.MAX_HEADER_SIZE);
    }

    @Test
    void writeHeaderWritesAtThePositionOfHeapAndDirectBuffers() {
        for (ByteBuffer dst : new ByteBuffer[] {ByteBuffer.allocate(20), ByteBuffer.allocateDirect(20),
                ByteBuffer.allocate(30).position(10).slice()}) {
            dst.put((byte) 0x55);
            FrameEncoder.writeHeader(dst, true, 0, Opcode.TEXT, 300, true, 0x0a0b0c0d);
            assertEquals(9, dst.position());
            dst.flip();
            assertArrayEquals(hex("55 81 fe 01 2c 0a 0b 0c 0d"), remaining(dst));
        }
    }

    @Test
    void writeHeaderRefusesBadArgumentsWithoutWriting() {
        ByteBuffer dst = ByteBuffer.allocate(16);
        assertThrows(IllegalArgumentException.class,
                () -> FrameEncoder.writeHeader(dst, true, 0, Opcode.TEXT, -1, false, 0));
        assertThrows(IllegalArgumentException.class,
                () -> FrameEncoder.writeHeader(dst, true, 0, 16, 0, false, 0));
        assertThrows(IllegalArgumentException.class,
                () -> FrameEncoder.writeHeader(dst, true, 8, Opcode.TEXT, 0, false, 0));
        assertThrows(IllegalArgumentException.class,
                () -> FrameEncoder.writeHeader(dst, true, -1, Opcode.TEXT, 0, false, 0));
        ByteBuffer small = ByteBuffer.allocate(13);
        assertThrows(BufferOverflowException.class,
                () -> FrameEncoder.writeHeader(small, true, 0, Opcode.BINARY, 65536, true, 0));
        assertEquals(0, dst.position());
        assertEquals(0, small.position());
        assertArrayEquals(new byte[16], dst.array());
        assertArrayEquals(new byte[13], small.array());
    }

    // ---- masking by role ----

    @Test
    void clientMasksEveryFrameWithAFreshKeyFromItsSource() {
        AtomicInteger keys = new AtomicInteger(0x11223344);
        FrameEncoder encoder = new FrameEncoder(Role.CLIENT, keys::getAndIncrement);
        assertEquals(Role.CLIENT, encoder.role());
        byte[] first = remaining(encoder.encode(Frame.text("Hello")));
        byte[] second = remaining(encoder.encode(Frame.text("Hello")));
        assertArrayEquals(concat(hex("81 85 11 22 33 44"), TestBytes.naiveMask(HELLO, 0, 5, 0x11223344, 0)), first);
        assertArrayEquals(concat(hex("81 85 11 22 33 45"), TestBytes.naiveMask(HELLO, 0, 5, 0x11223345, 0)), second);
        assertTrue(encoder.masks(Frame.text("x")));
    }

    @Test
    void aFrameWithItsOwnKeyDrawsNoKey() {
        AtomicInteger draws = new AtomicInteger();
        FrameEncoder encoder = new FrameEncoder(Role.CLIENT, () -> {
            draws.incrementAndGet();
            return 0;
        });
        encoder.encode(Frame.text("Hello").withMaskingKey(RFC_KEY));
        assertEquals(0, draws.get());
        encoder.encode(Frame.text("Hello"));
        assertEquals(1, draws.get());
    }

    @Test
    void defaultClientKeysAreUnpredictable() {
        FrameEncoder encoder = new FrameEncoder(Role.CLIENT);
        Set<Integer> keys = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            ByteBuffer out = encoder.encode(Frame.binary(new byte[1]));
            keys.add(out.getInt(2));
        }
        assertTrue(keys.size() >= 99, "100 keys, at most one repeat: " + keys.size());
    }

    @Test
    void serverLeavesFramesUnmaskedUnlessTheyCarryAKey() {
        FrameEncoder encoder = new FrameEncoder(Role.SERVER, () -> {
            throw new AssertionError("a server draws no key");
        });
        assertFalse(encoder.masks(Frame.text("x")));
        assertTrue(encoder.masks(Frame.text("x").withMaskingKey(0)));
        assertArrayEquals(hex("81 01 78"), remaining(encoder.encode(Frame.text("x"))));
        assertArrayEquals(hex("81 81 00 00 00 00 78"), remaining(encoder.encode(Frame.text("x").withMaskingKey(0))));
    }

    // ---- buffers ----

    @Test
    void encodeWritesAtThePositionAndLeavesTheFrameAlone() {
        byte[] data = TestBytes.random(new java.util.Random(1), 300);
        Frame frame = Frame.binary(data.clone()).withMaskingKey(0xdeadbeef);
        FrameEncoder encoder = new FrameEncoder(Role.CLIENT);
        assertEquals(8 + 300, encoder.encodedSize(frame));
        byte[] expected = concat(hex("82 fe 01 2c de ad be ef"), TestBytes.naiveMask(data, 0, 300, 0xdeadbeef, 0));
        ByteBuffer[] destinations = {ByteBuffer.allocate(320), ByteBuffer.allocateDirect(320),
                ByteBuffer.allocate(400).position(50).slice()};
        for (ByteBuffer dst : destinations) {
            dst.position(5);
            encoder.encode(frame, dst);
            assertEquals(5 + 308, dst.position());
            dst.flip().position(5);
            assertArrayEquals(expected, remaining(dst), dst.toString());
        }
        assertArrayEquals(data, frame.payloadBytes(), "masking copies, the frame is unchanged");
    }

    @Test
    void encodeFromADirectPayload() {
        ByteBuffer direct = ByteBuffer.allocateDirect(5).put(HELLO).flip();
        Frame frame = Frame.text("").withPayload(direct).withMaskingKey(RFC_KEY);
        assertArrayEquals(hex("81 85 37 fa 21 3d 7f 9f 4d 51 58"), encode(Role.CLIENT, frame));
        ByteBuffer out = ByteBuffer.allocateDirect(11);
        new FrameEncoder(Role.CLIENT).encode(frame, out);
        assertArrayEquals(hex("81 85 37 fa 21 3d 7f 9f 4d 51 58"), remaining(out.flip()));
        assertArrayEquals(HELLO, remaining(direct));
    }

    @Test
    void encodeRefusesATooSmallBufferBeforeWriting() {
        FrameEncoder encoder = new FrameEncoder(Role.SERVER);
        ByteBuffer dst = ByteBuffer.allocate(6);
        assertThrows(BufferOverflowException.class, () -> encoder.encode(Frame.text("Hello"), dst));
        assertEquals(0, dst.position());
        assertArrayEquals(new byte[6], dst.array());
        ByteBuffer payload = ByteBuffer.wrap(HELLO);
        assertThrows(BufferOverflowException.class,
                () -> encoder.encode(true, 0, Opcode.TEXT, payload, dst));
        assertEquals(0, payload.position(), "the payload is not consumed");
    }

    @Test
    void allocationFreePathConsumesThePayload() {
        ByteBuffer payload = ByteBuffer.wrap(HELLO);
        ByteBuffer dst = ByteBuffer.allocate(20);
        new FrameEncoder(Role.SERVER).encode(false, FrameHeader.RSV1, Opcode.TEXT, payload, dst);
        assertFalse(payload.hasRemaining());
        assertArrayEquals(hex("41 05 48 65 6c 6c 6f"), remaining(dst.flip()));

        ByteBuffer masked = ByteBuffer.allocate(20);
        new FrameEncoder(Role.CLIENT, MaskingKeys.fixed(RFC_KEY))
                .encode(true, 0, Opcode.PONG, ByteBuffer.wrap(HELLO), masked);
        assertArrayEquals(hex("8a 85 37 fa 21 3d 7f 9f 4d 51 58"), remaining(masked.flip()));
    }

    @Test
    void encodeAllocatesAReadyBuffer() {
        ByteBuffer out = new FrameEncoder(Role.SERVER).encode(Frame.close(1000, ""));
        assertEquals(0, out.position());
        assertArrayEquals(hex("88 02 03 e8"), remaining(out));
    }

    private static byte[] header(boolean fin, int rsv, int opcode, long length, boolean masked, int key) {
        ByteBuffer dst = ByteBuffer.allocate(FrameEncoder.MAX_HEADER_SIZE);
        FrameEncoder.writeHeader(dst, fin, rsv, opcode, length, masked, key);
        return remaining(dst.flip());
    }

    private static byte[] encode(Role role, Frame frame) {
        return remaining(new FrameEncoder(role).encode(frame));
    }
}

package io.wspy.frame;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static io.wspy.frame.TestBytes.concat;
import static io.wspy.frame.TestBytes.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrameDecoderTest {
    private static final int MASK_BIT = 0x80;
    private static final byte[] KEY = hex("37 fa 21 3d");

    // ---- what is accepted ----

    @Test
    void decodesRfcExamplesForBothRoles() throws ProtocolException {
        assertEquals(List.of("start TEXT fin=true rsv=0 masked=false key=0 len=5", "payload 48656c6c6f", "end"),
                decodeAll(Role.CLIENT, hex("81 05 48 65 6c 6c 6f")));
        assertEquals(List.of("start TEXT fin=true rsv=0 masked=true key=37fa213d len=5", "payload 48656c6c6f", "end"),
                decodeAll(Role.SERVER, hex("81 85 37 fa 21 3d 7f 9f 4d 51 58")));
        assertEquals(List.of("start TEXT fin=false rsv=0 masked=false key=0 len=3", "payload 48656c", "end",
                        "start CONTINUATION fin=true rsv=0 masked=false key=0 len=2", "payload 6c6f", "end"),
                decodeAll(Role.CLIENT, hex("01 03 48 65 6c 80 02 6c 6f")));
        assertEquals(List.of("start PING fin=true rsv=0 masked=false key=0 len=5", "payload 48656c6c6f", "end"),
                decodeAll(Role.CLIENT, hex("89 05 48 65 6c 6c 6f")));
        assertEquals(List.of("start PONG fin=true rsv=0 masked=true key=37fa213d len=5", "payload 48656c6c6f", "end"),
                decodeAll(Role.SERVER, hex("8a 85 37 fa 21 3d 7f 9f 4d 51 58")));
    }

    @Test
    void aListenerCanTakeMaskedPayloadAndUnmaskItWhileCopyingFromAnySplit() throws ProtocolException {
        byte[] wire = hex("82 85 37 fa 21 3d 7f 9f 4d 51 58 82 83 01 02 03 04 61 62 63");
        for (int split = 1; split <= wire.length; split++) {
            byte[] bytes = wire.clone();
            ByteBuffer copied = ByteBuffer.allocate(8);
            FrameDecoder decoder = new FrameDecoder(Role.SERVER);
            FrameListener copying = new FrameListener() {
                @Override
                public void onFrameStart(FrameHeader header) {
                }

                @Override
                public void onFramePayload(ByteBuffer payload) {
                    throw new AssertionError("masked payload goes to onMaskedFramePayload");
                }

                @Override
                public void onMaskedFramePayload(ByteBuffer payload, int maskingKey, int phase) {
                    Masking.mask(payload, copied, maskingKey, phase);
                }

                @Override
                public void onFrameEnd() {
                }
            };
            for (int at = 0; at < bytes.length; at += split) {
                decoder.decode(ByteBuffer.wrap(bytes, at, Math.min(split, bytes.length - at)), copying);
            }
            assertEquals("48656c6c6f606060", hexOf(copied.flip()), "split " + split);
            assertArrayEquals(wire, bytes, "the caller's bytes stay masked");
        }
    }

    private static String hexOf(ByteBuffer b) {
        StringBuilder sb = new StringBuilder();
        while (b.hasRemaining()) {
            sb.append(String.format("%02x", b.get()));
        }
        return sb.toString();
    }

    @Test
    void decodesEveryLengthEncodingAtItsBoundaries() throws ProtocolException {
        assertLength(0, hex("82 00"));
        assertLength(125, hex("82 7d"));
        assertLength(126, hex("82 7e 00 7e"));
        assertLength(256, hex("82 7e 01 00"));
        assertLength(65535, hex("82 7e ff ff"));
        assertLength(65536, hex("82 7f 00 00 00 00 00 01 00 00"));
        assertLength(65537, hex("82 7f 00 00 00 00 00 01 00 01"));
    }

    @Test
    void zeroLengthFramesStartAndEndWithoutPayload() throws ProtocolException {
        assertEquals(List.of("start BINARY fin=true rsv=0 masked=false key=0 len=0", "end",
                        "start PING fin=true rsv=0 masked=false key=0 len=0", "end",
                        "start CLOSE fin=true rsv=0 masked=false key=0 len=0", "end"),
                decodeAll(Role.CLIENT, hex("82 00 89 00 88 00")));
        assertEquals(List.of("start TEXT fin=true rsv=0 masked=true key=1020304 len=0", "end"),
                decodeAll(Role.SERVER, hex("81 80 01 02 03 04")));
    }

    @Test
    void controlFrameOf125BytesIsAccepted() throws ProtocolException {
        byte[] frame = concat(hex("89 7d"), new byte[125]);
        List<String> events = decodeAll(Role.CLIENT, frame);
        assertEquals("start PING fin=true rsv=0 masked=false key=0 len=125", events.get(0));
        assertEquals("end", events.get(events.size() - 1));
    }

    @Test
    void rsvBitsClaimedByExtensionsAreAcceptedOnDataFrames() throws ProtocolException {
        for (int rsv = 1; rsv <= 7; rsv++) {
            DecoderConfig config = DecoderConfig.of(Role.CLIENT).withAllowedRsv(rsv);
            byte[] frame = {(byte) (0x80 | rsv << 4 | Opcode.BINARY), 0};
            assertEquals("start BINARY fin=true rsv=" + rsv + " masked=false key=0 len=0",
                    decodeAll(config, frame).get(0));
            byte[] continuation = {(byte) (0x80 | rsv << 4), 0};
            assertEquals("start CONTINUATION fin=true rsv=" + rsv + " masked=false key=0 len=0",
                    decodeAll(config, continuation).get(0));
        }
    }

    @Test
    void reservedOpcodesClaimedByAnExtensionAreAccepted() throws ProtocolException {
        DecoderConfig config = DecoderConfig.of(Role.CLIENT).withExtensionOpcodes(1 << 0x3 | 1 << 0xB);
        assertEquals(List.of("start 0x3 fin=false rsv=0 masked=false key=0 len=1", "payload 07", "end"),
                decodeAll(config, hex("03 01 07")));
        assertEquals(List.of("start 0xB fin=true rsv=0 masked=false key=0 len=0", "end"),
                decodeAll(config, hex("8b 00")));
        assertRejected(config, hex("84 00"), CloseCode.PROTOCOL_ERROR);
        assertRejected(config, hex("0b 00"), CloseCode.PROTOCOL_ERROR); // 0xB is a control opcode
        assertRejected(config, concat(hex("8b 7e 00 7e"), new byte[126]), CloseCode.PROTOCOL_ERROR);
    }

    // ---- what is rejected ----

    @ParameterizedTest
    @ValueSource(ints = {0x3, 0x4, 0x5, 0x6, 0x7, 0xB, 0xC, 0xD, 0xE, 0xF})
    void reservedOpcodesAreProtocolErrors(int opcode) {
        assertRejected(Role.CLIENT, new byte[] {(byte) (0x80 | opcode), 0}, CloseCode.PROTOCOL_ERROR);
        assertRejected(Role.SERVER, concat(new byte[] {(byte) (0x80 | opcode), (byte) MASK_BIT}, KEY),
                CloseCode.PROTOCOL_ERROR);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7})
    void rsvBitsNoExtensionClaimsAreProtocolErrors(int rsv) {
        for (int opcode : new int[] {Opcode.CONTINUATION, Opcode.TEXT, Opcode.BINARY}) {
            assertRejected(Role.CLIENT, new byte[] {(byte) (0x80 | rsv << 4 | opcode), 0}, CloseCode.PROTOCOL_ERROR);
        }
        DecoderConfig otherBits = DecoderConfig.of(Role.CLIENT).withAllowedRsv(~rsv & 0b111);
        assertRejected(otherBits, new byte[] {(byte) (0x80 | rsv << 4 | Opcode.TEXT), 0}, CloseCode.PROTOCOL_ERROR);
    }

    @ParameterizedTest
    @ValueSource(ints = {Opcode.CLOSE, Opcode.PING, Opcode.PONG})
    void controlFramesWithRsvBitsAreProtocolErrorsEvenWhenDataFramesMayCarryThem(int opcode) {
        DecoderConfig allRsv = DecoderConfig.of(Role.CLIENT).withAllowedRsv(0b111);
        for (int rsv = 1; rsv <= 7; rsv++) {
            assertRejected(allRsv, new byte[] {(byte) (0x80 | rsv << 4 | opcode), 0}, CloseCode.PROTOCOL_ERROR);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {Opcode.CLOSE, Opcode.PING, Opcode.PONG})
    void fragmentedControlFramesAreProtocolErrors(int opcode) {
        assertRejected(Role.CLIENT, new byte[] {(byte) opcode, 0}, CloseCode.PROTOCOL_ERROR);
        assertRejected(Role.CLIENT, new byte[] {(byte) opcode, 1, 0}, CloseCode.PROTOCOL_ERROR);
    }

    @ParameterizedTest
    @ValueSource(ints = {Opcode.CLOSE, Opcode.PING, Opcode.PONG})
    void controlFramesOver125BytesAreProtocolErrors(int opcode) {
        byte b0 = (byte) (0x80 | opcode);
        DecoderConfig generous = DecoderConfig.of(Role.CLIENT).withMaxPayload(1 << 20);
        assertRejected(generous, concat(new byte[] {b0, 0x7e, 0x00, 0x7e}, new byte[126]), CloseCode.PROTOCOL_ERROR);
        assertRejected(generous, concat(new byte[] {b0, 0x7e, (byte) 0xff, (byte) 0xff}), CloseCode.PROTOCOL_ERROR);
        assertRejected(generous, concat(new byte[] {b0, 0x7f}, hex("00 00 00 00 00 01 00 00")),
                CloseCode.PROTOCOL_ERROR);
    }

    @Test
    void maskedFrameToAClientIsAProtocolError() {
        assertRejected(Role.CLIENT, hex("81 85 37 fa 21 3d 7f 9f 4d 51 58"), CloseCode.PROTOCOL_ERROR);
        assertRejected(Role.CLIENT, hex("89 80 00 00 00 00"), CloseCode.PROTOCOL_ERROR);
    }

    @Test
    void unmaskedFrameToAServerIsAProtocolError() {
        assertRejected(Role.SERVER, hex("81 05 48 65 6c 6c 6f"), CloseCode.PROTOCOL_ERROR);
        assertRejected(Role.SERVER, hex("88 00"), CloseCode.PROTOCOL_ERROR);
    }

    @Test
    void sixtyFourBitLengthWithTheTopBitSetIsAProtocolError() {
        DecoderConfig unlimited = DecoderConfig.of(Role.CLIENT).withMaxPayload(Long.MAX_VALUE);
        assertRejected(unlimited, hex("82 7f 80 00 00 00 00 00 00 00"), CloseCode.PROTOCOL_ERROR);
        assertRejected(unlimited, hex("82 7f ff ff ff ff ff ff ff ff"), CloseCode.PROTOCOL_ERROR);
        assertRejected(DecoderConfig.of(Role.SERVER).withMaxPayload(Long.MAX_VALUE),
                concat(hex("82 ff 80 00 00 00 00 00 00 01"), KEY), CloseCode.PROTOCOL_ERROR);
    }

    @Test
    void lengthsNotInTheirShortestEncodingAreProtocolErrors() {
        DecoderConfig config = DecoderConfig.of(Role.CLIENT);
        assertRejected(config, hex("82 7e 00 00"), CloseCode.PROTOCOL_ERROR);
        assertRejected(config, concat(hex("82 7e 00 7d"), new byte[125]), CloseCode.PROTOCOL_ERROR);
        assertRejected(config, hex("82 7f 00 00 00 00 00 00 00 00"), CloseCode.PROTOCOL_ERROR);
        assertRejected(config, concat(hex("82 7f 00 00 00 00 00 00 00 7d"), new byte[125]), CloseCode.PROTOCOL_ERROR);
        assertRejected(config, concat(hex("82 7f 00 00 00 00 00 00 00 7e"), new byte[126]), CloseCode.PROTOCOL_ERROR);
        assertRejected(config, hex("82 7f 00 00 00 00 00 00 ff ff"), CloseCode.PROTOCOL_ERROR);
        assertRejected(DecoderConfig.of(Role.SERVER), concat(hex("82 fe 00 05"), KEY), CloseCode.PROTOCOL_ERROR);
    }

    @Test
    void payloadOverTheLimitIsMessageTooBigInEveryLengthClass() throws ProtocolException {
        assertLimit(100, 101, hex("82 65"));
        assertLimit(200, 201, hex("82 7e 00 c9"));
        assertLimit(70_000, 70_001, hex("82 7f 00 00 00 00 00 01 11 71"));
        assertLimit(0, 1, hex("82 01"));
        assertLimit(100, 126, hex("89 7e 00 7e"), CloseCode.PROTOCOL_ERROR); // control rule wins
    }

    @Test
    void defaultLimitIs16MiB() {
        assertEquals(16L << 20, DecoderConfig.of(Role.SERVER).maxPayload());
        assertEquals(16L << 20, new FrameDecoder(Role.CLIENT).config().maxPayload());
        assertRejected(Role.CLIENT, hex("82 7f 00 00 00 00 01 00 00 01"), CloseCode.MESSAGE_TOO_BIG);
    }

    /**
     * The limit is checked from the header alone: a header announcing a terabyte fails at once, and
     * with no limit the same header is accepted and streamed without any payload buffer (allocating
     * one would fail this test with an OutOfMemoryError).
     */
    @Test
    void limitIsCheckedFromTheHeaderBeforeAnyPayloadArrives() throws ProtocolException {
        byte[] terabyteHeader = hex("82 7f 00 00 01 00 00 00 00 00");
        assertRejected(Role.CLIENT, terabyteHeader, CloseCode.MESSAGE_TOO_BIG);
        assertRejected(DecoderConfig.of(Role.SERVER), concat(hex("82 ff 00 00 01 00 00 00 00 00"), KEY),
                CloseCode.MESSAGE_TOO_BIG);

        FrameDecoder unlimited = new FrameDecoder(DecoderConfig.of(Role.CLIENT).withMaxPayload(Long.MAX_VALUE));
        RecordingListener listener = new RecordingListener();
        unlimited.decode(ByteBuffer.wrap(terabyteHeader), listener);
        unlimited.decode(ByteBuffer.wrap(hex("01 02 03")), listener);
        assertEquals(List.of("start BINARY fin=true rsv=0 masked=false key=0 len=1099511627776", "payload 010203"),
                listener.events);
        assertFalse(unlimited.isAtFrameBoundary());
    }

    @Test
    void limitIsEnforcedWhenTheHeaderArrivesOneByteAtATime() {
        FrameDecoder decoder = new FrameDecoder(Role.CLIENT);
        RecordingListener listener = new RecordingListener();
        byte[] header = hex("82 7f 00 00 01 00 00 00 00 00");
        ProtocolException failure = null;
        for (int i = 0; i < header.length && failure == null; i++) {
            try {
                decoder.decode(ByteBuffer.wrap(header, i, 1), listener);
            } catch (ProtocolException e) {
                assertEquals(header.length - 1, i, "fails on the header's last byte");
                failure = e;
            }
        }
        assertEquals(CloseCode.MESSAGE_TOO_BIG, failure.closeCode());
        assertTrue(listener.events.isEmpty());
    }

    @Test
    void badFirstBytesFailBeforeTheRestOfTheHeaderArrives() throws ProtocolException {
        FrameDecoder decoder = new FrameDecoder(Role.SERVER);
        RecordingListener listener = new RecordingListener();
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> decoder.decode(ByteBuffer.wrap(hex("83 fe")), listener));
        assertEquals(CloseCode.PROTOCOL_ERROR, e.closeCode());
        FrameDecoder unmasked = new FrameDecoder(Role.SERVER);
        unmasked.decode(ByteBuffer.wrap(hex("82")), listener);
        assertThrows(ProtocolException.class, () -> unmasked.decode(ByteBuffer.wrap(hex("7f")), listener));
    }

    @Test
    void decoderStaysFailedAfterAnError() {
        FrameDecoder decoder = new FrameDecoder(Role.CLIENT);
        RecordingListener listener = new RecordingListener();
        ByteBuffer bad = ByteBuffer.wrap(hex("81 02 68 69 83 00 81 00"));
        ProtocolException first = assertThrows(ProtocolException.class, () -> decoder.decode(bad, listener));
        assertEquals(List.of("start TEXT fin=true rsv=0 masked=false key=0 len=2", "payload 6869", "end"),
                listener.events, "frames before the error are delivered");
        assertSame(first, assertThrows(ProtocolException.class,
                () -> decoder.decode(ByteBuffer.wrap(hex("81 00")), listener)));
        assertSame(first, assertThrows(ProtocolException.class,
                () -> decoder.decode(ByteBuffer.allocate(0), listener)));
        assertEquals(3, listener.events.size(), "nothing more is decoded");
    }

    @Test
    void protocolExceptionFromTheListenerFailsTheDecoder() {
        FrameDecoder decoder = new FrameDecoder(Role.CLIENT);
        ProtocolException invalid = new ProtocolException(CloseCode.INVALID_PAYLOAD, "bad text");
        FrameListener rejecting = new FrameListener() {
            @Override
            public void onFrameStart(FrameHeader header) {
            }

            @Override
            public void onFramePayload(ByteBuffer payload) throws ProtocolException {
                throw invalid;
            }

            @Override
            public void onFrameEnd() {
            }
        };
        ByteBuffer src = ByteBuffer.wrap(hex("81 02 c0 af 81 00"));
        assertSame(invalid, assertThrows(ProtocolException.class, () -> decoder.decode(src, rejecting)));
        assertEquals(6, src.limit(), "the caller's buffer keeps its limit");
        assertSame(invalid, assertThrows(ProtocolException.class,
                () -> decoder.decode(ByteBuffer.wrap(hex("81 00")), new RecordingListener())));
    }

    // ---- splitting ----

    @Test
    void headersSplitAtEveryByteGiveTheSameFrame() throws ProtocolException {
        List<byte[]> clientFrames = List.of(hex("81 02 68 69"), concat(hex("82 7e 00 80"), new byte[128]),
                concat(hex("02 7f 00 00 00 00 00 01 00 00"), new byte[65536]), hex("8a 00"));
        List<byte[]> serverFrames = List.of(hex("81 82 01 02 03 04 69 6b"),
                concat(hex("82 fe 00 80"), KEY, new byte[128]),
                concat(hex("c2 ff 00 00 00 00 00 01 00 00"), KEY, new byte[65536]), hex("89 80 00 00 00 00"));
        for (byte[] frame : clientFrames) {
            assertSameEventsForEverySplit(DecoderConfig.of(Role.CLIENT), frame);
        }
        for (byte[] frame : serverFrames) {
            assertSameEventsForEverySplit(DecoderConfig.of(Role.SERVER).withAllowedRsv(FrameHeader.RSV1), frame);
        }
    }

    @Test
    void payloadArrivesInChunksAsTheInputIsSplit() throws ProtocolException {
        FrameDecoder decoder = new FrameDecoder(Role.SERVER);
        RecordingListener listener = new RecordingListener();
        byte[] stream = hex("82 86 00 00 00 00 01 02 03 04 05 06 89 80 00 00 00 00");
        decoder.decode(ByteBuffer.wrap(stream, 0, 8), listener);
        assertFalse(decoder.isAtFrameBoundary());
        decoder.decode(ByteBuffer.wrap(stream, 8, 3), listener);
        decoder.decode(ByteBuffer.wrap(stream, 11, 2), listener);
        assertFalse(decoder.isAtFrameBoundary(), "in the middle of the ping's header");
        decoder.decode(ByteBuffer.wrap(stream, 13, stream.length - 13), listener);
        assertTrue(decoder.isAtFrameBoundary());
        assertEquals(List.of("start BINARY fin=true rsv=0 masked=true key=0 len=6", "payload 0102",
                "payload 030405", "payload 06", "end", "start PING fin=true rsv=0 masked=true key=0 len=0", "end"),
                listener.events);
    }

    @Test
    void payloadIsUnmaskedInPlaceAndTheBufferIsConsumed() throws ProtocolException {
        FrameDecoder decoder = new FrameDecoder(Role.SERVER);
        byte[] stream = hex("81 85 37 fa 21 3d 7f 9f 4d 51 58");
        ByteBuffer src = ByteBuffer.wrap(stream);
        decoder.decode(src, new RecordingListener());
        assertEquals(src.limit(), src.position());
        assertArrayEquals(hex("48 65 6c 6c 6f"), java.util.Arrays.copyOfRange(stream, 6, 11));
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void listenerMayLeaveChunksUnreadOrReadThem(boolean consume) throws ProtocolException {
        FrameDecoder decoder = new FrameDecoder(Role.CLIENT);
        RecordingListener listener = new RecordingListener(consume);
        ByteBuffer src = ByteBuffer.wrap(hex("82 03 01 02 03 81 01 41 82 00"));
        decoder.decode(src, listener);
        assertEquals(src.limit(), src.position());
        assertEquals(List.of("start BINARY fin=true rsv=0 masked=false key=0 len=3", "payload 010203", "end",
                "start TEXT fin=true rsv=0 masked=false key=0 len=1", "payload 41", "end",
                "start BINARY fin=true rsv=0 masked=false key=0 len=0", "end"), listener.events);
    }

    @Test
    void unmaskedFramesDecodeFromReadOnlyAndDirectBuffers() throws ProtocolException {
        byte[] stream = hex("81 02 68 69");
        RecordingListener readOnly = new RecordingListener();
        new FrameDecoder(Role.CLIENT).decode(ByteBuffer.wrap(stream).asReadOnlyBuffer(), readOnly);
        assertEquals(List.of("start TEXT fin=true rsv=0 masked=false key=0 len=2", "payload 6869", "end"),
                readOnly.events);

        ByteBuffer direct = ByteBuffer.allocateDirect(11).put(hex("81 85 37 fa 21 3d 7f 9f 4d 51 58")).flip();
        RecordingListener fromDirect = new RecordingListener();
        new FrameDecoder(Role.SERVER).decode(direct, fromDirect);
        assertEquals("payload 48656c6c6f", fromDirect.events.get(1));
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void headerViewDescribesTheFrame(Role role) throws ProtocolException {
        FrameDecoder decoder = new FrameDecoder(DecoderConfig.of(role).withAllowedRsv(FrameHeader.RSV1));
        byte[] frame = role == Role.SERVER ? hex("41 83 0a 0b 0c 0d 00 00 00") : hex("41 03 00 00 00");
        List<String> seen = new ArrayList<>();
        decoder.decode(ByteBuffer.wrap(frame), new FrameListener() {
            @Override
            public void onFrameStart(FrameHeader header) {
                assertFalse(header.fin());
                assertEquals(FrameHeader.RSV1, header.rsv());
                assertEquals(Opcode.TEXT, header.opcode());
                assertFalse(header.isControl());
                assertEquals(role == Role.SERVER, header.isMasked());
                assertEquals(role == Role.SERVER ? 0x0a0b0c0d : 0, header.maskingKey());
                assertEquals(3, header.payloadLength());
                seen.add(header.toString());
            }

            @Override
            public void onFramePayload(ByteBuffer payload) {
            }

            @Override
            public void onFrameEnd() {
            }
        });
        assertEquals(List.of("FrameHeader[TEXT !fin rsv=4 len=3]"), seen);
    }

    @Test
    void protocolExceptionNamesItsCloseCode() {
        ProtocolException e = new ProtocolException(CloseCode.MESSAGE_TOO_BIG, "too big");
        assertEquals(1009, e.closeCode());
        assertEquals("too big", e.getMessage());
        assertEquals("io.wspy.frame.ProtocolException: too big (close code 1009)", e.toString());
        IllegalStateException cause = new IllegalStateException();
        assertSame(cause, new ProtocolException(1002, "x", cause).getCause());
    }

    // ---- helpers ----

    private static void assertLength(long length, byte[] header) throws ProtocolException {
        int n = (int) length;
        byte[] payload = new byte[n];
        for (int i = 0; i < n; i++) {
            payload[i] = (byte) (i * 31);
        }
        List<String> events = decodeAll(DecoderConfig.of(Role.CLIENT), concat(header, payload));
        assertEquals("start BINARY fin=true rsv=0 masked=false key=0 len=" + length, events.get(0));
        assertEquals("end", events.get(events.size() - 1));
        assertEquals(n == 0 ? 2 : 3, events.size());
    }

    private static void assertLimit(long limit, long length, byte[] header) throws ProtocolException {
        assertLimit(limit, length, header, CloseCode.MESSAGE_TOO_BIG);
    }

    private static void assertLimit(long limit, long length, byte[] header, int closeCode) throws ProtocolException {
        DecoderConfig config = DecoderConfig.of(Role.CLIENT).withMaxPayload(limit);
        assertRejected(config, header, closeCode);
        if (closeCode == CloseCode.MESSAGE_TOO_BIG) {
            byte[] atLimit = header.clone();
            if (length - 1 < 126) {
                atLimit[1] = (byte) (length - 1);
            } else {
                atLimit[atLimit.length - 1]--;
            }
            List<String> events = decodeAll(config, concat(atLimit, new byte[(int) limit]));
            assertTrue(events.get(0).endsWith("len=" + limit), events.get(0));
        }
    }

    private static List<String> decodeAll(Role role, byte[] stream) throws ProtocolException {
        return decodeAll(DecoderConfig.of(role), stream);
    }

    private static List<String> decodeAll(DecoderConfig config, byte[] stream) throws ProtocolException {
        FrameDecoder decoder = new FrameDecoder(config);
        RecordingListener listener = new RecordingListener();
        ByteBuffer src = ByteBuffer.wrap(stream.clone());
        decoder.decode(src, listener);
        assertEquals(src.limit(), src.position());
        assertTrue(decoder.isAtFrameBoundary());
        return listener.mergedEvents();
    }

    private static void assertRejected(Role role, byte[] stream, int closeCode) {
        assertRejected(DecoderConfig.of(role), stream, closeCode);
    }

    /** The stream fails with {@code closeCode} whether it arrives whole or one byte at a time. */
    private static void assertRejected(DecoderConfig config, byte[] stream, int closeCode) {
        RecordingListener whole = new RecordingListener();
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> new FrameDecoder(config).decode(ByteBuffer.wrap(stream.clone()), whole));
        assertEquals(closeCode, e.closeCode(), e.getMessage());
        assertTrue(whole.events.isEmpty(), "no event for a rejected frame: " + whole.events);

        FrameDecoder decoder = new FrameDecoder(config);
        RecordingListener bytewise = new RecordingListener();
        byte[] copy = stream.clone();
        ProtocolException bytewiseFailure = null;
        for (int i = 0; i < copy.length && bytewiseFailure == null; i++) {
            try {
                decoder.decode(ByteBuffer.wrap(copy, i, 1), bytewise);
            } catch (ProtocolException failure) {
                bytewiseFailure = failure;
            }
        }
        assertTrue(bytewiseFailure != null, "byte-by-byte decoding fails too");
        assertEquals(closeCode, bytewiseFailure.closeCode());
        assertTrue(bytewise.events.isEmpty());
    }

    private static void assertSameEventsForEverySplit(DecoderConfig config, byte[] frame) throws ProtocolException {
        List<String> expected = decodeAll(config, frame);
        int headerEnd = Math.min(frame.length, 20); // the longest header, 14 bytes, and a little payload
        for (int split = 0; split <= headerEnd; split++) {
            byte[] copy = frame.clone();
            FrameDecoder decoder = new FrameDecoder(config);
            RecordingListener listener = new RecordingListener();
            decoder.decode(ByteBuffer.wrap(copy, 0, split), listener);
            decoder.decode(ByteBuffer.wrap(copy, split, copy.length - split), listener);
            assertEquals(expected, listener.mergedEvents(), "split at " + split);
            assertTrue(decoder.isAtFrameBoundary());
        }
        byte[] copy = frame.clone();
        FrameDecoder decoder = new FrameDecoder(config);
        RecordingListener listener = new RecordingListener();
        for (int i = 0; i < headerEnd; i++) {
            decoder.decode(ByteBuffer.wrap(copy, i, 1), listener);
        }
        decoder.decode(ByteBuffer.wrap(copy, headerEnd, copy.length - headerEnd), listener);
        assertEquals(expected, listener.mergedEvents(), "header one byte at a time");
    }
}

package io.wspy.frame;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.stream.IntStream;

import static io.wspy.frame.TestBytes.concat;
import static io.wspy.frame.TestBytes.hex;
import static io.wspy.frame.TestBytes.remaining;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CloseStatusTest {
    /** Every code from 0 to 5100 (all the classes and their edges), then a sample up to 65535. */
    private static final int[] CODES = IntStream.concat(IntStream.rangeClosed(0, 5100),
            IntStream.concat(IntStream.iterate(5101, code -> code < 0xFFFF, code -> code + 97), IntStream.of(0xFFFF)))
            .toArray();
    @Test
    void parsesEveryCodeValidOnTheWireAndRejectsTheRestWith1002() throws ProtocolException {
        for (int code : CODES) {
            ByteBuffer payload = ByteBuffer.wrap(concat(new byte[] {(byte) (code >>> 8), (byte) code}, ascii("ok")));
            if (isValidOnWire(code)) {
                assertEquals(new CloseStatus(code, "ok"), CloseStatus.parse(payload), "code " + code);
            } else {
                int c = code;
                ProtocolException e = assertThrows(ProtocolException.class, () -> CloseStatus.parse(payload),
                        "code " + code);
                assertEquals(CloseCode.PROTOCOL_ERROR, e.closeCode(), "code " + c);
            }
        }
    }

    @Test
    void encodesEveryCodeValidOnTheWireAndRefusesTheRest() {
        for (int code : CODES) {
            CloseStatus status = new CloseStatus(code, "why");
            if (isValidOnWire(code)) {
                assertArrayEquals(concat(new byte[] {(byte) (code >>> 8), (byte) code}, ascii("why")),
                        remaining(status.encode()), "code " + code);
            } else {
                assertThrows(IllegalArgumentException.class, status::encode, "code " + code);
            }
        }
    }

    @Test
    void emptyPayloadMeansNoStatusAndNoStatusEncodesEmpty() throws ProtocolException {
        assertSame(CloseStatus.NO_STATUS, CloseStatus.parse(ByteBuffer.allocate(0)));
        assertEquals(CloseCode.NO_STATUS_RECEIVED, CloseStatus.NO_STATUS.code());
        assertEquals(0, CloseStatus.NO_STATUS.encode().remaining());
        assertThrows(IllegalArgumentException.class, () -> new CloseStatus(1005, "with a reason").encode());
        assertThrows(IllegalArgumentException.class, CloseStatus.ABNORMAL::encode);
        assertEquals(CloseCode.ABNORMAL_CLOSURE, CloseStatus.ABNORMAL.code());
    }

    @Test
    void oneBytePayloadIsAProtocolError() {
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> CloseStatus.parse(ByteBuffer.wrap(hex("03"))));
        assertEquals(CloseCode.PROTOCOL_ERROR, e.closeCode());
    }

    @Test
    void payloadOver125BytesIsAProtocolError() throws ProtocolException {
        byte[] longest = concat(hex("03 e8"), ascii("a".repeat(123)));
        assertEquals("a".repeat(123), CloseStatus.parse(ByteBuffer.wrap(longest)).reason());
        byte[] tooLong = concat(hex("03 e8"), ascii("a".repeat(124)));
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> CloseStatus.parse(ByteBuffer.wrap(tooLong)));
        assertEquals(CloseCode.PROTOCOL_ERROR, e.closeCode());
    }

    @Test
    void invalidUtf8ReasonIsAnInvalidPayload() {
        for (String bad : new String[] {"c0 af", "ed a0 80", "ff", "80", "e2 82", "f4 90 80 80", "41 c3"}) {
            byte[] payload = concat(hex("03 e8"), hex(bad));
            ProtocolException e = assertThrows(ProtocolException.class,
                    () -> CloseStatus.parse(ByteBuffer.wrap(payload)), bad);
            assertEquals(CloseCode.INVALID_PAYLOAD, e.closeCode(), bad);
        }
    }

    @Test
    void parsesUtf8ReasonsAndCodesAtAnyPositionAndByteOrder() throws ProtocolException {
        byte[] reason = "κόσμε €".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = concat(hex("ff ff ff"), hex("0f a0"), reason);
        ByteBuffer payload = ByteBuffer.wrap(bytes).position(3);
        assertEquals(new CloseStatus(4000, "κόσμε €"), CloseStatus.parse(payload));

        ByteBuffer littleEndian = ByteBuffer.wrap(concat(hex("03 e9"), reason)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(new CloseStatus(1001, "κόσμε €"), CloseStatus.parse(littleEndian),
                "the code is big-endian whatever the buffer's byte order");

        ByteBuffer direct = ByteBuffer.allocateDirect(2 + reason.length);
        direct.put(hex("0b b8")).put(reason).flip();
        assertEquals(new CloseStatus(3000, "κόσμε €"), CloseStatus.parse(direct));
    }

    @Test
    void reasonMayTakeUpTo123BytesOfUtf8() {
        String longestTwoByte = "é".repeat(61) + "a";
        assertEquals(125, new CloseStatus(1000, longestTwoByte).encode().remaining());
        assertThrows(IllegalArgumentException.class, () -> new CloseStatus(1000, "é".repeat(62)).encode());
        assertThrows(IllegalArgumentException.class, () -> new CloseStatus(1000, "a".repeat(124)).encode());
        assertEquals(123, CloseStatus.MAX_REASON_BYTES);
    }

    @Test
    void encodeIsBigEndianCodeThenUtf8Reason() {
        ByteBuffer encoded = new CloseStatus(1000, "é").encode();
        assertArrayEquals(hex("03 e8 c3 a9"), remaining(encoded));
        assertArrayEquals(hex("11 94"), remaining(CloseStatus.of(4500).encode()));
    }

    @Test
    void constructorChecksRangeAndReason() {
        assertEquals(0, CloseStatus.of(0).code());
        assertEquals(65535, CloseStatus.of(65535).code());
        assertThrows(IllegalArgumentException.class, () -> CloseStatus.of(-1));
        assertThrows(IllegalArgumentException.class, () -> CloseStatus.of(65536));
        assertThrows(IllegalArgumentException.class, () -> new CloseStatus(1000, null));
        assertEquals("", CloseStatus.of(1000).reason());
    }

    @Test
    void truncatedCutsOnACharacterBoundary() {
        CloseStatus ascii = new CloseStatus(1011, "x".repeat(200));
        assertEquals("x".repeat(123), ascii.truncated().reason());
        assertEquals(1011, ascii.truncated().code());

        assertEquals("é".repeat(61), new CloseStatus(1000, "é".repeat(70)).truncated().reason());
        assertEquals("€".repeat(41), new CloseStatus(1000, "€".repeat(50)).truncated().reason());
        assertEquals("😀".repeat(30), new CloseStatus(1000, "😀".repeat(40)).truncated().reason());
        assertEquals("ab" + "😀".repeat(30), new CloseStatus(1000, "ab" + "😀".repeat(40)).truncated().reason());
        assertEquals("abc" + "😀".repeat(30), new CloseStatus(1000, "abc" + "😀".repeat(40)).truncated().reason(),
                "a cut exactly after a character keeps it");

        for (int prefix = 0; prefix < 8; prefix++) {
            CloseStatus cut = new CloseStatus(1000, "a".repeat(prefix) + "€😀é".repeat(30)).truncated();
            int bytes = cut.reason().getBytes(StandardCharsets.UTF_8).length;
            assertTrue(bytes <= 123 && bytes >= 120, "prefix " + prefix + ": " + bytes);
            assertTrue(("a".repeat(prefix) + "€😀é".repeat(30)).startsWith(cut.reason()));
            assertEquals(2 + bytes, cut.encode().remaining());
        }
    }

    @Test
    void truncatedKeepsAShortStatus() {
        CloseStatus exact = new CloseStatus(1000, "y".repeat(123));
        assertSame(exact, exact.truncated());
        CloseStatus empty = CloseStatus.of(1001);
        assertSame(empty, empty.truncated());
    }

    @Test
    void toStringShowsCodeReasonAndMeaning() {
        assertEquals("1000 bye (normal closure)", new CloseStatus(1000, "bye").toString());
        assertEquals("1009 (message too big)", CloseStatus.of(1009).toString());
    }

    private static boolean isValidOnWire(int code) {
        return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}

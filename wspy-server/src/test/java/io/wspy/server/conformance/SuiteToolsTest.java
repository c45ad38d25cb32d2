package io.wspy.server.conformance;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.zip.Deflater;

import static io.wspy.server.conformance.Payloads.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The suite's own judges can fail: a suite whose checks cannot fail proves nothing. */
class SuiteToolsTest {
    private static final byte[] TAIL = {0, 0, (byte) 0xFF, (byte) 0xFF};

    @Test
    void windowCheckRefusesReferencesBeyondTheWindow() {
        byte[] data = Payloads.farRepeats();
        byte[] unit = Payloads.concat(syncFlushed(data), TAIL);
        assertThrows(IllegalStateException.class, () -> new WindowCheckingInflater(9).inflate(unit));
        WindowCheckingInflater wide = new WindowCheckingInflater(15);
        assertArrayEquals(data, wide.inflate(unit));
        assertTrue(wide.maxDistance() > 512, "the data reaches further than 2^9: " + wide.maxDistance());
    }

    @Test
    void ourCompressionHonoursEveryWindowAcrossMessages() {
        byte[] data = Payloads.farRepeats();
        for (int bits = 8; bits <= 15; bits++) {
            SessionCompression sender = new SessionCompression(true, bits, true, 15);
            WindowCheckingInflater receiver = new WindowCheckingInflater(bits);
            for (int message = 0; message < 3; message++) {
                byte[] unit = Payloads.concat(sender.compress(data), TAIL);
                assertArrayEquals(data, receiver.inflate(unit), "window " + bits + ", message " + message);
            }
            assertTrue(receiver.maxDistance() <= 1 << bits);
            sender.close();
        }
    }

    @Test
    void utf8OracleFindsTheFirstImpossibleByte() {
        assertEquals(Utf8Oracle.NONE, Utf8Oracle.firstInvalidByte(bytes(0xF4, 0x8F, 0xBF, 0xBF)));
        assertEquals(1, Utf8Oracle.firstInvalidByte(bytes(0xF4, 0x90, 0x80, 0x80)));
        assertEquals(1, Utf8Oracle.firstInvalidByte(bytes(0xED, 0xA0, 0x80)));
        assertEquals(0, Utf8Oracle.firstInvalidByte(bytes(0xC0, 0xAF)));
        assertEquals(2, Utf8Oracle.firstInvalidByte(bytes(0x61, 0x62, 0x80)));
        assertFalse(Utf8Oracle.isValid(bytes(0xE2, 0x82)), "cut at the end");
        assertTrue(Utf8Oracle.isValid(bytes(0xE2, 0x82, 0xAC)));
    }

    @Test
    void deflateParametersAreParsedStrictly() {
        DeflateParams p = DeflateParams.parse("permessage-deflate; server_max_window_bits=\"9\"; client_no_context_takeover");
        assertEquals(new DeflateParams(false, true, 9, DeflateParams.ABSENT), p);
        for (String bad : new String[] {"permessage-deflate; server_max_window_bits=7",
            "permessage-deflate; server_max_window_bits=09", "permessage-deflate; x",
            "permessage-deflate; client_no_context_takeover; client_no_context_takeover"}) {
            assertThrows(IllegalArgumentException.class, () -> DeflateParams.parse(bad), bad);
        }
        DeflateParams offer = new DeflateParams(true, false, 10, DeflateParams.ABSENT);
        assertNull(offer.whyInvalidAnswerTo(new DeflateParams(true, true, 9, DeflateParams.ABSENT)));
        assertTrue(offer.whyInvalidAnswerTo(new DeflateParams(false, false, 10, DeflateParams.ABSENT)) != null);
        assertTrue(offer.whyInvalidAnswerTo(new DeflateParams(true, false, 11, DeflateParams.ABSENT)) != null);
        assertTrue(offer.whyInvalidAnswerTo(new DeflateParams(true, false, 10, 12)) != null, "not offered");
    }

    private static byte[] syncFlushed(byte[] data) {
        Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        d.setInput(data);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        do {
            n = d.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
            out.write(buffer, 0, n);
        } while (n == buffer.length);
        d.end();
        byte[] all = out.toByteArray();
        return Arrays.copyOf(all, all.length - 4);
    }
}

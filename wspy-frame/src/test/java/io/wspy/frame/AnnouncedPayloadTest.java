package io.wspy.frame;

import io.wspy.testing.FuzzInput;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link FrameReader} buffers a payload as it arrives: a header announcing megabytes, within the
 * limit, costs nothing until the bytes come (an attacker would otherwise reserve the frame limit
 * with 14 bytes).
 */
class AnnouncedPayloadTest {
    /** A masked binary frame header with a 64-bit length and a zero key. */
    private static byte[] header(long length) {
        return ByteBuffer.allocate(14).put((byte) 0x82).put((byte) (0x80 | 127)).putLong(length).putInt(0).array();
    }

    @Test
    void aHeaderAloneReservesNoMoreThanASmallBuffer() {
        long allocated = FuzzInput.allocationOf(() -> {
            try {
                FrameReader reader = new FrameReader(Role.SERVER);
                reader.feed(ByteBuffer.wrap(header(1 << 20)));
                assertNull(reader.poll());
            } catch (ProtocolException e) {
                throw new AssertionError(e);
            }
        });
        assertTrue(allocated < 64 * 1024, allocated + " bytes allocated for a header announcing 1 MiB");
    }

    @Test
    void thePayloadStillArrivesWholeInAnySplit() throws ProtocolException {
        FrameReader reader = new FrameReader(Role.SERVER);
        byte[] payload = new byte[300_000];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (i * 31);
        }
        reader.feed(ByteBuffer.wrap(header(payload.length)));
        for (int at = 0; at < payload.length; at += 7_001) {
            byte[] part = Arrays.copyOfRange(payload, at, Math.min(payload.length, at + 7_001));
            reader.feed(part, 0, part.length);
        }
        Frame frame = reader.poll();
        assertEquals(payload.length, frame.length());
        assertEquals(payload.length, frame.payload().capacity());
        byte[] received = new byte[payload.length];
        frame.payload().get(received);
        assertArrayEquals(payload, received);
    }
}

package io.wspy.protocol;

import io.wspy.frame.FrameHeader;
import io.wspy.frame.Opcode;
import io.wspy.frame.Role;
import io.wspy.frame.extension.ExtensionChain;
import io.wspy.testing.FuzzInput;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A frame that extensions must see whole is buffered as its payload arrives: a header announcing
 * megabytes, within the limit, costs nothing until the bytes come (an attacker would otherwise
 * reserve the frame limit on every connection with 14 bytes each).
 */
class AnnouncedPayloadTest {
    private static final int ANNOUNCED = 1 << 20;

    private static Endpoint server() {
        return new Endpoint(Role.SERVER, ProtocolConfig.defaults(),
                new ExtensionChain(List.of(new ExtensionIntegrationTest.Reverse())));
    }

    /** A masked binary frame header with RSV1 (the extension's mark) and a 64-bit length. */
    private static byte[] header(long length) {
        return ByteBuffer.allocate(14).put((byte) (0x80 | (FrameHeader.RSV1 << 4) | Opcode.BINARY))
                .put((byte) (0x80 | 127)).putLong(length).putInt(0).array();
    }

    @Test
    void aHeaderAloneReservesNoMoreThanASmallBuffer() {
        long allocated = FuzzInput.allocationOf(() -> server().receive(header(ANNOUNCED)));
        assertTrue(allocated < 64 * 1024, allocated + " bytes allocated for a header announcing " + ANNOUNCED);
    }

    @Test
    void thePayloadStillArrivesWholeInAnySplit() {
        Endpoint server = server();
        byte[] payload = new byte[300_000];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (i * 31);
        }
        server.receive(header(payload.length));
        for (int at = 0; at < payload.length; at += 7_001) {
            server.receive(Arrays.copyOfRange(payload, at, Math.min(payload.length, at + 7_001)));
        }
        assertEquals(1, server.events.messages.size());
        byte[] reversed = new byte[payload.length];
        for (int i = 0; i < payload.length; i++) {
            reversed[i] = payload[payload.length - 1 - i];
        }
        ByteBuffer received = server.events.messages.get(0).payload();
        byte[] bytes = new byte[received.remaining()];
        received.get(bytes);
        assertArrayEquals(reversed, bytes);
    }
}

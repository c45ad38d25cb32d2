package io.wspy.frame;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static io.wspy.frame.TestBytes.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrameReaderTest {
    @Test
    void collectsWholeFramesAndKeepsTheirMaskingKeys() throws ProtocolException {
        FrameReader reader = new FrameReader(Role.SERVER);
        byte[] stream = hex("81 85 37 fa 21 3d 7f 9f 4d 51 58 89 80 01 02 03 04");
        byte[] original = stream.clone();
        reader.feed(stream, 0, stream.length);
        assertArrayEquals(original, stream, "the caller's bytes are not unmasked in place");
        assertEquals(2, reader.available());
        assertEquals(Frame.text("Hello").withMaskingKey(0x37fa213d), reader.poll());
        assertEquals(Frame.ping().withMaskingKey(0x01020304), reader.poll());
        assertNull(reader.poll());
        assertEquals(0, reader.available());
    }

    @Test
    void unmaskedFramesHaveNoKey() throws ProtocolException {
        FrameReader reader = new FrameReader(Role.CLIENT);
        reader.feed(ByteBuffer.wrap(hex("01 03 48 65 6c 80 02 6c 6f")));
        Frame first = reader.poll();
        assertFalse(first.isMasked());
        assertEquals(Frame.text("Hel").withFin(false), first);
        assertEquals(new Frame(Opcode.CONTINUATION, "lo".getBytes(java.nio.charset.StandardCharsets.US_ASCII)),
                reader.poll());
    }

    @Test
    void feedConsumesTheBufferAndCompletesFramesAcrossCalls() throws ProtocolException {
        FrameReader reader = new FrameReader(Role.CLIENT);
        ByteBuffer part = ByteBuffer.wrap(hex("82 03 01 02"));
        reader.feed(part);
        assertEquals(part.limit(), part.position());
        assertEquals(0, reader.available());
        assertFalse(reader.isAtFrameBoundary());
        reader.feed(ByteBuffer.wrap(hex("03 82 00")));
        assertTrue(reader.isAtFrameBoundary());
        assertArrayEquals(new byte[] {1, 2, 3}, reader.poll().payloadBytes());
        assertEquals(0, reader.poll().length());
    }

    @Test
    void framesCompletedBeforeAnErrorCanStillBePolled() throws ProtocolException {
        FrameReader reader = new FrameReader(Role.CLIENT);
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> reader.feed(ByteBuffer.wrap(hex("8a 00 8a 7e 00 7e"))));
        assertEquals(CloseCode.PROTOCOL_ERROR, e.closeCode());
        assertEquals(Frame.pong(new byte[0]), reader.poll());
        assertThrows(ProtocolException.class, () -> reader.feed(ByteBuffer.wrap(hex("8a 00"))));
    }

    @Test
    void respectsTheConfiguredLimit() {
        FrameReader reader = new FrameReader(DecoderConfig.of(Role.CLIENT).withMaxPayload(4));
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> reader.feed(ByteBuffer.wrap(hex("82 05"))));
        assertEquals(CloseCode.MESSAGE_TOO_BIG, e.closeCode());
    }

    /** Without a limit the decoder accepts any length, but a frame in memory cannot exceed an array. */
    @Test
    void refusesFramesTooLargeForMemoryWithoutAllocating() {
        FrameReader reader = new FrameReader(DecoderConfig.of(Role.CLIENT).withMaxPayload(Long.MAX_VALUE));
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> reader.feed(ByteBuffer.wrap(hex("82 7f 00 00 01 00 00 00 00 00"))));
        assertEquals(CloseCode.MESSAGE_TOO_BIG, e.closeCode());

        FrameReader justOver2GiB = new FrameReader(DecoderConfig.of(Role.CLIENT).withMaxPayload(Long.MAX_VALUE));
        e = assertThrows(ProtocolException.class,
                () -> justOver2GiB.feed(ByteBuffer.wrap(hex("82 7f 00 00 00 00 80 00 00 00"))));
        assertEquals(CloseCode.MESSAGE_TOO_BIG, e.closeCode());
    }

    @Test
    void polledFramesDoNotShareTheirPayloads() throws ProtocolException {
        FrameReader reader = new FrameReader(Role.CLIENT);
        byte[] stream = hex("82 02 01 02 82 02 03 04");
        reader.feed(stream, 0, stream.length);
        Frame first = reader.poll();
        stream[2] = 9;
        reader.feed(stream, 0, 4);
        assertArrayEquals(new byte[] {1, 2}, first.payloadBytes());
        assertArrayEquals(new byte[] {3, 4}, reader.poll().payloadBytes());
        assertArrayEquals(new byte[] {9, 2}, reader.poll().payloadBytes());
    }
}

package io.wspy.protocol;

import io.wspy.frame.Opcode;
import io.wspy.testing.FuzzInput;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MessageAssemblerTest {
    private final List<Message> messages = new ArrayList<>();
    private final MessageAssembler assembler = new MessageAssembler(messages::add);

    private static byte[] pattern(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 7 + (i >>> 9));
        }
        return b;
    }

    private void feed(byte[] bytes, int chunk) {
        for (int at = 0; at < bytes.length; at += chunk) {
            assembler.data(ByteBuffer.wrap(bytes, at, Math.min(chunk, bytes.length - at)));
        }
    }

    /** The message assembled, checking that every run (allocation is measured over several) made the same. */
    private byte[] only() {
        assertTrue(!messages.isEmpty());
        byte[] first = ((BinaryMessage) messages.get(0)).bytes();
        for (Message m : messages) {
            assertArrayEquals(first, ((BinaryMessage) m).bytes());
        }
        return first;
    }

    @Test
    void aHintedMessageSpanningManyReadsIsCopiedOnceIntoABufferOfItsSize() {
        byte[] payload = pattern(1 << 20);
        long allocated = FuzzInput.allocationOf(() -> {
            assembler.start(Opcode.BINARY, payload.length);
            feed(payload, 65_000);
            assembler.end();
        });
        assertArrayEquals(payload, only());
        // Growing by four up to the hinted size: 64 KiB + 256 KiB + 1 MiB, and no final trimming copy.
        assertTrue(allocated < payload.length + payload.length / 2, allocated + " bytes allocated for 1 MiB");
    }

    @Test
    void aHintedMessageArrivingWholeAllocatesItsSizeOnly() {
        byte[] payload = pattern(16 * 1024);
        long allocated = FuzzInput.allocationOf(() -> {
            assembler.start(Opcode.BINARY, payload.length);
            feed(payload, 5000);
            assembler.end();
        });
        assertArrayEquals(payload, only());
        assertTrue(allocated < payload.length + 1024, allocated + " bytes allocated for 16 KiB");
    }

    @Test
    void theHintDoesNotMakeAllocationRunAheadOfTheBytes() {
        long allocated = FuzzInput.allocationOf(() -> {
            assembler.start(Opcode.BINARY, 16 << 20);
            assembler.data(ByteBuffer.wrap(new byte[10]));
        });
        assertTrue(allocated <= MessageAssembler.EAGER_BYTES + 1024, allocated + " bytes for 10 bytes announced as 16 MiB");
    }

    @Test
    void aMessageLongerThanItsHintGrowsPastIt() {
        // A fragmented message: the hint was its first frame's length.
        byte[] payload = pattern(300_000);
        assembler.start(Opcode.BINARY, 1000);
        feed(payload, 999);
        assembler.end();
        assertArrayEquals(payload, only());
    }

    @Test
    void aMessageShorterThanItsHintIsTrimmed() {
        assembler.start(Opcode.BINARY, 100);
        feed(pattern(40), 40);
        assembler.end();
        assertArrayEquals(pattern(40), only());
    }

    @Test
    void withoutAHintTextIsCollectedFromAnySplit() {
        byte[] utf8 = "héllo wörld, a text message in pieces".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assembler.start(Opcode.TEXT);
        feed(utf8, 3);
        assembler.end();
        assembler.start(Opcode.BINARY);
        assembler.end();
        assertEquals("héllo wörld, a text message in pieces", ((TextMessage) messages.get(0)).text());
        assertEquals(0, messages.get(1).length());
    }
}

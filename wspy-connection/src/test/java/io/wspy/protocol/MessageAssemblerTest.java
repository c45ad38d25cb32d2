package io.wspy.protocol;

import io.wspy.frame.Masking;
import io.wspy.frame.Opcode;
import io.wspy.testing.FuzzInput;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
    @Test
    void aBudgetLetsAnAnnouncedMessageTakeItsWholeBufferAtOnce() {
        AllocationBudget budget = new AllocationBudget(4 << 20);
        MessageAssembler budgeted = new MessageAssembler(messages::add, budget);
        byte[] payload = pattern(1 << 20);
        long allocated = FuzzInput.allocationOf(() -> {
            budgeted.start(Opcode.BINARY, payload.length);
            assertEquals(payload.length, budget.reserved());
            for (int at = 0; at < payload.length; at += 65_000) {
                budgeted.data(ByteBuffer.wrap(payload, at, Math.min(65_000, payload.length - at)));
            }
            budgeted.end();
        });
        assertArrayEquals(payload, only());
        // The buffer, and the chunks this test wraps.
        assertTrue(allocated < payload.length + 4096, allocated + " bytes allocated for 1 MiB");
        assertEquals(0, budget.reserved());
    }

    @Test
    void pastTheBudgetMemoryFollowsTheBytesAgain() {
        AllocationBudget budget = new AllocationBudget(3 << 20);
        MessageAssembler first = new MessageAssembler(messages::add, budget);
        MessageAssembler second = new MessageAssembler(messages::add, budget);
        first.start(Opcode.BINARY, 2 << 20);
        long allocated = FuzzInput.allocationOf(() -> {
            second.start(Opcode.BINARY, 2 << 20);
            second.data(ByteBuffer.wrap(new byte[10]));
            second.abandon();
        });
        assertTrue(allocated <= MessageAssembler.EAGER_BYTES + 1024, allocated + " bytes for 10 bytes over the budget");
        assertEquals(2 << 20, budget.reserved());
        first.abandon();
        assertEquals(0, budget.reserved(), "a message cut short gives its reservation back");
        first.abandon();
        assertEquals(0, budget.reserved(), "only once");
    }

    @Test
    void smallMessagesAndAnEmptyBudgetReserveNothing() {
        AllocationBudget none = new AllocationBudget(0);
        MessageAssembler assembler = new MessageAssembler(messages::add, none);
        assembler.start(Opcode.BINARY, 1 << 20);
        assertEquals(0, none.reserved());
        AllocationBudget budget = new AllocationBudget(1 << 20);
        MessageAssembler small = new MessageAssembler(messages::add, budget);
        small.start(Opcode.BINARY, MessageAssembler.EAGER_BYTES);
        assertEquals(0, budget.reserved(), "what eager allocation covers needs no reservation");
        assertThrows(IllegalArgumentException.class, () -> new AllocationBudget(-1));
    }

    @Test
    void maskedBytesAreUnmaskedWhileCopiedFromHeapAndDirectBuffers() {
        byte[] payload = pattern(200_003);
        int key = 0x1F2E3D4C;
        byte[] masked = payload.clone();
        Masking.mask(masked, 0, masked.length, key, 0);
        for (boolean direct : new boolean[] {false, true}) {
            assembler.start(Opcode.BINARY, payload.length);
            int phase = 0;
            for (int at = 0; at < masked.length; at += 7_777) {
                int n = Math.min(7_777, masked.length - at);
                ByteBuffer chunk = direct ? ByteBuffer.allocateDirect(n).put(masked, at, n).flip()
                        : ByteBuffer.wrap(masked, at, n);
                assembler.maskedData(chunk, key, phase);
                phase = (phase + n) & 3;
            }
            assembler.end();
        }
        assertEquals(2, messages.size());
        assertArrayEquals(payload, only());
    }
}

package io.wspy.extensions.internal;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

class OutputBufferTest {
    private static ByteBuffer write(OutputBuffer out, int hint, int n, byte value) {
        out.start(hint);
        ByteBuffer room = out.room(n, Integer.MAX_VALUE);
        for (int i = 0; i < n; i++) {
            room.put(value);
        }
        return room;
    }

    @Test
    void anOwnedResultThatNearlyFillsTheReusedBufferIsHandedOverWithoutACopy() {
        OutputBuffer out = new OutputBuffer();
        ByteBuffer reused = write(out, 1000, 1000, (byte) 1);
        ByteBuffer first = out.result(true);
        assertSame(reused.array(), first.array(), "handed over, not copied");
        assertEquals(1000, first.remaining());

        ByteBuffer next = write(out, 1000, 1000, (byte) 2);
        assertNotSame(reused.array(), next.array(), "the next unit writes into a new buffer");
        out.result(true);
        assertEquals(1, first.get(999), "the first result is the caller's for good");
    }

    @Test
    void anOwnedResultWithMuchRoomLeftIsCopiedToItsSize() {
        OutputBuffer out = new OutputBuffer();
        ByteBuffer reused = write(out, 4096, 100, (byte) 3);
        ByteBuffer result = out.result(true);
        assertNotSame(reused.array(), result.array());
        assertEquals(100, result.capacity(), "no unused room handed over");
        assertSame(reused.array(), write(out, 4096, 10, (byte) 4).array(), "the reused buffer stays");
    }

    @Test
    void aResultThatIsNotOwnedIsAViewOfTheReusedBuffer() {
        OutputBuffer out = new OutputBuffer();
        ByteBuffer reused = write(out, 1000, 1000, (byte) 5);
        assertSame(reused.array(), out.result(false).array());
        assertSame(reused.array(), write(out, 1000, 10, (byte) 6).array());
    }
}

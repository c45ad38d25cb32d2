package io.wspy.frame;

import org.junit.jupiter.api.Test;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ReadOnlyBufferException;
import java.util.Random;

import static io.wspy.frame.TestBytes.naiveMask;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link Masking} on every kind of {@link ByteBuffer}, against the byte-by-byte reference. */
class MaskingBufferTest {
    /** The kinds of buffer masking must handle; the read-only ones only as a source. */
    enum Kind {
        HEAP, HEAP_LITTLE_ENDIAN, HEAP_SLICE, DIRECT, DIRECT_LITTLE_ENDIAN, DIRECT_UNALIGNED_SLICE,
        READ_ONLY_HEAP, READ_ONLY_DIRECT;

        boolean writable() {
            return this != READ_ONLY_HEAP && this != READ_ONLY_DIRECT;
        }

        /** A buffer whose bytes are {@code before}, {@code content}, {@code after}; positioned on the content. */
        ByteBuffer holding(byte[] before, byte[] content, byte[] after) {
            int size = before.length + content.length + after.length;
            ByteBuffer buffer;
            switch (this) {
                case HEAP: buffer = ByteBuffer.allocate(size); break;
                case HEAP_LITTLE_ENDIAN: buffer = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN); break;
                case HEAP_SLICE: buffer = ByteBuffer.allocate(size + 13).position(13).slice(); break;
                case DIRECT: buffer = ByteBuffer.allocateDirect(size); break;
                case DIRECT_LITTLE_ENDIAN:
                    buffer = ByteBuffer.allocateDirect(size).order(ByteOrder.LITTLE_ENDIAN);
                    break;
                case DIRECT_UNALIGNED_SLICE:
                    buffer = ByteBuffer.allocateDirect(size + 3).position(3).slice().order(ByteOrder.LITTLE_ENDIAN);
                    break;
                case READ_ONLY_HEAP: buffer = ByteBuffer.allocate(size); break;
                default: buffer = ByteBuffer.allocateDirect(size); break;
            }
            buffer.put(before).put(content).put(after);
            buffer.position(before.length).limit(before.length + content.length);
            return writable() ? buffer : buffer.asReadOnlyBuffer();
        }
    }

    @Test
    void bufferKindsAreWhatTheirNamesSay() {
        assertTrue(Kind.HEAP_SLICE.holding(new byte[0], new byte[1], new byte[0]).arrayOffset() > 0);
        assertTrue(Kind.DIRECT.holding(new byte[0], new byte[1], new byte[0]).isDirect());
        assertTrue(Kind.READ_ONLY_HEAP.holding(new byte[0], new byte[1], new byte[0]).isReadOnly());
        assertEquals(ByteOrder.LITTLE_ENDIAN,
                Kind.DIRECT_UNALIGNED_SLICE.holding(new byte[0], new byte[1], new byte[0]).order());
    }

    @Test
    void inPlaceOnEveryWritableKind() {
        Random random = new Random(61);
        for (Kind kind : Kind.values()) {
            if (!kind.writable()) {
                continue;
            }
            for (int length = 0; length <= 300; length++) {
                assertInPlace(random, kind, length, length & 3);
            }
            for (int phase = 0; phase < 4; phase++) {
                for (int length : new int[] {1, 7, 8, 9, 31, 32, 33, 65536 + 5}) {
                    assertInPlace(random, kind, length, phase);
                }
            }
        }
    }

    @Test
    void copyBetweenEveryPairOfKinds() {
        Random random = new Random(62);
        for (Kind from : Kind.values()) {
            for (Kind to : Kind.values()) {
                if (!to.writable()) {
                    continue;
                }
                for (int length = 0; length <= 70; length++) {
                    assertCopy(random, from, to, length, random.nextInt(4));
                }
                for (int phase = 0; phase < 4; phase++) {
                    assertCopy(random, from, to, 200 + random.nextInt(100), phase);
                }
                assertCopy(random, from, to, 65536 + 3, 1);
            }
        }
    }

    @Test
    void inPlaceOnAReadOnlyBufferIsRefused() {
        for (Kind kind : new Kind[] {Kind.READ_ONLY_HEAP, Kind.READ_ONLY_DIRECT}) {
            for (int length : new int[] {1, 5, 64}) {
                ByteBuffer buffer = kind.holding(new byte[0], new byte[length], new byte[0]);
                assertThrows(ReadOnlyBufferException.class, () -> Masking.mask(buffer, -1, 0), kind + " " + length);
            }
        }
    }

    @Test
    void copyIntoAReadOnlyBufferIsRefused() {
        for (Kind kind : new Kind[] {Kind.READ_ONLY_HEAP, Kind.READ_ONLY_DIRECT}) {
            ByteBuffer dst = kind.holding(new byte[0], new byte[16], new byte[0]);
            assertThrows(ReadOnlyBufferException.class,
                    () -> Masking.mask(ByteBuffer.allocate(16), dst, -1, 0), kind.toString());
        }
    }

    @Test
    void copyIntoATooSmallBufferIsRefusedBeforeAnyChange() {
        for (Kind kind : Kind.values()) {
            if (!kind.writable()) {
                continue;
            }
            ByteBuffer src = ByteBuffer.wrap(new byte[] {1, 2, 3, 4, 5});
            ByteBuffer dst = kind.holding(new byte[2], new byte[4], new byte[3]);
            assertThrows(BufferOverflowException.class, () -> Masking.mask(src, dst, -1, 0), kind.toString());
            assertEquals(0, src.position());
            assertEquals(2, dst.position());
            assertArrayEquals(new byte[9], allBytes(dst), kind.toString());
        }
    }

    @Test
    void emptyBuffersKeepThePhase() {
        for (int phase = 0; phase < 4; phase++) {
            assertEquals(phase, Masking.mask(ByteBuffer.allocate(0), 7, phase));
            assertEquals(phase, Masking.mask(ByteBuffer.allocateDirect(0), ByteBuffer.allocate(0), 7, phase));
        }
    }

    private static void assertInPlace(Random random, Kind kind, int length, int phase) {
        byte[] before = TestBytes.random(random, random.nextInt(9));
        byte[] content = TestBytes.random(random, length);
        byte[] after = TestBytes.random(random, random.nextInt(9));
        int key = random.nextInt();
        ByteBuffer buffer = kind.holding(before, content, after);
        assertEquals((phase + length) & 3, Masking.mask(buffer, key, phase));
        String where = kind + ", length " + length + ", phase " + phase;
        assertEquals(before.length, buffer.position(), "position unchanged: " + where);
        assertEquals(before.length + length, buffer.limit(), "limit unchanged: " + where);
        assertArrayEquals(TestBytes.concat(before, naiveMask(content, 0, length, key, phase), after),
                allBytes(buffer), where);
    }

    private static void assertCopy(Random random, Kind from, Kind to, int length, int phase) {
        byte[] content = TestBytes.random(random, length);
        byte[] srcBefore = TestBytes.random(random, random.nextInt(9));
        ByteBuffer src = from.holding(srcBefore, content, new byte[random.nextInt(5)]);
        byte[] dstBefore = TestBytes.random(random, random.nextInt(9));
        byte[] dstAfter = TestBytes.random(random, random.nextInt(9));
        ByteBuffer dst = to.holding(dstBefore, new byte[length], dstAfter);
        dst.limit(dst.capacity());
        int key = random.nextInt();

        assertEquals((phase + length) & 3, Masking.mask(src, dst, key, phase));
        String where = from + " to " + to + ", length " + length + ", phase " + phase;
        assertEquals(srcBefore.length + length, src.position(), "source consumed: " + where);
        assertEquals(dstBefore.length + length, dst.position(), "destination advanced: " + where);
        assertArrayEquals(TestBytes.concat(dstBefore, naiveMask(content, 0, length, key, phase), dstAfter),
                allBytes(dst), where);
        src.position(srcBefore.length);
        assertArrayEquals(content, TestBytes.remaining(src), "source unchanged: " + where);
    }

    private static byte[] allBytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.capacity()];
        buffer.duplicate().clear().get(bytes);
        return bytes;
    }
}

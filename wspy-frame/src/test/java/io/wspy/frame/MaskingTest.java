package io.wspy.frame;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static io.wspy.frame.TestBytes.naiveMask;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@link Masking} on byte arrays, against the byte-by-byte reference. */
class MaskingTest {
    private static final int[] LARGE_LENGTHS = {1021, 4096, 65536, 65536 + 13, (1 << 20) + 7};

    @Test
    void inPlaceMatchesTheReferenceForEveryLengthOffsetAndPhase() {
        Random random = new Random(53);
        for (int length = 0; length <= 300; length++) {
            for (int offset = 0; offset < 8; offset++) {
                for (int phase = 0; phase < 4; phase++) {
                    assertInPlace(random, length, offset, phase);
                }
            }
        }
        for (int length : LARGE_LENGTHS) {
            for (int phase = 0; phase < 4; phase++) {
                assertInPlace(random, length, random.nextInt(16), phase);
            }
        }
    }

    @Test
    void copyMatchesTheReferenceForEveryLengthOffsetsAndPhase() {
        Random random = new Random(54);
        for (int length = 0; length <= 300; length++) {
            for (int phase = 0; phase < 4; phase++) {
                assertCopy(random, length, random.nextInt(8), random.nextInt(8), phase);
            }
        }
        for (int srcOffset = 0; srcOffset < 8; srcOffset++) {
            for (int dstOffset = 0; dstOffset < 8; dstOffset++) {
                assertCopy(random, 77, srcOffset, dstOffset, srcOffset & 3);
            }
        }
        for (int length : LARGE_LENGTHS) {
            assertCopy(random, length, random.nextInt(16), random.nextInt(16), random.nextInt(4));
        }
    }

    @Test
    void copyIntoTheSameRangeIsInPlace() {
        Random random = new Random(55);
        byte[] data = TestBytes.random(random, 200);
        byte[] expected = naiveMask(data, 3, 190, 0x01234567, 2);
        Masking.mask(data, 3, data, 3, 190, 0x01234567, 2);
        assertArrayEquals(expected, Arrays.copyOfRange(data, 3, 193));
    }

    @Test
    void maskingTwiceRestoresTheData() {
        byte[] data = TestBytes.random(new Random(56), 1000);
        byte[] work = data.clone();
        Masking.mask(work, 0, work.length, 0x9abcdef0, 1);
        Masking.mask(work, 0, work.length, 0x9abcdef0, 1);
        assertArrayEquals(data, work);
    }

    @Test
    void chunksMaskedWithTheReturnedPhaseEqualTheWhole() {
        Random random = new Random(57);
        for (int round = 0; round < 200; round++) {
            byte[] data = TestBytes.random(random, random.nextInt(2000));
            int key = random.nextInt();
            byte[] expected = naiveMask(data, 0, data.length, key, 0);
            int phase = 0;
            for (int at = 0; at < data.length; ) {
                int chunk = Math.min(data.length - at, random.nextInt(70));
                int next = Masking.mask(data, at, chunk, key, phase);
                assertEquals((phase + chunk) % 4, next);
                phase = next;
                at += chunk;
            }
            assertArrayEquals(expected, data, "round " + round);
        }
    }

    @Test
    void returnsThePhaseAfterTheRange() {
        byte[] data = new byte[10];
        for (int phase = 0; phase < 4; phase++) {
            for (int length = 0; length <= 10; length++) {
                assertEquals((phase + length) % 4, Masking.mask(data, 0, length, 1, phase));
                assertEquals((phase + length) % 4, Masking.mask(data, 0, data, 0, length, 1, phase));
            }
        }
    }

    @Test
    void zeroKeyChangesNothingAndAllOnesInvertsEverything() {
        byte[] data = TestBytes.random(new Random(58), 100);
        byte[] work = data.clone();
        Masking.mask(work, 0, work.length, 0, 3);
        assertArrayEquals(data, work);
        Masking.mask(work, 0, work.length, -1, 3);
        for (int i = 0; i < data.length; i++) {
            assertEquals((byte) ~data[i], work[i]);
        }
    }

    @Test
    void rangesOutsideTheArraysAreRefusedBeforeAnyWrite() {
        byte[] data = new byte[10];
        assertThrows(IndexOutOfBoundsException.class, () -> Masking.mask(data, 5, 6, -1, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> Masking.mask(data, -1, 2, -1, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> Masking.mask(data, 0, -1, -1, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> Masking.mask(data, 0, new byte[4], 0, 5, -1, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> Masking.mask(new byte[4], 0, data, 0, 5, -1, 0));
        assertArrayEquals(new byte[10], data);
    }

    private static void assertInPlace(Random random, int length, int offset, int phase) {
        byte[] data = TestBytes.random(random, offset + length + 5);
        byte[] original = data.clone();
        int key = random.nextInt();
        byte[] expected = naiveMask(data, offset, length, key, phase);
        assertEquals((phase + length) & 3, Masking.mask(data, offset, length, key, phase));
        String where = "length " + length + ", offset " + offset + ", phase " + phase;
        assertArrayEquals(expected, Arrays.copyOfRange(data, offset, offset + length), where);
        assertUntouchedOutside(original, data, offset, length, where);
    }

    private static void assertCopy(Random random, int length, int srcOffset, int dstOffset, int phase) {
        byte[] src = TestBytes.random(random, srcOffset + length + 3);
        byte[] srcBefore = src.clone();
        byte[] dst = TestBytes.random(random, dstOffset + length + 3);
        byte[] dstBefore = dst.clone();
        int key = random.nextInt();
        byte[] expected = naiveMask(src, srcOffset, length, key, phase);
        assertEquals((phase + length) & 3, Masking.mask(src, srcOffset, dst, dstOffset, length, key, phase));
        String where = "length " + length + ", offsets " + srcOffset + "/" + dstOffset + ", phase " + phase;
        assertArrayEquals(expected, Arrays.copyOfRange(dst, dstOffset, dstOffset + length), where);
        assertArrayEquals(srcBefore, src, "source unchanged: " + where);
        assertUntouchedOutside(dstBefore, dst, dstOffset, length, where);
    }

    static void assertUntouchedOutside(byte[] before, byte[] after, int offset, int length, String where) {
        assertArrayEquals(Arrays.copyOfRange(before, 0, offset), Arrays.copyOfRange(after, 0, offset),
                "bytes before the range: " + where);
        assertArrayEquals(Arrays.copyOfRange(before, offset + length, before.length),
                Arrays.copyOfRange(after, offset + length, after.length), "bytes after the range: " + where);
    }
}

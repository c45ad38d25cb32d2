package io.wspy.frame;

import io.wspy.frame.Utf8Cases.Case;
import io.wspy.frame.Utf8ValidatorTest.BufferKind;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static io.wspy.frame.TestBytes.concat;
import static io.wspy.frame.Utf8ValidatorTest.assertOutcome;
import static io.wspy.frame.Utf8ValidatorTest.expectedIndex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The stress-test categories fed in chunks: split at every position (so inside every multi-byte
 * sequence), split twice at every pair of positions, and one byte per call. The verdict and the
 * absolute position of the first invalid byte must not depend on the chunks.
 */
class Utf8ValidatorSplitTest {
    private static final byte[] PREFIX = "pre-ascii".getBytes(StandardCharsets.US_ASCII);

    @Test
    void everySplitPointGivesTheSameResult() {
        for (Case c : Utf8Cases.all()) {
            byte[] input = concat(PREFIX, c.bytes());
            int expected = expectedIndex(c, PREFIX.length);
            for (int split = 0; split <= input.length; split++) {
                Utf8Validator validator = new Utf8Validator();
                int first = firstFailure(validator, input, 0, split, input.length);
                assertEquals(expected, first, c + " split at " + split);
                assertOutcome(c, validator);
            }
        }
    }

    @Test
    void everyPairOfSplitPointsGivesTheSameResult() {
        for (Case c : Utf8Cases.all()) {
            byte[] input = concat(PREFIX, c.bytes());
            int expected = expectedIndex(c, PREFIX.length);
            for (int a = 0; a <= input.length; a++) {
                for (int b = a; b <= input.length; b++) {
                    Utf8Validator validator = new Utf8Validator();
                    assertEquals(expected, firstFailure(validator, input, 0, a, b, input.length),
                            c + " split at " + a + " and " + b);
                    assertOutcome(c, validator);
                }
            }
        }
    }

    @Test
    void oneBytePerCallGivesTheSameResult() {
        for (Case c : Utf8Cases.all()) {
            byte[] input = concat(PREFIX, c.bytes());
            int[] bounds = new int[input.length + 1];
            for (int i = 0; i <= input.length; i++) {
                bounds[i] = i;
            }
            Utf8Validator validator = new Utf8Validator();
            assertEquals(expectedIndex(c, PREFIX.length), firstFailure(validator, input, bounds), c.toString());
            assertOutcome(c, validator);
        }
    }

    @Test
    void everySplitPointThroughBuffersGivesTheSameResult() {
        for (BufferKind kind : BufferKind.values()) {
            for (Case c : Utf8Cases.all()) {
                byte[] input = concat(PREFIX, c.bytes());
                int expected = expectedIndex(c, PREFIX.length);
                for (int split = 0; split <= input.length; split++) {
                    Utf8Validator validator = new Utf8Validator();
                    ByteBuffer buffer = kind.holding(input, 0, input.length);
                    int first = validator.validate(buffer.duplicate().limit(split));
                    int second = validator.validate(buffer.duplicate().position(split));
                    int reported = first != Utf8Validator.VALID ? first : second;
                    assertEquals(expected, reported, kind + ": " + c + " split at " + split);
                    if (first != Utf8Validator.VALID) {
                        assertEquals(split, second, "a failed validator reports the next chunk's start");
                    }
                    assertOutcome(c, validator);
                }
            }
        }
    }

    @Test
    void maskedBytesSplitEverywhereThroughBuffersGiveTheVerdictOfTheirUnmaskedForm() {
        int key = 0xA5C3_1E77;
        for (BufferKind kind : BufferKind.values()) {
            for (Case c : Utf8Cases.all()) {
                // Long enough that the eight-byte reads run; the splits start the second chunk at every key phase.
                byte[] input = concat(PREFIX, PREFIX, c.bytes());
                int expected = expectedIndex(c, 2 * PREFIX.length);
                byte[] masked = input.clone();
                Masking.mask(masked, 0, masked.length, key, 0);
                for (int split = 0; split <= input.length; split++) {
                    Utf8Validator validator = new Utf8Validator();
                    ByteBuffer buffer = kind.holding(masked, 0, masked.length);
                    int first = validator.validateMasked(buffer.duplicate().order(buffer.order()).limit(split), key, 0);
                    int second = validator.validateMasked(buffer.duplicate().order(buffer.order()).position(split),
                            key, split & 3);
                    int reported = first != Utf8Validator.VALID ? first : second;
                    assertEquals(expected, reported, kind + ": " + c + " split at " + split);
                    assertOutcome(c, validator);
                    assertEquals(masked[split == 0 ? 0 : split - 1], buffer.get(split == 0 ? 0 : split - 1),
                            "the bytes stay masked");
                }
            }
        }
    }

    @Test
    void textWithEverySequenceLengthSplitEverywhereIsValid() {
        byte[] text = "a\u00e9\u20ac\ud83d\ude00\u07ff\uffff\udbff\udfff\u0800b".getBytes(StandardCharsets.UTF_8);
        for (int a = 0; a <= text.length; a++) {
            Utf8Validator prefix = new Utf8Validator();
            assertEquals(Utf8Validator.VALID, prefix.validate(text, 0, a));
            assertEquals(isBoundary(text, a), prefix.isComplete(), "complete after " + a + " bytes");
            for (int b = a; b <= text.length; b++) {
                Utf8Validator validator = new Utf8Validator();
                assertEquals(Utf8Validator.VALID, firstFailure(validator, text, 0, a, b, text.length));
                assertTrue(validator.isComplete());
            }
        }
    }

    /** Validates {@code input} in the chunks between consecutive bounds; returns the first failure. */
    private static int firstFailure(Utf8Validator validator, byte[] input, int... bounds) {
        int first = Utf8Validator.VALID;
        for (int i = 0; i + 1 < bounds.length; i++) {
            int result = validator.validate(input, bounds[i], bounds[i + 1] - bounds[i]);
            if (first == Utf8Validator.VALID) {
                first = result;
            } else {
                assertEquals(bounds[i], result, "a failed validator reports the chunk's start");
            }
        }
        return first;
    }

    private static boolean isBoundary(byte[] text, int at) {
        return at == text.length || (text[at] & 0xC0) != 0x80;
    }
}

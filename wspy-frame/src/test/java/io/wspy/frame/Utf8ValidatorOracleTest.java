package io.wspy.frame;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Random byte strings checked against the JDK's own UTF-8 decoder (strict, in REPORT mode) as an
 * independent oracle. The oracle gives the verdict; for the position of the first invalid byte it
 * answers "can this prefix still be completed to valid UTF-8?", which is true exactly up to that byte.
 */
class Utf8ValidatorOracleTest {
    /** Bytes that sit on the edges of the UTF-8 rules. */
    private static final int[] EDGE_BYTES = {0x00, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2,
        0xDF, 0xE0, 0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xF7, 0xF8, 0xFB, 0xFC, 0xFD, 0xFE,
        0xFF};
    /** One byte from each range a continuation byte may be limited to: enough to complete any valid prefix. */
    private static final byte[] COMPLETIONS = {(byte) 0x80, (byte) 0x90, (byte) 0xA0};

    private final CharsetDecoder jdk = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final CharBuffer chars = CharBuffer.allocate(256);

    @Test
    void agreesWithTheJdkDecoderOnRandomByteStrings() {
        Random random = new Random(3629);
        int valid = 0;
        int invalid = 0;
        for (int round = 0; round < 4000; round++) {
            byte[] input = randomInput(random);
            int expected = oracleFirstInvalid(input);
            boolean expectedComplete = expected == Utf8Validator.VALID && jdkAccepts(input, input.length, null);
            String where = Arrays.toString(input);

            Utf8Validator whole = new Utf8Validator();
            assertEquals(expected, whole.validate(input, 0, input.length), where);
            assertEquals(expectedComplete, whole.isComplete(), where);
            assertEquals(expectedComplete, Utf8Validator.isValid(input), where);

            Utf8Validator direct = new Utf8Validator();
            ByteBuffer buffer = ByteBuffer.allocateDirect(input.length).put(input).flip();
            assertEquals(expected, direct.validate(buffer), "direct: " + where);
            assertEquals(expectedComplete, direct.isComplete(), "direct: " + where);

            int a = random.nextInt(input.length + 1);
            int b = a + random.nextInt(input.length - a + 1);
            Utf8Validator split = new Utf8Validator();
            int first = split.validate(input, 0, a);
            first = first != Utf8Validator.VALID ? first : split.validate(input, a, b - a);
            first = first != Utf8Validator.VALID ? first : split.validate(input, b, input.length - b);
            assertEquals(expected, first, "split at " + a + " and " + b + ": " + where);
            assertEquals(expectedComplete, split.isComplete(), where);

            if (expectedComplete) {
                valid++;
            } else {
                invalid++;
            }
        }
        // The generator must exercise both verdicts in earnest for the comparison to mean something.
        assertTrue(valid > 1000 && invalid > 1000, valid + " valid, " + invalid + " invalid");
    }

    /** Text built from valid characters, sometimes corrupted with edge or random bytes or cut short. */
    private static byte[] randomInput(Random random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int characters = random.nextInt(24);
        boolean corrupt = random.nextBoolean();
        for (int i = 0; i < characters; i++) {
            int kind = random.nextInt(corrupt ? 10 : 8);
            if (kind < 8) {
                out.writeBytes(new String(Character.toChars(randomCodePoint(random, kind)))
                        .getBytes(StandardCharsets.UTF_8));
            } else if (kind == 8) {
                out.write(EDGE_BYTES[random.nextInt(EDGE_BYTES.length)]);
            } else {
                out.write(random.nextInt(256));
            }
        }
        byte[] bytes = out.toByteArray();
        if (corrupt && bytes.length > 0 && random.nextInt(4) == 0) {
            bytes = Arrays.copyOf(bytes, bytes.length - 1 - random.nextInt(Math.min(bytes.length, 3)));
        }
        return bytes;
    }

    private static int randomCodePoint(Random random, int kind) {
        switch (kind) {
            case 0: case 1: case 2: return random.nextInt(0x80);
            case 3: return 0x80 + random.nextInt(0x800 - 0x80);
            case 4: case 5:
                int cp = 0x800 + random.nextInt(0x10000 - 0x800 - 0x800);
                return cp < 0xD800 ? cp : cp + 0x800; // no surrogates
            case 6: return 0x10000 + random.nextInt(0x110000 - 0x10000);
            default: return random.nextBoolean() ? 0xFFFF : 0x10FFFF;
        }
    }

    /** The index of the first invalid byte according to the JDK, or {@link Utf8Validator#VALID}. */
    private int oracleFirstInvalid(byte[] input) {
        if (canBeCompleted(input, input.length)) {
            return Utf8Validator.VALID;
        }
        int good = 0; // the longest prefix known to be completable
        int bad = input.length; // a prefix known not to be
        while (bad - good > 1) {
            int mid = (good + bad) >>> 1;
            if (canBeCompleted(input, mid)) {
                good = mid;
            } else {
                bad = mid;
            }
        }
        return good;
    }

    /** Whether some bytes appended to {@code input[0, length)} make valid UTF-8 for the JDK. */
    private boolean canBeCompleted(byte[] input, int length) {
        if (jdkAccepts(input, length, null)) {
            return true;
        }
        for (byte a : COMPLETIONS) {
            if (jdkAccepts(input, length, new byte[] {a})) {
                return true;
            }
            for (byte b : COMPLETIONS) {
                if (jdkAccepts(input, length, new byte[] {a, b})) {
                    return true;
                }
                for (byte c : COMPLETIONS) {
                    if (jdkAccepts(input, length, new byte[] {a, b, c})) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private boolean jdkAccepts(byte[] input, int length, byte[] tail) {
        byte[] prefix = Arrays.copyOf(input, length);
        byte[] bytes = tail == null ? prefix : TestBytes.concat(prefix, tail);
        jdk.reset();
        chars.clear();
        CoderResult result = jdk.decode(ByteBuffer.wrap(bytes), chars, true);
        if (result.isError()) {
            return false;
        }
        return !jdk.flush(chars).isError();
    }
}

package io.wspy.frame;

import com.code_intelligence.jazzer.junit.FuzzTest;

import io.wspy.testing.FuzzInput;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Coverage-guided fuzzing of {@link Utf8Validator} against the JDK's strict UTF-8 decoder. Input: a
 * chunking byte, then the bytes to validate. The validator must give the JDK's verdict, report as
 * the first invalid byte exactly the end of the longest prefix that can still be completed to valid
 * UTF-8, and answer the same for arrays and direct buffers, whole or in chunks.
 */
class Utf8ValidatorFuzzTest {
    /** One byte from each range a continuation byte may be limited to: enough to complete any valid prefix. */
    private static final byte[] CONTINUATIONS = {(byte) 0x80, (byte) 0x90, (byte) 0xA0};

    @FuzzTest
    void validate(byte[] input) {
        FuzzInput in = new FuzzInput(input);
        int chunking = in.nextByte();
        byte[] text = in.rest();
        int expected = firstInvalidByJdk(text);
        boolean complete = expected == Utf8Validator.VALID && decodes(text, text.length, new byte[0]);
        String where = Arrays.toString(text);

        Utf8Validator whole = new Utf8Validator();
        assertEquals(expected, whole.validate(text, 0, text.length), where);
        assertEquals(complete, whole.isComplete(), where);
        assertEquals(expected != Utf8Validator.VALID, whole.hasFailed(), where);
        assertEquals(complete, Utf8Validator.isValid(text), where);

        Utf8Validator arrays = new Utf8Validator();
        Utf8Validator direct = new Utf8Validator();
        ByteBuffer buffer = ByteBuffer.allocateDirect(text.length).put(text).clear();
        int arrayVerdict = Utf8Validator.VALID;
        int directVerdict = Utf8Validator.VALID;
        int at = 0;
        for (int size : FuzzInput.chunks(text.length, chunking)) {
            if (arrayVerdict == Utf8Validator.VALID) {
                arrayVerdict = arrays.validate(text, at, size);
            }
            if (directVerdict == Utf8Validator.VALID) {
                directVerdict = direct.validate(buffer.limit(at + size).position(at));
                assertEquals(at, buffer.position(), "validation moved the buffer");
            }
            at += size;
        }
        assertEquals(expected, arrayVerdict, "in chunks: " + where);
        assertEquals(expected, directVerdict, "direct buffer in chunks: " + where);
        assertEquals(complete, arrays.isComplete(), where);
        assertEquals(complete, direct.isComplete(), where);
    }

    /** The index of the first byte after which no completion is valid UTF-8 for the JDK, or VALID. */
    private static int firstInvalidByJdk(byte[] text) {
        if (completable(text, text.length)) {
            return Utf8Validator.VALID;
        }
        int good = 0;
        int bad = text.length;
        while (bad - good > 1) {
            int mid = (good + bad) >>> 1;
            if (completable(text, mid)) {
                good = mid;
            } else {
                bad = mid;
            }
        }
        return good;
    }

    /** Whether up to three continuation bytes appended to {@code text[0, length)} make valid UTF-8. */
    private static boolean completable(byte[] text, int length) {
        if (decodes(text, length, new byte[0])) {
            return true;
        }
        for (byte a : CONTINUATIONS) {
            if (decodes(text, length, new byte[] {a})) {
                return true;
            }
            for (byte b : CONTINUATIONS) {
                if (decodes(text, length, new byte[] {a, b})) {
                    return true;
                }
                for (byte c : CONTINUATIONS) {
                    if (decodes(text, length, new byte[] {a, b, c})) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean decodes(byte[] text, int length, byte[] suffix) {
        byte[] all = Arrays.copyOf(text, length + suffix.length);
        System.arraycopy(suffix, 0, all, length, suffix.length);
        CharsetDecoder jdk = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer out = CharBuffer.allocate(all.length + 1);
        ByteBuffer src = ByteBuffer.wrap(all);
        CoderResult result = jdk.decode(src, out, true);
        return !result.isError() && !jdk.flush(out).isError() && !src.hasRemaining();
    }
}

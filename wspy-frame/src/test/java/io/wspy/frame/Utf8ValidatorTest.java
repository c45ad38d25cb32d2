package io.wspy.frame;

import io.wspy.frame.Utf8Cases.Case;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

import static io.wspy.frame.TestBytes.concat;
import static io.wspy.frame.TestBytes.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The stress-test categories through every entry point of {@link Utf8Validator}, each in one call. */
class Utf8ValidatorTest {
    private static final byte[] ASCII_PREFIX = "0123456789abcdefghij".getBytes(StandardCharsets.US_ASCII);

    @Test
    void everyCaseThroughTheArrayEntryPoint() {
        for (Case c : Utf8Cases.all()) {
            Utf8Validator validator = new Utf8Validator();
            assertEquals(expectedIndex(c, 0), validator.validate(c.bytes(), 0, c.bytes().length), c.toString());
            assertOutcome(c, validator);
            assertEquals(c.firstInvalid() == Utf8Cases.VALID, Utf8Validator.isValid(c.bytes()), c.toString());
        }
    }

    @Test
    void everyCaseAfterAnAsciiRunAtAnOffset() {
        // The ASCII run goes through the eight-bytes-at-a-time path before the case is reached.
        for (Case c : Utf8Cases.all()) {
            byte[] input = concat(hex("ff fe ff"), ASCII_PREFIX, c.bytes(), hex("c0"));
            int length = ASCII_PREFIX.length + c.bytes().length;
            Utf8Validator validator = new Utf8Validator();
            assertEquals(expectedIndex(c, 3 + ASCII_PREFIX.length), validator.validate(input, 3, length), c.toString());
            assertOutcome(c, validator);
            assertEquals(c.firstInvalid() == Utf8Cases.VALID, Utf8Validator.isValid(input, 3, length), c.toString());
        }
    }

    @Test
    void everyCaseThroughEveryKindOfBuffer() {
        for (BufferKind kind : BufferKind.values()) {
            for (Case c : Utf8Cases.all()) {
                byte[] content = concat(ASCII_PREFIX, c.bytes());
                ByteBuffer buffer = kind.holding(concat(hex("c0 c1"), content, hex("ff")), 2, content.length);
                Utf8Validator validator = new Utf8Validator();
                String where = kind + ": " + c;
                assertEquals(expectedIndex(c, 2 + ASCII_PREFIX.length), validator.validate(buffer), where);
                assertEquals(2, buffer.position(), "position unchanged: " + where);
                assertOutcome(c, validator);
            }
        }
    }

    @Test
    void firstInvalidByteIsFoundAfterAsciiRunsOfEveryLength() {
        for (int run = 0; run <= 40; run++) {
            byte[] input = concat("x".repeat(run).getBytes(StandardCharsets.US_ASCII), hex("80 41"));
            assertEquals(run, new Utf8Validator().validate(input, 0, input.length), "run " + run);
            for (BufferKind kind : BufferKind.values()) {
                ByteBuffer buffer = kind.holding(input, 0, input.length);
                assertEquals(run, new Utf8Validator().validate(buffer), kind + ", run " + run);
            }
        }
    }

    @Test
    void everyCodePointIsValidExceptTheSurrogates() {
        StringBuilder everyCodePoint = new StringBuilder();
        for (int cp = 0; cp <= 0x10FFFF; cp++) {
            if (cp == 0xD800) {
                cp = 0xE000;
            }
            everyCodePoint.appendCodePoint(cp);
        }
        byte[] text = everyCodePoint.toString().getBytes(StandardCharsets.UTF_8);
        assertEquals(0x80 + 2 * 0x780 + 3 * (0x10000 - 0x800 - 0x800) + 4 * 0x100000, text.length);
        assertTrue(Utf8Validator.isValid(text));
        ByteBuffer direct = ByteBuffer.allocateDirect(text.length).put(text).flip();
        Utf8Validator validator = new Utf8Validator();
        assertEquals(Utf8Validator.VALID, validator.validate(direct));
        assertTrue(validator.isComplete());
    }

    @Test
    void failedValidatorReportsTheStartOfLaterChunksUntilReset() {
        Utf8Validator validator = new Utf8Validator();
        byte[] text = hex("41 42 43 44");
        assertEquals(1, validator.validate(hex("41 ff 41"), 0, 3));
        assertTrue(validator.hasFailed());
        assertFalse(validator.isComplete());
        assertEquals(2, validator.validate(text, 2, 2));
        assertEquals(3, validator.validate(ByteBuffer.wrap(text).position(3)));
        assertEquals(1, validator.validate(ByteBuffer.allocateDirect(4).put(text).flip().position(1)));
        assertTrue(validator.hasFailed());

        validator.reset();
        assertFalse(validator.hasFailed());
        assertTrue(validator.isComplete());
        assertEquals(Utf8Validator.VALID, validator.validate(text, 0, 4));
    }

    @Test
    void resetForgetsAPartialCharacter() {
        Utf8Validator validator = new Utf8Validator();
        assertEquals(Utf8Validator.VALID, validator.validate(hex("e2 82"), 0, 2));
        assertFalse(validator.isComplete());
        assertFalse(validator.hasFailed());
        validator.reset();
        assertTrue(validator.isComplete());
        assertEquals(Utf8Validator.VALID, validator.validate(hex("41"), 0, 1));
    }

    @Test
    void emptyChunksChangeNothing() {
        Utf8Validator validator = new Utf8Validator();
        assertEquals(Utf8Validator.VALID, validator.validate(new byte[0], 0, 0));
        assertEquals(Utf8Validator.VALID, validator.validate(hex("e2"), 0, 1));
        assertEquals(Utf8Validator.VALID, validator.validate(ByteBuffer.allocate(0)));
        assertEquals(Utf8Validator.VALID, validator.validate(ByteBuffer.allocateDirect(0)));
        assertFalse(validator.isComplete());
        assertEquals(Utf8Validator.VALID, validator.validate(hex("82 ac"), 0, 2));
        assertTrue(validator.isComplete());
        assertTrue(Utf8Validator.isValid(new byte[0]));
    }

    @Test
    void rangesOutsideTheArrayAreRefused() {
        Utf8Validator validator = new Utf8Validator();
        assertThrows(IndexOutOfBoundsException.class, () -> validator.validate(new byte[4], 2, 3));
        assertThrows(IndexOutOfBoundsException.class, () -> validator.validate(new byte[4], -1, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> Utf8Validator.isValid(new byte[4], 0, 5));
    }

    /** The buffer kinds the validator reads from; each holds the bytes with position and limit set. */
    enum BufferKind {
        HEAP(ByteBuffer::allocate),
        HEAP_SLICE(size -> ByteBuffer.allocate(size + 7).position(7).slice()),
        READ_ONLY_HEAP(size -> ByteBuffer.allocate(size)),
        DIRECT(ByteBuffer::allocateDirect),
        DIRECT_LITTLE_ENDIAN(size -> ByteBuffer.allocateDirect(size).order(ByteOrder.LITTLE_ENDIAN)),
        DIRECT_UNALIGNED_SLICE(size -> ByteBuffer.allocateDirect(size + 5).position(5).slice());

        private final Function<Integer, ByteBuffer> allocator;

        BufferKind(Function<Integer, ByteBuffer> allocator) {
            this.allocator = allocator;
        }

        ByteBuffer holding(byte[] bytes, int position, int length) {
            ByteBuffer buffer = allocator.apply(bytes.length).put(bytes);
            buffer.limit(position + length).position(position);
            return this == READ_ONLY_HEAP ? buffer.asReadOnlyBuffer() : buffer;
        }
    }

    static int expectedIndex(Case c, int start) {
        return c.firstInvalid() >= 0 ? start + c.firstInvalid() : Utf8Validator.VALID;
    }

    static void assertOutcome(Case c, Utf8Validator validator) {
        assertEquals(c.firstInvalid() >= 0, validator.hasFailed(), "failed: " + c);
        assertEquals(c.firstInvalid() == Utf8Cases.VALID, validator.isComplete(), "complete: " + c);
    }
}

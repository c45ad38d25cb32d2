package io.wspy.frame;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * An incremental, fail-fast UTF-8 validator (RFC 3629, Unicode table 3-7).
 *
 * <p>Feed it the bytes of a text message in chunks of any size; it reports the first invalid byte
 * as soon as it sees it, even in the middle of a multi-byte sequence that spans chunks. Overlong
 * forms, UTF-16 surrogates (U+D800-U+DFFF) and code points above U+10FFFF are invalid. At the end
 * of a message, {@link #isComplete()} tells whether the last character was whole.
 *
 * <p>Not thread-safe: one validator belongs to one message stream.
 */
public final class Utf8Validator {
    /** {@link #validate} returns this when every byte so far is valid. */
    public static final int VALID = -1;

    private static final int ACCEPT = 0;
    private static final int REJECT = -1;
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final VarHandle LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /**
     * {@link #ACCEPT} at a character boundary, {@link #REJECT} after an error, otherwise
     * {@code (continuation bytes still needed << 16) | (lowest allowed next byte << 8) | highest}.
     */
    private int state = ACCEPT;

    /** Whether {@code bytes[offset, offset + length)} is complete, valid UTF-8. */
    public static boolean isValid(byte[] bytes, int offset, int length) {
        Utf8Validator v = new Utf8Validator();
        return v.validate(bytes, offset, length) == VALID && v.isComplete();
    }

    /** Whether the whole array is complete, valid UTF-8. */
    public static boolean isValid(byte[] bytes) {
        return isValid(bytes, 0, bytes.length);
    }

    /**
     * Validates the next chunk of the stream.
     *
     * @return {@link #VALID}, or the index in {@code bytes} of the first invalid byte (the chunk's
     *         first index if an earlier chunk already failed)
     */
    public int validate(byte[] bytes, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        int end = offset + length;
        int s = state;
        if (s == REJECT) {
            return offset;
        }
        int i = offset;
        while (i < end) {
            if (s == ACCEPT) {
                while (i + 8 <= end && ((long) LONGS.get(bytes, i) & HIGH_BITS) == 0) {
                    i += 8;
                }
                while (i < end && bytes[i] >= 0) {
                    i++;
                }
                if (i == end) {
                    break;
                }
            }
            s = step(s, bytes[i] & 0xFF);
            if (s == REJECT) {
                state = REJECT;
                return i;
            }
            i++;
        }
        state = s;
        return VALID;
    }

    /**
     * Validates the buffer's remaining bytes without moving its position.
     *
     * @return {@link #VALID}, or the absolute index in {@code buffer} of the first invalid byte (the
     *         buffer's position if an earlier chunk already failed)
     */
    public int validate(ByteBuffer buffer) {
        int from = buffer.position();
        int to = buffer.limit();
        if (buffer.hasArray()) {
            int base = buffer.arrayOffset();
            int bad = validate(buffer.array(), base + from, to - from);
            return bad == VALID ? VALID : bad - base;
        }
        // A direct buffer reads as if masked with a zero key: one loop for both.
        return validateMasked(buffer, 0, 0);
    }

    /**
     * Validates the buffer's remaining bytes as they read once unmasked (RFC 6455 section 5.3),
     * without changing them or moving the position: a receiver can check text before it unmasks
     * it while copying it.
     *
     * @param maskingKey the frame's masking key
     * @param phase      the payload offset of the buffer's first byte, modulo 4
     * @return as {@link #validate(ByteBuffer)}
     */
    public int validateMasked(ByteBuffer buffer, int maskingKey, int phase) {
        int from = buffer.position();
        int to = buffer.limit();
        int s = state;
        if (s == REJECT) {
            return from;
        }
        int key = Masking.rotate(maskingKey, phase);
        long pattern = Masking.pattern(buffer.order(), key);
        int i = from;
        while (i < to) {
            // Eight bytes at a time where the key lines up with a long read, that is every fourth byte.
            if (s == ACCEPT && ((i - from) & 3) == 0) {
                i = skipMaskedAscii(buffer, i, to, pattern);
                if (i == to) {
                    break;
                }
            }
            s = step(s, (buffer.get(i) ^ (key >>> (24 - (((i - from) & 3) << 3)))) & 0xFF);
            if (s == REJECT) {
                state = REJECT;
                return i;
            }
            i++;
        }
        state = s;
        return VALID;
    }

    /**
     * Skips the ASCII bytes from {@code i}, masked with {@code pattern} from there on, 8 at a time;
     * returns where a non-ASCII byte may be. Arrays and direct buffers take loops of their own, so
     * that each stays specialised to one kind of buffer.
     */
    private static int skipMaskedAscii(ByteBuffer buffer, int i, int to, long pattern) {
        if (buffer.hasArray()) {
            int base = buffer.arrayOffset();
            return skipMaskedAscii(buffer.array(), base + i, base + to,
                    buffer.order() == ByteOrder.LITTLE_ENDIAN ? pattern : Long.reverseBytes(pattern)) - base;
        }
        int last = to - 8;
        for (; i <= last; i += 8) {
            if (((buffer.getLong(i) ^ pattern) & HIGH_BITS) != 0) {
                break;
            }
        }
        return i;
    }

    /** As above in an array, {@code littleEndianPattern} laid out for little-endian reads. */
    private static int skipMaskedAscii(byte[] bytes, int i, int to, long littleEndianPattern) {
        int last = to - 8;
        for (; i <= last; i += 8) {
            if ((((long) LONGS.get(bytes, i) ^ littleEndianPattern) & HIGH_BITS) != 0) {
                break;
            }
        }
        return i;
    }

    /** Whether the bytes so far are valid and end on a character boundary. */
    public boolean isComplete() {
        return state == ACCEPT;
    }

    /** Whether an invalid byte has been seen. */
    public boolean hasFailed() {
        return state == REJECT;
    }

    /** Forgets the stream, to validate a new one. */
    public void reset() {
        state = ACCEPT;
    }

    private static int step(int state, int b) {
        if (state == ACCEPT) {
            if (b < 0x80) {
                return ACCEPT;
            } else if (b < 0xC2) {
                return REJECT; // a continuation byte, or the lead of an overlong 2-byte form
            } else if (b < 0xE0) {
                return expect(1, 0x80, 0xBF);
            } else if (b == 0xE0) {
                return expect(2, 0xA0, 0xBF); // excludes overlong 3-byte forms
            } else if (b == 0xED) {
                return expect(2, 0x80, 0x9F); // excludes surrogates
            } else if (b < 0xF0) {
                return expect(2, 0x80, 0xBF);
            } else if (b == 0xF0) {
                return expect(3, 0x90, 0xBF); // excludes overlong 4-byte forms
            } else if (b < 0xF4) {
                return expect(3, 0x80, 0xBF);
            } else if (b == 0xF4) {
                return expect(3, 0x80, 0x8F); // nothing above U+10FFFF
            }
            return REJECT;
        }
        if (b < ((state >>> 8) & 0xFF) || b > (state & 0xFF)) {
            return REJECT;
        }
        int needed = (state >>> 16) - 1;
        return needed == 0 ? ACCEPT : expect(needed, 0x80, 0xBF);
    }

    private static int expect(int needed, int low, int high) {
        return (needed << 16) | (low << 8) | high;
    }
}

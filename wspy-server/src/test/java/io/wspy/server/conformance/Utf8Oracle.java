package io.wspy.server.conformance;

/**
 * The suite's own strict UTF-8 judge (Unicode table 3-7), kept apart from the library's validator:
 * it tells where a conforming peer must notice that a text message is invalid. That is the first
 * byte no valid continuation can follow, not the end of the sequence or of the message.
 */
final class Utf8Oracle {
    /** {@link #firstInvalidByte} when every byte can still belong to valid UTF-8. */
    static final int NONE = -1;

    private Utf8Oracle() {
    }

    /** The index of the first byte that makes {@code bytes} invalid, or {@link #NONE}. */
    static int firstInvalidByte(byte[] bytes) {
        int needed = 0;
        int low = 0x80;
        int high = 0xBF;
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xFF;
            if (needed > 0) {
                if (b < low || b > high) {
                    return i;
                }
                needed--;
                low = 0x80;
                high = 0xBF;
                continue;
            }
            if (b < 0x80) {
                continue;
            }
            if (b >= 0xC2 && b <= 0xDF) {
                needed = 1;
            } else if (b >= 0xE0 && b <= 0xEF) {
                needed = 2;
                low = b == 0xE0 ? 0xA0 : 0x80;
                high = b == 0xED ? 0x9F : 0xBF;
            } else if (b >= 0xF0 && b <= 0xF4) {
                needed = 3;
                low = b == 0xF0 ? 0x90 : 0x80;
                high = b == 0xF4 ? 0x8F : 0xBF;
            } else {
                return i;
            }
        }
        return NONE;
    }

    /** Whether {@code bytes} is complete, valid UTF-8. */
    static boolean isValid(byte[] bytes) {
        return firstInvalidByte(bytes) == NONE && endsOnBoundary(bytes);
    }

    /** Whether the last character of (otherwise valid) {@code bytes} is whole. */
    private static boolean endsOnBoundary(byte[] bytes) {
        int i = bytes.length - 1;
        int continuations = 0;
        while (i >= 0 && (bytes[i] & 0xC0) == 0x80 && continuations < 3) {
            continuations++;
            i--;
        }
        if (i < 0) {
            return continuations == 0;
        }
        int lead = bytes[i] & 0xFF;
        int length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
        return length == continuations + 1;
    }
}

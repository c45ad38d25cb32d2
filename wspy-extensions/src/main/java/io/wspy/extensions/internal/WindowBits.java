package io.wspy.extensions.internal;

import io.wspy.frame.extension.ExtensionException;

/** LZ77 window sizes as negotiated: the base-2 logarithm, 8 to 15 (RFC 7692 section 7.1.2). */
public final class WindowBits {
    /** The smallest window: 256 bytes. */
    public static final int MIN = 8;
    /** The largest window, and the default: 32 KiB. */
    public static final int MAX = 15;

    private WindowBits() {
    }

    /**
     * Checks a configured value.
     *
     * @throws IllegalArgumentException if {@code bits} is not within 8-15
     */
    public static int check(int bits, String what) {
        if (bits < MIN || bits > MAX) {
            throw new IllegalArgumentException(what + " must be within " + MIN + "-" + MAX + ": " + bits);
        }
        return bits;
    }

    /**
     * Parses a parameter value: a decimal integer 8-15 without leading zeros.
     *
     * @throws ExtensionException if the value is missing or not such a number
     */
    public static int parse(String parameter, String value) throws ExtensionException {
        if (value == null) {
            throw new ExtensionException(parameter + " needs a value");
        }
        switch (value) {
            case "8": return 8;
            case "9": return 9;
            case "10": return 10;
            case "11": return 11;
            case "12": return 12;
            case "13": return 13;
            case "14": return 14;
            case "15": return 15;
            default: throw new ExtensionException(parameter + " must be 8-15, not " + value);
        }
    }
}

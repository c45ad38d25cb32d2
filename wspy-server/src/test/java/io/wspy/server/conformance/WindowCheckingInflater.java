package io.wspy.server.conformance;

import java.util.Arrays;

/**
 * A small raw DEFLATE decoder (RFC 1951) that refuses any back-reference reaching further than the
 * negotiated window: {@link java.util.zip.Inflater} always reads with a 32 KiB window, so it cannot
 * tell whether a peer honoured {@code server_max_window_bits} or {@code client_max_window_bits}
 * (RFC 7692 section 7.1.2). Slow and simple, for test data only.
 *
 * <p>Fed one message at a time (its payload followed by {@code 00 00 ff ff}); the history carries
 * over between messages unless {@link #reset()} is called, as context takeover requires.
 */
final class WindowCheckingInflater {
    private static final int MAX_BITS = 15;
    private static final short[] LENGTH_BASE = {3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43,
        51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258};
    private static final short[] LENGTH_EXTRA = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4,
        4, 4, 5, 5, 5, 5, 0};
    private static final int[] DISTANCE_BASE = {1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385,
        513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
    private static final short[] DISTANCE_EXTRA = {0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9,
        10, 10, 11, 11, 12, 12, 13, 13};
    private static final int[] CODE_LENGTH_ORDER = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15};
    private static final Huffman FIXED_LITERALS;
    private static final Huffman FIXED_DISTANCES;

    static {
        int[] lengths = new int[288];
        Arrays.fill(lengths, 0, 144, 8);
        Arrays.fill(lengths, 144, 256, 9);
        Arrays.fill(lengths, 256, 280, 7);
        Arrays.fill(lengths, 280, 288, 8);
        FIXED_LITERALS = new Huffman(lengths, 288);
        int[] distances = new int[30];
        Arrays.fill(distances, 5);
        FIXED_DISTANCES = new Huffman(distances, 30);
    }

    private final int window;
    private byte[] out = new byte[1 << 16];
    private int outSize;
    private int maxDistance;

    // The message being decoded.
    private byte[] in;
    private int inPos;
    private int bitBuffer;
    private int bitCount;

    /** A decoder that allows back-references of at most {@code 2^windowBits} bytes. */
    WindowCheckingInflater(int windowBits) {
        this.window = 1 << windowBits;
    }

    /** The longest back-reference seen so far. */
    int maxDistance() {
        return maxDistance;
    }

    /** Forgets the history (no context takeover). */
    void reset() {
        outSize = 0;
    }

    /**
     * Inflates one message: its compressed bytes with the {@code 00 00 ff ff} tail appended.
     *
     * @throws IllegalStateException if the data is malformed or reaches beyond the window
     */
    byte[] inflate(byte[] message) {
        in = message;
        inPos = 0;
        bitBuffer = 0;
        bitCount = 0;
        int start = outSize;
        while (inPos < in.length) {
            boolean last = bits(1) == 1;
            int type = bits(2);
            switch (type) {
                case 0:
                    stored();
                    break;
                case 1:
                    codes(FIXED_LITERALS, FIXED_DISTANCES);
                    break;
                case 2:
                    dynamic();
                    break;
                default:
                    throw new IllegalStateException("invalid block type 3");
            }
            if (last) {
                // A final block may end a message (RFC 7692 section 7.2.3.4): the rest starts afresh.
                bitBuffer = 0;
                bitCount = 0;
            }
        }
        return Arrays.copyOfRange(out, start, outSize);
    }

    private int bits(int need) {
        while (bitCount < need) {
            if (inPos >= in.length) {
                throw new IllegalStateException("compressed data ends in the middle of a block");
            }
            bitBuffer |= (in[inPos++] & 0xFF) << bitCount;
            bitCount += 8;
        }
        int value = bitBuffer & ((1 << need) - 1);
        bitBuffer >>>= need;
        bitCount -= need;
        return value;
    }

    private void stored() {
        bitBuffer = 0;
        bitCount = 0;
        if (inPos + 4 > in.length) {
            throw new IllegalStateException("stored block header cut short");
        }
        int len = (in[inPos] & 0xFF) | (in[inPos + 1] & 0xFF) << 8;
        int nlen = (in[inPos + 2] & 0xFF) | (in[inPos + 3] & 0xFF) << 8;
        inPos += 4;
        if (len != (~nlen & 0xFFFF)) {
            throw new IllegalStateException("stored block length does not match its complement");
        }
        if (inPos + len > in.length) {
            throw new IllegalStateException("stored block cut short");
        }
        for (int i = 0; i < len; i++) {
            put(in[inPos++]);
        }
    }

    private void dynamic() {
        int literalCount = bits(5) + 257;
        int distanceCount = bits(5) + 1;
        int codeCount = bits(4) + 4;
        int[] codeLengths = new int[19];
        for (int i = 0; i < codeCount; i++) {
            codeLengths[CODE_LENGTH_ORDER[i]] = bits(3);
        }
        Huffman lengthCode = new Huffman(codeLengths, 19);
        int[] lengths = new int[literalCount + distanceCount];
        int i = 0;
        while (i < lengths.length) {
            int symbol = decode(lengthCode);
            if (symbol < 16) {
                lengths[i++] = symbol;
                continue;
            }
            int repeat;
            int value = 0;
            if (symbol == 16) {
                if (i == 0) {
                    throw new IllegalStateException("repeat with no previous length");
                }
                value = lengths[i - 1];
                repeat = 3 + bits(2);
            } else if (symbol == 17) {
                repeat = 3 + bits(3);
            } else {
                repeat = 11 + bits(7);
            }
            if (i + repeat > lengths.length) {
                throw new IllegalStateException("too many code lengths");
            }
            while (repeat-- > 0) {
                lengths[i++] = value;
            }
        }
        codes(new Huffman(lengths, literalCount),
                new Huffman(Arrays.copyOfRange(lengths, literalCount, lengths.length), distanceCount));
    }

    private void codes(Huffman literals, Huffman distances) {
        while (true) {
            int symbol = decode(literals);
            if (symbol < 256) {
                put((byte) symbol);
            } else if (symbol == 256) {
                return;
            } else {
                symbol -= 257;
                if (symbol >= 29) {
                    throw new IllegalStateException("invalid length symbol");
                }
                int length = LENGTH_BASE[symbol] + bits(LENGTH_EXTRA[symbol]);
                int d = decode(distances);
                if (d >= 30) {
                    throw new IllegalStateException("invalid distance symbol");
                }
                int distance = DISTANCE_BASE[d] + bits(DISTANCE_EXTRA[d]);
                if (distance > window) {
                    throw new IllegalStateException("back-reference of " + distance
                            + " bytes, beyond the negotiated window of " + window);
                }
                if (distance > outSize) {
                    throw new IllegalStateException("back-reference of " + distance + " bytes before the start");
                }
                maxDistance = Math.max(maxDistance, distance);
                for (int k = 0; k < length; k++) {
                    put(out[outSize - distance]);
                }
            }
        }
    }

    private void put(byte b) {
        if (outSize == out.length) {
            out = Arrays.copyOf(out, out.length * 2);
        }
        out[outSize++] = b;
    }

    /** Canonical Huffman decoding, one bit at a time (RFC 1951 section 3.2.2). */
    private int decode(Huffman h) {
        int code = 0;
        int first = 0;
        int index = 0;
        for (int len = 1; len <= MAX_BITS; len++) {
            code |= bits(1);
            int count = h.counts[len];
            if (code - count < first) {
                return h.symbols[index + (code - first)];
            }
            index += count;
            first += count;
            first <<= 1;
            code <<= 1;
        }
        throw new IllegalStateException("invalid Huffman code");
    }

    /** Code counts per length and symbols in canonical order. */
    private static final class Huffman {
        final int[] counts = new int[MAX_BITS + 1];
        final int[] symbols;

        Huffman(int[] lengths, int n) {
            symbols = new int[n];
            for (int s = 0; s < n; s++) {
                counts[lengths[s]]++;
            }
            int[] offsets = new int[MAX_BITS + 2];
            for (int len = 1; len <= MAX_BITS; len++) {
                offsets[len + 1] = offsets[len] + counts[len];
            }
            for (int s = 0; s < n; s++) {
                if (lengths[s] != 0) {
                    symbols[offsets[lengths[s]]++] = s;
                }
            }
        }
    }
}

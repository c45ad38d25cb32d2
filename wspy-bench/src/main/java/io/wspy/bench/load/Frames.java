package io.wspy.bench.load;

/** Client frames as the load generator sends them, encoded by hand so that no library under test is involved. */
final class Frames {
    private static final int FIN = 0x80;
    private static final int RSV1 = 0x40;
    private static final int TEXT = 0x1;
    private static final int BINARY = 0x2;

    private Frames() {
    }

    /** A whole-message text or binary frame, RSV1 set if {@code compressed}, masked with {@code key}. */
    static byte[] maskedData(byte[] payload, boolean text, boolean compressed, int key) {
        return masked(FIN | (compressed ? RSV1 : 0) | (text ? TEXT : BINARY), payload, key);
    }

    /** A control frame (ping 0x9, pong 0xA, close 0x8) masked with {@code key}. */
    static byte[] maskedControl(int opcode, byte[] payload, int key) {
        return masked(FIN | opcode, payload, key);
    }

    private static byte[] masked(int firstByte, byte[] payload, int key) {
        int n = payload.length;
        int lengthBytes = n < 126 ? 0 : n <= 0xFFFF ? 2 : 8;
        byte[] frame = new byte[2 + lengthBytes + 4 + n];
        frame[0] = (byte) firstByte;
        int p = 2;
        if (lengthBytes == 0) {
            frame[1] = (byte) (0x80 | n);
        } else if (lengthBytes == 2) {
            frame[1] = (byte) (0x80 | 126);
            frame[p++] = (byte) (n >>> 8);
            frame[p++] = (byte) n;
        } else {
            frame[1] = (byte) (0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame[p++] = (byte) ((long) n >>> shift);
            }
        }
        for (int i = 0; i < 4; i++) {
            frame[p++] = (byte) (key >>> (24 - 8 * i));
        }
        for (int i = 0; i < n; i++) {
            frame[p + i] = (byte) (payload[i] ^ (key >>> (24 - 8 * (i & 3))));
        }
        return frame;
    }
}

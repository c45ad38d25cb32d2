package io.wspy.frame;

import java.util.Locale;

/**
 * Frame opcodes (RFC 6455 section 5.2) as {@code int} constants, so that opcodes claimed by an
 * extension fit the same type. Opcodes 0x3-0x7 and 0xB-0xF are reserved.
 */
public final class Opcode {
    /** Continues a fragmented message. */
    public static final int CONTINUATION = 0x0;
    /** First (or only) frame of a UTF-8 text message. */
    public static final int TEXT = 0x1;
    /** First (or only) frame of a binary message. */
    public static final int BINARY = 0x2;
    /** Starts or answers the closing handshake. */
    public static final int CLOSE = 0x8;
    /** Asks the peer for a pong. */
    public static final int PING = 0x9;
    /** Answers a ping, or serves as a unidirectional heartbeat. */
    public static final int PONG = 0xA;

    private Opcode() {
    }

    /** Whether {@code opcode} is a control opcode (most significant bit of the nibble set). */
    public static boolean isControl(int opcode) {
        return (opcode & 0x8) != 0;
    }

    /** Whether {@code opcode} is one of the six opcodes RFC 6455 defines. */
    public static boolean isDefined(int opcode) {
        return opcode == CONTINUATION || opcode == TEXT || opcode == BINARY
                || opcode == CLOSE || opcode == PING || opcode == PONG;
    }

    /** A readable name, for example {@code TEXT}, or {@code 0x3} for a reserved opcode. */
    public static String name(int opcode) {
        switch (opcode) {
            case CONTINUATION: return "CONTINUATION";
            case TEXT: return "TEXT";
            case BINARY: return "BINARY";
            case CLOSE: return "CLOSE";
            case PING: return "PING";
            case PONG: return "PONG";
            default: return "0x" + Integer.toHexString(opcode).toUpperCase(Locale.ROOT);
        }
    }

    /** Returns {@code opcode} if it fits the 4-bit field; throws {@link IllegalArgumentException} otherwise. */
    static int check(int opcode) {
        if ((opcode & ~0xF) != 0) {
            throw new IllegalArgumentException("opcode out of range 0-15: " + opcode);
        }
        return opcode;
    }
}

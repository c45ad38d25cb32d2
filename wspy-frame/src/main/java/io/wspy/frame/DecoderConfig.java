package io.wspy.frame;

/**
 * What a {@link FrameDecoder} accepts. Immutable; start from {@link #of(Role)} and adjust.
 *
 * @param role             the decoding endpoint's role: a server requires masked frames, a client
 *                         unmasked ones
 * @param maxPayload       largest frame payload accepted, checked from the header before any of
 *                         the payload is read (beyond it: close code 1009)
 * @param allowedRsv       RSV bits that negotiated extensions claim on data frames; any other RSV
 *                         bit, and any RSV bit on a control frame, is a protocol error
 * @param extensionOpcodes reserved opcodes claimed by extensions, as a bit set ({@code 1 << opcode})
 */
public record DecoderConfig(Role role, long maxPayload, int allowedRsv, int extensionOpcodes) {
    /** Default {@link #maxPayload}: 16 MiB. */
    public static final long DEFAULT_MAX_PAYLOAD = 16L << 20;

    /** Checks the values. */
    public DecoderConfig {
        if (role == null) {
            throw new IllegalArgumentException("role must not be null");
        }
        if (maxPayload < 0) {
            throw new IllegalArgumentException("maxPayload must not be negative: " + maxPayload);
        }
        if ((allowedRsv & ~0b111) != 0) {
            throw new IllegalArgumentException("allowedRsv out of range 0-7: " + allowedRsv);
        }
        if ((extensionOpcodes & ~0xFFFF) != 0) {
            throw new IllegalArgumentException("extensionOpcodes has bits beyond opcode 15");
        }
    }

    /** Defaults for {@code role}: 16 MiB frames, no RSV bits, no extension opcodes. */
    public static DecoderConfig of(Role role) {
        return new DecoderConfig(role, DEFAULT_MAX_PAYLOAD, 0, 0);
    }

    /** A copy with another payload limit. */
    public DecoderConfig withMaxPayload(long maxPayload) {
        return new DecoderConfig(role, maxPayload, allowedRsv, extensionOpcodes);
    }

    /** A copy that accepts these RSV bits on data frames. */
    public DecoderConfig withAllowedRsv(int allowedRsv) {
        return new DecoderConfig(role, maxPayload, allowedRsv, extensionOpcodes);
    }

    /** A copy that accepts these reserved opcodes (bit set: {@code 1 << opcode}). */
    public DecoderConfig withExtensionOpcodes(int extensionOpcodes) {
        return new DecoderConfig(role, maxPayload, allowedRsv, extensionOpcodes);
    }
}

package io.wspy.frame;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DecoderConfigTest {
    @Test
    void defaultsAreStrict() {
        DecoderConfig config = DecoderConfig.of(Role.SERVER);
        assertEquals(Role.SERVER, config.role());
        assertEquals(DecoderConfig.DEFAULT_MAX_PAYLOAD, config.maxPayload());
        assertEquals(16 * 1024 * 1024, DecoderConfig.DEFAULT_MAX_PAYLOAD);
        assertEquals(0, config.allowedRsv());
        assertEquals(0, config.extensionOpcodes());
    }

    @Test
    void withersChangeOneSetting() {
        DecoderConfig config = DecoderConfig.of(Role.CLIENT)
                .withMaxPayload(10).withAllowedRsv(FrameHeader.RSV1).withExtensionOpcodes(1 << 0x3);
        assertEquals(new DecoderConfig(Role.CLIENT, 10, FrameHeader.RSV1, 1 << 0x3), config);
        assertEquals(new DecoderConfig(Role.CLIENT, 0, FrameHeader.RSV1, 1 << 0x3), config.withMaxPayload(0));
    }

    @Test
    void refusesValuesOutOfRange() {
        assertThrows(IllegalArgumentException.class, () -> new DecoderConfig(null, 1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> DecoderConfig.of(Role.CLIENT).withMaxPayload(-1));
        assertThrows(IllegalArgumentException.class, () -> DecoderConfig.of(Role.CLIENT).withAllowedRsv(8));
        assertThrows(IllegalArgumentException.class, () -> DecoderConfig.of(Role.CLIENT).withAllowedRsv(-1));
        assertThrows(IllegalArgumentException.class, () -> DecoderConfig.of(Role.CLIENT).withExtensionOpcodes(1 << 16));
        assertEquals(0xFFFF, DecoderConfig.of(Role.CLIENT).withExtensionOpcodes(0xFFFF).extensionOpcodes());
    }
}

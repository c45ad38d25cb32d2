package io.wspy.frame;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpcodeTest {
    @Test
    void valuesAreThoseOfRfc6455() {
        assertEquals(0x0, Opcode.CONTINUATION);
        assertEquals(0x1, Opcode.TEXT);
        assertEquals(0x2, Opcode.BINARY);
        assertEquals(0x8, Opcode.CLOSE);
        assertEquals(0x9, Opcode.PING);
        assertEquals(0xA, Opcode.PONG);
    }

    @Test
    void controlOpcodesAreThoseWithTheHighBitOfTheNibble() {
        for (int opcode = 0; opcode < 16; opcode++) {
            assertEquals(opcode >= 8, Opcode.isControl(opcode), "opcode " + opcode);
        }
    }

    @Test
    void onlySixOpcodesAreDefined() {
        int defined = 0;
        for (int opcode = 0; opcode < 16; opcode++) {
            if (Opcode.isDefined(opcode)) {
                defined |= 1 << opcode;
            }
        }
        assertEquals(0b0000_0111_0000_0111, defined);
        assertFalse(Opcode.isDefined(16));
        assertFalse(Opcode.isDefined(-1));
        assertTrue(Opcode.isDefined(Opcode.PONG));
    }

    @Test
    void namesAreReadable() {
        assertEquals("CONTINUATION", Opcode.name(0));
        assertEquals("TEXT", Opcode.name(1));
        assertEquals("BINARY", Opcode.name(2));
        assertEquals("CLOSE", Opcode.name(8));
        assertEquals("PING", Opcode.name(9));
        assertEquals("PONG", Opcode.name(10));
        assertEquals("0x3", Opcode.name(3));
        assertEquals("0xB", Opcode.name(0xB));
    }
}

package io.wspy.frame;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CloseCodeTest {
    @Test
    void constantsHaveTheirRegisteredValues() {
        assertEquals(1000, CloseCode.NORMAL_CLOSURE);
        assertEquals(1001, CloseCode.GOING_AWAY);
        assertEquals(1002, CloseCode.PROTOCOL_ERROR);
        assertEquals(1003, CloseCode.UNSUPPORTED_DATA);
        assertEquals(1005, CloseCode.NO_STATUS_RECEIVED);
        assertEquals(1006, CloseCode.ABNORMAL_CLOSURE);
        assertEquals(1007, CloseCode.INVALID_PAYLOAD);
        assertEquals(1008, CloseCode.POLICY_VIOLATION);
        assertEquals(1009, CloseCode.MESSAGE_TOO_BIG);
        assertEquals(1010, CloseCode.MANDATORY_EXTENSION);
        assertEquals(1011, CloseCode.INTERNAL_ERROR);
        assertEquals(1012, CloseCode.SERVICE_RESTART);
        assertEquals(1013, CloseCode.TRY_AGAIN_LATER);
        assertEquals(1014, CloseCode.BAD_GATEWAY);
        assertEquals(1015, CloseCode.TLS_HANDSHAKE);
    }

    @Test
    void validOnTheWireExactlyInTheAssignedRanges() {
        for (int code = 0; code <= 0xFFFF; code++) {
            boolean expected = (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014)
                    || (code >= 3000 && code <= 4999);
            assertEquals(expected, CloseCode.isValidOnWire(code), "code " + code);
        }
        assertFalse(CloseCode.isValidOnWire(-1));
        assertFalse(CloseCode.isValidOnWire(1 << 16 | 1000));
    }

    @Test
    void localOnlyAndReservedCodesAreNotValidOnTheWire() {
        assertFalse(CloseCode.isValidOnWire(CloseCode.NO_STATUS_RECEIVED));
        assertFalse(CloseCode.isValidOnWire(CloseCode.ABNORMAL_CLOSURE));
        assertFalse(CloseCode.isValidOnWire(CloseCode.TLS_HANDSHAKE));
        assertFalse(CloseCode.isValidOnWire(1004));
        assertTrue(CloseCode.isValidOnWire(CloseCode.BAD_GATEWAY));
    }

    @Test
    void describeNamesKnownCodesAndClassifiesTheRest() {
        assertEquals("normal closure", CloseCode.describe(1000));
        assertEquals("protocol error", CloseCode.describe(1002));
        assertEquals("message too big", CloseCode.describe(1009));
        assertEquals("TLS handshake failure", CloseCode.describe(1015));
        assertEquals("registered code 3000", CloseCode.describe(3000));
        assertEquals("private code 4999", CloseCode.describe(4999));
        assertEquals("invalid code 1004", CloseCode.describe(1004));
        assertEquals("invalid code 5000", CloseCode.describe(5000));
        assertEquals("invalid code 999", CloseCode.describe(999));
        for (int code = 1000; code <= 1015; code++) {
            if (code != 1004) {
                assertFalse(CloseCode.describe(code).startsWith("invalid code"), "code " + code);
            }
        }
    }
}

package io.wspy.frame;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RoleTest {
    @Test
    void clientsMaskWhatTheySendAndServersExpectMaskedFrames() {
        assertTrue(Role.CLIENT.masksOutgoing());
        assertFalse(Role.CLIENT.expectsMaskedIncoming());
        assertFalse(Role.SERVER.masksOutgoing());
        assertTrue(Role.SERVER.expectsMaskedIncoming());
    }

    @Test
    void peerIsTheOtherEnd() {
        assertEquals(Role.SERVER, Role.CLIENT.peer());
        assertEquals(Role.CLIENT, Role.SERVER.peer());
        for (Role role : Role.values()) {
            assertEquals(role.masksOutgoing(), role.peer().expectsMaskedIncoming());
        }
    }
}

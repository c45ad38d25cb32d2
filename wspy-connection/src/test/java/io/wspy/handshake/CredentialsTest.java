package io.wspy.handshake;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CredentialsTest {
    @Test
    void decodesUserInformation() {
        assertEquals(new Credentials("user", "pa:ss word"), Credentials.fromUserInfo("user:pa%3Ass%20word"));
        assertEquals(new Credentials("J\u00e4s\u00f8n", "+"), Credentials.fromUserInfo("J%C3%A4s%C3%B8n:+"));
        assertEquals(new Credentials("token", ""), Credentials.fromUserInfo("token"));
        assertEquals(new Credentials("\ud83d\ude00", "caf\u00e9"), Credentials.fromUserInfo("\ud83d\ude00:caf%c3%a9"),
                "raw non-ASCII and lower-case escapes");
    }

    @Test
    void refusesInvalidUserInformation() {
        assertThrows(IllegalArgumentException.class, () -> Credentials.fromUserInfo("us%3Aer:pw"), "colon in user");
        assertThrows(IllegalArgumentException.class, () -> Credentials.fromUserInfo("user:%zz"));
        assertThrows(IllegalArgumentException.class, () -> Credentials.fromUserInfo("user:%4"));
        assertThrows(IllegalArgumentException.class, () -> Credentials.fromUserInfo("user:%\uff15\uff15"), "fullwidth digits");
        assertThrows(IllegalArgumentException.class, () -> Credentials.fromUserInfo("user:%C3"), "not UTF-8");
        assertThrows(IllegalArgumentException.class, () -> Credentials.fromUserInfo("user:%0A"), "control character");
        assertThrows(IllegalArgumentException.class, () -> new Credentials(null, "x"));
    }

    @Test
    void hidesThePassword() {
        assertFalse(new Credentials("alice", "s3cret").toString().contains("s3cret"));
    }
}

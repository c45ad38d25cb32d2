package io.wspy.handshake.internal;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class NoncesTest {
    private final Nonces nonces = new Nonces(new byte[32], new SecureRandom());

    @Test
    void recognisesItsNoncesAndTheirIssueTime() {
        String nonce = nonces.mint(1_234_567L);
        assertEquals(1_234_567L, nonces.issuedAt(nonce));
        assertNotEquals(nonce, nonces.mint(1_234_567L), "random part");
        assertEquals(1_234_567L, new Nonces(new byte[32], new SecureRandom()).issuedAt(nonce), "same secret");
    }

    @Test
    void refusesEveryAlteredByte() {
        byte[] raw = Base64.getUrlDecoder().decode(nonces.mint(42));
        for (int i = 0; i < raw.length; i++) {
            byte[] altered = raw.clone();
            altered[i] ^= 1;
            assertEquals(Long.MIN_VALUE, nonces.issuedAt(Base64.getUrlEncoder().withoutPadding().encodeToString(altered)),
                    "byte " + i);
        }
    }

    @Test
    void refusesForeignAndGarbledNonces() {
        byte[] otherSecret = new byte[32];
        otherSecret[0] = 1;
        assertEquals(Long.MIN_VALUE, nonces.issuedAt(new Nonces(otherSecret, new SecureRandom()).mint(42)));
        assertEquals(Long.MIN_VALUE, nonces.issuedAt("short"));
        assertEquals(Long.MIN_VALUE, nonces.issuedAt("!!!"));
        assertEquals(Long.MIN_VALUE, nonces.issuedAt(""));
    }
}

package io.wspy.handshake;

import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WebSocketKeyTest {
    @Test
    void computesTheAcceptValueOfRfc6455() {
        assertEquals("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", WebSocketKey.accept("dGhlIHNhbXBsZSBub25jZQ=="));
    }

    @Test
    void validatesKeys() {
        assertTrue(WebSocketKey.isValid("dGhlIHNhbXBsZSBub25jZQ=="));
        assertFalse(WebSocketKey.isValid(null));
        assertFalse(WebSocketKey.isValid(""));
        assertFalse(WebSocketKey.isValid("dGhlIHNhbXBsZSBub25jZQ"), "unpadded");
        assertFalse(WebSocketKey.isValid("dGhlIHNhbXBsZSBub25jZQ=!"), "not base64");
        assertFalse(WebSocketKey.isValid(Base64.getEncoder().encodeToString(new byte[15]) + "AAAA"), "too long");
        assertFalse(WebSocketKey.isValid(Base64.getEncoder().encodeToString(new byte[17])), "17 bytes");
        assertFalse(WebSocketKey.isValid(Base64.getEncoder().encodeToString(new byte[15])), "15 bytes");
        assertFalse(WebSocketKey.isValid("dGhlIHNhbXBsZSBub25jZQ-_"), "base64url alphabet");
    }

    @Test
    void generatesValidDistinctKeys() {
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            String key = WebSocketKey.generate();
            assertTrue(WebSocketKey.isValid(key), key);
            keys.add(key);
        }
        assertEquals(100, keys.size());
    }
}

package io.wspy.handshake;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/** The {@code Sec-WebSocket-Key} and {@code Sec-WebSocket-Accept} values of RFC 6455 section 4. */
public final class WebSocketKey {
    /** The GUID that RFC 6455 appends to the key before hashing. */
    public static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private static final SecureRandom RANDOM = new SecureRandom();

    private WebSocketKey() {
    }

    /** A fresh key: 16 random bytes from a {@link SecureRandom}, base64-encoded. */
    public static String generate() {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        return Base64.getEncoder().encodeToString(nonce);
    }

    /** Whether {@code key} is the base64 encoding (24 characters, padded) of exactly 16 bytes. */
    public static boolean isValid(String key) {
        if (key == null || key.length() != 24) {
            return false;
        }
        try {
            return Base64.getDecoder().decode(key).length == 16;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The {@code Sec-WebSocket-Accept} value for {@code key}: base64 of SHA-1 of key + GUID. */
    public static String accept(String key) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            byte[] hash = sha1.digest((key + GUID).getBytes(StandardCharsets.ISO_8859_1));
            return Base64.getEncoder().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }
}

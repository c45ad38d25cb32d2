package io.wspy.handshake.internal;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Server nonces that verify themselves: issue time, random bytes and an HMAC-SHA256 of both under
 * a server secret, base64url-encoded. A server recognises its nonces and their age without
 * remembering them. Thread-safe.
 */
public final class Nonces {
    private static final int TIME_BYTES = 8;
    private static final int RANDOM_BYTES = 8;
    private static final int MAC_BYTES = 16;
    private static final int LENGTH = TIME_BYTES + RANDOM_BYTES + MAC_BYTES;

    private final SecretKeySpec key;
    private final SecureRandom random;

    /** Nonces signed with {@code secret}. */
    public Nonces(byte[] secret, SecureRandom random) {
        this.key = new SecretKeySpec(secret, "HmacSHA256");
        this.random = random;
    }

    /** A new nonce issued at {@code issuedAtMillis}. */
    public String mint(long issuedAtMillis) {
        ByteBuffer nonce = ByteBuffer.allocate(LENGTH);
        nonce.putLong(issuedAtMillis);
        byte[] salt = new byte[RANDOM_BYTES];
        random.nextBytes(salt);
        nonce.put(salt);
        nonce.put(mac(nonce.array()));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(nonce.array());
    }

    /**
     * The issue time of a nonce minted with this secret, or {@link Long#MIN_VALUE} if the nonce is
     * not one of ours (forged, tampered or garbled).
     */
    public long issuedAt(String nonce) {
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(nonce);
        } catch (IllegalArgumentException e) {
            return Long.MIN_VALUE;
        }
        if (raw.length != LENGTH) {
            return Long.MIN_VALUE;
        }
        byte[] expected = mac(raw);
        byte[] given = Arrays.copyOfRange(raw, TIME_BYTES + RANDOM_BYTES, LENGTH);
        return MessageDigest.isEqual(expected, given) ? ByteBuffer.wrap(raw).getLong() : Long.MIN_VALUE;
    }

    private byte[] mac(byte[] nonce) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(key);
            hmac.update(nonce, 0, TIME_BYTES + RANDOM_BYTES);
            return Arrays.copyOf(hmac.doFinal(), MAC_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }
}

package io.wspy.handshake;

import io.wspy.handshake.internal.HttpSyntax;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The hash algorithms of HTTP Digest authentication (RFC 7616), weakest first. */
public enum DigestAlgorithm {
    /** MD5, the RFC 2617 default, kept for old clients. */
    MD5("MD5", "MD5"),
    /** SHA-256, the RFC 7616 recommendation. */
    SHA_256("SHA-256", "SHA-256"),
    /** SHA-512/256. */
    SHA_512_256("SHA-512-256", "SHA-512/256");

    private final String token;
    private final String jcaName;

    DigestAlgorithm(String token, String jcaName) {
        this.token = token;
        this.jcaName = jcaName;
    }

    /** The name in the {@code algorithm} parameter, for example {@code SHA-256}. */
    public String token() {
        return token;
    }

    /** The algorithm named {@code token} (ignoring case), or {@code null} if there is none. */
    public static DigestAlgorithm forToken(String token) {
        for (DigestAlgorithm a : values()) {
            if (a.token.equalsIgnoreCase(token)) {
                return a;
            }
        }
        return null;
    }

    /** The lower-case hexadecimal hash of the UTF-8 bytes of {@code data}. */
    public String hash(String data) {
        try {
            return HttpSyntax.hex(MessageDigest.getInstance(jcaName).digest(data.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(jcaName + " is a standard JDK algorithm", e);
        }
    }

    /**
     * HA1, the hash of {@code user:realm:password}: what a pre-hashed password store keeps, one
     * per algorithm, instead of the password.
     */
    public String ha1(String user, String realm, String password) {
        return hash(user + ":" + realm + ":" + password);
    }

    /** The {@linkplain #token() token}. */
    @Override
    public String toString() {
        return token;
    }
}

package io.wspy.handshake.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Comparisons of secrets that take the same time whatever the values and their lengths. */
public final class Secrets {
    private Secrets() {
    }

    /**
     * Whether two strings are equal, compared through their SHA-256 hashes with
     * {@link MessageDigest#isEqual}, so that neither contents nor lengths leak through timing.
     * A {@code null} {@code expected} (an unknown user) costs the same and never matches.
     */
    public static boolean equal(String given, String expected) {
        byte[] a = sha256(given);
        byte[] b = sha256(expected == null ? "" : expected);
        return MessageDigest.isEqual(a, b) & expected != null;
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}

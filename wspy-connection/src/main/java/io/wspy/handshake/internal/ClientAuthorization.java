package io.wspy.handshake.internal;

import io.wspy.handshake.AuthChallenge;
import io.wspy.handshake.Credentials;
import io.wspy.handshake.DigestAlgorithm;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

/** The client's answers to authentication challenges: Basic (RFC 7617) and Digest (RFC 7616). */
public final class ClientAuthorization {
    private static final SecureRandom RANDOM = new SecureRandom();

    private ClientAuthorization() {
    }

    /** The Basic credentials value for {@code credentials}, UTF-8 encoded. */
    public static String basic(Credentials credentials) {
        byte[] raw = (credentials.user() + ":" + credentials.password()).getBytes(StandardCharsets.UTF_8);
        return "Basic " + Base64.getEncoder().encodeToString(raw);
    }

    /**
     * The challenge to answer: the Digest challenge with the strongest supported algorithm and a
     * usable qop (the first of equals), else the first Basic challenge, else {@code null}.
     */
    public static AuthChallenge choose(List<AuthChallenge> challenges) {
        AuthChallenge best = null;
        DigestAlgorithm bestAlgorithm = null;
        for (AuthChallenge c : challenges) {
            DigestAlgorithm a = digestAlgorithm(c);
            if (a != null && (bestAlgorithm == null || a.compareTo(bestAlgorithm) > 0)) {
                best = c;
                bestAlgorithm = a;
            }
        }
        if (best != null) {
            return best;
        }
        for (AuthChallenge c : challenges) {
            if (c.isScheme("Basic")) {
                return c;
            }
        }
        return null;
    }

    /** The algorithm of a Digest challenge this client can answer, or {@code null}. */
    private static DigestAlgorithm digestAlgorithm(AuthChallenge c) {
        if (!c.isScheme("Digest") || c.param("realm") == null || c.param("nonce") == null) {
            return null;
        }
        String qop = c.param("qop");
        if (qop != null && !offersAuth(qop)) {
            return null;
        }
        String name = c.param("algorithm");
        return DigestAlgorithm.forToken(name == null ? "MD5" : name);
    }

    private static boolean offersAuth(String qop) {
        for (String option : qop.split(",", -1)) {
            if (HttpSyntax.trimWhitespace(option).equalsIgnoreCase("auth")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The {@code Authorization} value answering {@code challenge} (one that {@link #choose} picked)
     * for a request with {@code method} and request-target {@code uri}.
     */
    public static String answer(AuthChallenge challenge, Credentials credentials, String method, String uri) {
        if (challenge.isScheme("Basic")) {
            return basic(credentials);
        }
        byte[] cnonce = new byte[16];
        RANDOM.nextBytes(cnonce);
        return digest(challenge, credentials, method, uri, HttpSyntax.hex(cnonce));
    }

    /** The Digest credentials value for a challenge, with nonce-count 1 and this cnonce. */
    public static String digest(AuthChallenge challenge, Credentials credentials, String method, String uri,
                                String cnonce) {
        DigestAlgorithm algorithm = digestAlgorithm(challenge);
        String realm = challenge.param("realm");
        String nonce = challenge.param("nonce");
        String qop = challenge.param("qop") == null ? null : "auth";
        String nc = "00000001";
        String ha1 = algorithm.ha1(credentials.user(), realm, credentials.password());
        String response = DigestMath.response(algorithm, ha1, nonce, nc, cnonce, qop, method, uri);

        StringBuilder s = new StringBuilder("Digest ");
        String user = credentials.user();
        if (user.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            s.append("username=").append(HttpSyntax.quote(user));
        } else {
            s.append("username*=UTF-8''").append(PercentCoding.encode(user));
        }
        s.append(", realm=").append(HttpSyntax.quote(realm))
                .append(", uri=").append(HttpSyntax.quote(uri));
        if (challenge.param("algorithm") != null) {
            s.append(", algorithm=").append(algorithm.token());
        }
        s.append(", nonce=").append(HttpSyntax.quote(nonce));
        if (qop != null) {
            s.append(", nc=").append(nc)
                    .append(", cnonce=").append(HttpSyntax.quote(cnonce))
                    .append(", qop=").append(qop);
        }
        s.append(", response=").append(HttpSyntax.quote(response));
        if (challenge.param("opaque") != null) {
            s.append(", opaque=").append(HttpSyntax.quote(challenge.param("opaque")));
        }
        return s.toString();
    }
}

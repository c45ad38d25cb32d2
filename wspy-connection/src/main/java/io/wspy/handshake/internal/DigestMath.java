package io.wspy.handshake.internal;

import io.wspy.handshake.DigestAlgorithm;

/** The request-digest of RFC 7616 section 3.4.1, shared by the client and the server. */
public final class DigestMath {
    private DigestMath() {
    }

    /**
     * The {@code response} value.
     *
     * @param ha1 the hash of {@code user:realm:password}
     * @param qop {@code auth}, or {@code null} for the RFC 2069 form without nc and cnonce
     */
    public static String response(DigestAlgorithm algorithm, String ha1, String nonce, String nc, String cnonce,
                                  String qop, String method, String uri) {
        String ha2 = algorithm.hash(method + ":" + uri);
        if (qop == null) {
            return algorithm.hash(ha1 + ":" + nonce + ":" + ha2);
        }
        return algorithm.hash(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":" + qop + ":" + ha2);
    }
}

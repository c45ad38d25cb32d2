package io.wspy.handshake;

import io.wspy.handshake.internal.AuthHeaderParser;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One challenge of a {@code WWW-Authenticate} or {@code Proxy-Authenticate} header, or the
 * credentials of an {@code Authorization} header, which share its grammar (RFC 9110 section 11):
 * a scheme followed by either a token68 or a list of parameters.
 *
 * @param scheme  the authentication scheme, for example {@code Digest}; compare it ignoring case
 * @param token68 the token68 (Basic credentials), or {@code null} if the element has parameters
 * @param params  the parameters in order, names in lower case, quoted values unquoted
 */
public record AuthChallenge(String scheme, String token68, Map<String, String> params) {
    /** Checks the scheme and copies the parameters, lower-casing their names. */
    public AuthChallenge {
        if (scheme == null || scheme.isEmpty()) {
            throw new IllegalArgumentException("empty scheme");
        }
        Map<String, String> copy = new LinkedHashMap<>();
        params.forEach((name, value) -> copy.put(name.toLowerCase(Locale.ROOT), value));
        params = Collections.unmodifiableMap(copy);
    }

    /** Whether the scheme is {@code name}, ignoring case. */
    public boolean isScheme(String name) {
        return scheme.equalsIgnoreCase(name);
    }

    /** The value of parameter {@code name} (any case), or {@code null}. */
    public String param(String name) {
        return params.get(name.toLowerCase(Locale.ROOT));
    }

    /**
     * Parses a header value holding one or more challenges, such as
     * {@code Basic realm="a", Digest realm="b", nonce="n"}.
     *
     * @throws IllegalArgumentException if the value does not follow the grammar
     */
    public static List<AuthChallenge> parseAll(String headerValue) {
        return AuthHeaderParser.challenges(headerValue);
    }

    /**
     * Parses the challenges of every header value in {@code headerValues}, in order.
     *
     * @throws IllegalArgumentException if a value does not follow the grammar
     */
    public static List<AuthChallenge> parseAll(List<String> headerValues) {
        List<AuthChallenge> all = new ArrayList<>();
        for (String value : headerValues) {
            all.addAll(parseAll(value));
        }
        return Collections.unmodifiableList(all);
    }
}

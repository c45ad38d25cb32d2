package io.wspy.handshake.internal;

import io.wspy.handshake.AuthChallenge;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parses challenges and credentials (RFC 9110 section 11): {@code scheme [ token68 / #auth-param ]}.
 * A comma ends a challenge when what follows is a token that is not followed by {@code =}.
 */
public final class AuthHeaderParser {
    private final String text;
    private int at;

    private AuthHeaderParser(String text) {
        this.text = text;
    }

    /**
     * Parses a comma-separated list of challenges.
     *
     * @throws IllegalArgumentException if the value does not follow the grammar
     */
    public static List<AuthChallenge> challenges(String value) {
        AuthHeaderParser p = new AuthHeaderParser(value);
        List<AuthChallenge> list = new ArrayList<>();
        while (true) {
            p.skipWhitespaceAndCommas();
            if (p.atEnd()) {
                break;
            }
            list.add(p.challenge());
        }
        if (list.isEmpty()) {
            throw new IllegalArgumentException("no challenge in \"" + value + "\"");
        }
        return list;
    }

    /**
     * Parses the value of an {@code Authorization} header: exactly one element.
     *
     * @throws IllegalArgumentException if the value does not follow the grammar
     */
    public static AuthChallenge credentials(String value) {
        List<AuthChallenge> list = challenges(value);
        if (list.size() != 1) {
            throw new IllegalArgumentException("more than one set of credentials");
        }
        return list.get(0);
    }

    private AuthChallenge challenge() {
        String scheme = token("auth-scheme");
        Map<String, String> params = new LinkedHashMap<>();
        if (atEnd() || peek() == ',') {
            return new AuthChallenge(scheme, null, params);
        }
        if (peek() != ' ') {
            throw error("expected a space after the scheme");
        }
        skipWhitespace();
        if (atEnd() || peek() == ',') {
            return new AuthChallenge(scheme, null, params);
        }
        String token68 = token68();
        if (token68 != null) {
            return new AuthChallenge(scheme, token68, params);
        }
        while (true) {
            String name = token("parameter name").toLowerCase(Locale.ROOT);
            skipWhitespace();
            expect('=');
            skipWhitespace();
            String value = !atEnd() && peek() == '"' ? quoted() : token("parameter value");
            if (params.put(name, value) != null) {
                throw error("parameter repeated: " + name);
            }
            skipWhitespace();
            if (atEnd()) {
                break;
            }
            expect(',');
            int afterComma = at;
            if (!nextIsParameter()) {
                at = afterComma;
                break;
            }
        }
        return new AuthChallenge(scheme, null, params);
    }

    /** Looks past commas and whitespace: is the next element {@code name=...}? Leaves {@code at} there if so. */
    private boolean nextIsParameter() {
        skipWhitespaceAndCommas();
        int start = at;
        while (!atEnd() && HttpSyntax.isTokenChar(peek())) {
            at++;
        }
        if (at == start) {
            return false;
        }
        skipWhitespace();
        boolean parameter = !atEnd() && peek() == '=';
        at = start;
        return parameter;
    }

    /** A token68 that ends the element, or {@code null} (position unchanged) if there is none. */
    private String token68() {
        int start = at;
        while (!atEnd() && isToken68Char(peek())) {
            at++;
        }
        if (at == start) {
            return null;
        }
        while (!atEnd() && peek() == '=') {
            at++;
        }
        int end = at;
        skipWhitespace();
        if (atEnd() || peek() == ',') {
            return text.substring(start, end);
        }
        at = start;
        return null;
    }

    private static boolean isToken68Char(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
    }

    private String quoted() {
        at++;
        StringBuilder value = new StringBuilder();
        while (true) {
            if (atEnd()) {
                throw error("unterminated quoted string");
            }
            char c = text.charAt(at++);
            if (c == '"') {
                return value.toString();
            }
            if (c == '\\') {
                if (atEnd()) {
                    throw error("unterminated escape");
                }
                c = text.charAt(at++);
            }
            if (!HttpSyntax.isFieldValueChar(c)) {
                throw error("invalid character in quoted string");
            }
            value.append(c);
        }
    }

    private String token(String what) {
        int start = at;
        while (!atEnd() && HttpSyntax.isTokenChar(peek())) {
            at++;
        }
        if (start == at) {
            throw error("expected " + what);
        }
        return text.substring(start, at);
    }

    private void expect(char c) {
        if (atEnd() || peek() != c) {
            throw error("expected '" + c + "'");
        }
        at++;
    }

    private void skipWhitespace() {
        while (!atEnd() && HttpSyntax.isWhitespace(peek())) {
            at++;
        }
    }

    private void skipWhitespaceAndCommas() {
        while (!atEnd() && (HttpSyntax.isWhitespace(peek()) || peek() == ',')) {
            at++;
        }
    }

    private boolean atEnd() {
        return at >= text.length();
    }

    private char peek() {
        return text.charAt(at);
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("malformed authentication header at " + at + ": " + what);
    }
}

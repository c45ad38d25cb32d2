package io.wspy.frame.extension;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One element of a {@code Sec-WebSocket-Extensions} header: an extension name and its parameters
 * in order (RFC 6455 section 9.1). Immutable. Names compare case-insensitively, as HTTP tokens.
 */
public final class ExtensionParameters {
    private final String name;
    private final List<Parameter> parameters;

    /**
     * One parameter.
     *
     * @param name  the parameter name (a token)
     * @param value the value (a token), or {@code null} for a parameter without a value
     */
    public record Parameter(String name, String value) {
        /** Checks that name and value are tokens. */
        public Parameter {
            requireToken(name, "parameter name");
            if (value != null) {
                requireToken(value, "parameter value");
            }
        }

        @Override
        public String toString() {
            return value == null ? name : name + "=" + value;
        }
    }

    /** An element with the given name and parameters. */
    public ExtensionParameters(String name, List<Parameter> parameters) {
        this.name = requireToken(name, "extension name");
        this.parameters = List.copyOf(parameters);
    }

    /** An element without parameters. */
    public static ExtensionParameters of(String name) {
        return new ExtensionParameters(name, List.of());
    }

    /** The extension name. */
    public String name() {
        return name;
    }

    /** Whether this element names {@code extensionName} (case-insensitively). */
    public boolean is(String extensionName) {
        return name.equalsIgnoreCase(extensionName);
    }

    /** The parameters, in header order. */
    public List<Parameter> parameters() {
        return parameters;
    }

    /** Whether a parameter named {@code parameterName} is present. */
    public boolean has(String parameterName) {
        return count(parameterName) > 0;
    }

    /** How many times a parameter named {@code parameterName} appears. */
    public int count(String parameterName) {
        int n = 0;
        for (Parameter p : parameters) {
            if (p.name().equalsIgnoreCase(parameterName)) {
                n++;
            }
        }
        return n;
    }

    /** The value of the first parameter named {@code parameterName}; null if absent or valueless. */
    public String value(String parameterName) {
        for (Parameter p : parameters) {
            if (p.name().equalsIgnoreCase(parameterName)) {
                return p.value();
            }
        }
        return null;
    }

    /** A copy with one more parameter at the end. */
    public ExtensionParameters with(String parameterName, String value) {
        List<Parameter> more = new ArrayList<>(parameters);
        more.add(new Parameter(parameterName, value));
        return new ExtensionParameters(name, more);
    }

    /**
     * Parses a {@code Sec-WebSocket-Extensions} header value (several header lines joined with
     * commas). Quoted-string values are unquoted; empty list elements are skipped.
     *
     * @throws ExtensionException if the value does not follow the header's grammar
     */
    public static List<ExtensionParameters> parseHeader(String value) throws ExtensionException {
        return new HeaderParser(value).parse();
    }

    /** Formats elements as a header value, for example {@code permessage-deflate; client_max_window_bits}. */
    public static String formatHeader(List<ExtensionParameters> elements) {
        StringBuilder s = new StringBuilder();
        for (ExtensionParameters e : elements) {
            if (s.length() > 0) {
                s.append(", ");
            }
            s.append(e);
        }
        return s.toString();
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(name);
        for (Parameter p : parameters) {
            s.append("; ").append(p);
        }
        return s.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExtensionParameters
                && ((ExtensionParameters) o).name.equalsIgnoreCase(name)
                && ((ExtensionParameters) o).parameters.equals(parameters);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name.toLowerCase(Locale.ROOT), parameters);
    }

    /** Whether {@code c} may appear in an HTTP token (RFC 7230 section 3.2.6). */
    static boolean isTokenChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    static String requireToken(String s, String what) {
        if (s == null || s.isEmpty()) {
            throw new IllegalArgumentException(what + " must be a non-empty token");
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isTokenChar(s.charAt(i))) {
                throw new IllegalArgumentException(what + " is not a token: " + s);
            }
        }
        return s;
    }

    /** A recursive-descent parser for the header grammar of RFC 6455 section 9.1. */
    private static final class HeaderParser {
        private final String text;
        private int at;

        HeaderParser(String text) {
            this.text = text;
        }

        List<ExtensionParameters> parse() throws ExtensionException {
            List<ExtensionParameters> elements = new ArrayList<>();
            while (true) {
                skipSpace();
                if (at == text.length()) {
                    return elements;
                }
                if (peek() == ',') {
                    at++;
                    continue;
                }
                elements.add(element());
                skipSpace();
                if (at < text.length() && peek() != ',') {
                    throw error("expected ',' or ';'");
                }
            }
        }

        private ExtensionParameters element() throws ExtensionException {
            String name = token("extension name");
            List<Parameter> parameters = new ArrayList<>();
            skipSpace();
            while (at < text.length() && peek() == ';') {
                at++;
                skipSpace();
                String parameterName = token("parameter name");
                String value = null;
                skipSpace();
                if (at < text.length() && peek() == '=') {
                    at++;
                    skipSpace();
                    value = at < text.length() && peek() == '"' ? quoted() : token("parameter value");
                    skipSpace();
                }
                parameters.add(new Parameter(parameterName, value));
            }
            return new ExtensionParameters(name, parameters);
        }

        private String token(String what) throws ExtensionException {
            int start = at;
            while (at < text.length() && isTokenChar(peek())) {
                at++;
            }
            if (start == at) {
                throw error("expected " + what);
            }
            return text.substring(start, at);
        }

        /** A quoted-string whose unquoted content must itself be a token (RFC 6455 section 9.1). */
        private String quoted() throws ExtensionException {
            at++;
            StringBuilder value = new StringBuilder();
            while (at < text.length() && peek() != '"') {
                char c = text.charAt(at++);
                if (c == '\\') {
                    if (at == text.length()) {
                        throw error("unterminated escape");
                    }
                    c = text.charAt(at++);
                }
                if (!isTokenChar(c)) {
                    throw error("quoted parameter value is not a token");
                }
                value.append(c);
            }
            if (at == text.length()) {
                throw error("unterminated quoted string");
            }
            at++;
            if (value.length() == 0) {
                throw error("empty quoted parameter value");
            }
            return value.toString();
        }

        private char peek() {
            return text.charAt(at);
        }

        private void skipSpace() {
            while (at < text.length() && (peek() == ' ' || peek() == '\t')) {
                at++;
            }
        }

        private ExtensionException error(String what) {
            return new ExtensionException("malformed Sec-WebSocket-Extensions at " + at + ": " + what
                    + " in \"" + text + "\"");
        }
    }
}

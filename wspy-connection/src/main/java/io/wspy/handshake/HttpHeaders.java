package io.wspy.handshake;

import io.wspy.handshake.internal.HttpSyntax;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/**
 * The header fields of an HTTP message: immutable, in their original order, with names compared
 * case-insensitively. A name may occur several times; {@link #all(String)} keeps the fields apart
 * and {@link #combined(String)} joins them with {@code ", "}, which is equivalent for every list
 * header (RFC 9110 section 5.3).
 */
public final class HttpHeaders implements Iterable<HttpHeaders.Field> {
    private static final HttpHeaders EMPTY = new HttpHeaders(List.of());

    private final List<Field> fields;

    /**
     * One header line.
     *
     * @param name  the field name, a token, as it was written
     * @param value the field value without surrounding whitespace
     */
    public record Field(String name, String value) {
        /**
         * Checks the name and value.
         *
         * @throws IllegalArgumentException if the name is not a token or the value contains a
         *                                  line break, a control character or a character above
         *                                  U+00FF
         */
        public Field {
            if (!HttpSyntax.isToken(name)) {
                throw new IllegalArgumentException("header name is not a token: " + name);
            }
            value = HttpSyntax.trimWhitespace(value);
            for (int i = 0; i < value.length(); i++) {
                if (!HttpSyntax.isFieldValueChar(value.charAt(i))) {
                    throw new IllegalArgumentException("invalid character in header " + name + " at " + i);
                }
            }
        }

        /** Whether this field is called {@code other}, ignoring case. */
        public boolean is(String other) {
            return name.equalsIgnoreCase(other);
        }

        @Override
        public String toString() {
            return name + ": " + value;
        }
    }

    private HttpHeaders(List<Field> fields) {
        this.fields = fields;
    }

    /** No headers. */
    public static HttpHeaders empty() {
        return EMPTY;
    }

    /** A builder with no headers. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Headers from alternating names and values, for example {@code of("Host", "example.com")}.
     *
     * @throws IllegalArgumentException if the count is odd or a name or value is invalid
     */
    public static HttpHeaders of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values must come in pairs");
        }
        Builder b = builder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            b.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return b.build();
    }

    /** A builder that starts with these headers. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.fields.addAll(fields);
        return b;
    }

    /** Every field in order. */
    public List<Field> fields() {
        return fields;
    }

    @Override
    public Iterator<Field> iterator() {
        return fields.iterator();
    }

    /** The number of header lines. */
    public int size() {
        return fields.size();
    }

    /** Whether there are no header lines. */
    public boolean isEmpty() {
        return fields.isEmpty();
    }

    /** Whether at least one field is called {@code name}. */
    public boolean contains(String name) {
        for (Field f : fields) {
            if (f.is(name)) {
                return true;
            }
        }
        return false;
    }

    /** The value of the first field called {@code name}, or {@code null}. */
    public String first(String name) {
        for (Field f : fields) {
            if (f.is(name)) {
                return f.value();
            }
        }
        return null;
    }

    /** The values of every field called {@code name}, in order; empty if there is none. */
    public List<String> all(String name) {
        List<String> values = new ArrayList<>(2);
        for (Field f : fields) {
            if (f.is(name)) {
                values.add(f.value());
            }
        }
        return Collections.unmodifiableList(values);
    }

    /** The values of every field called {@code name} joined with {@code ", "}, or {@code null}. */
    public String combined(String name) {
        List<String> values = all(name);
        return values.isEmpty() ? null : String.join(", ", values);
    }

    /**
     * The elements of a comma-separated list header (such as {@code Connection} or
     * {@code Sec-WebSocket-Protocol}) over every field called {@code name}: trimmed, empty
     * elements dropped. Not for headers whose elements may contain quoted commas.
     */
    public List<String> elements(String name) {
        List<String> elements = new ArrayList<>();
        for (Field f : fields) {
            if (f.is(name)) {
                for (String element : f.value().split(",", -1)) {
                    String trimmed = HttpSyntax.trimWhitespace(element);
                    if (!trimmed.isEmpty()) {
                        elements.add(trimmed);
                    }
                }
            }
        }
        return Collections.unmodifiableList(elements);
    }

    /**
     * Whether the list header {@code name} has the element {@code token}, ignoring case: true for
     * {@code containsToken("Connection", "upgrade")} on {@code Connection: keep-alive, Upgrade}.
     */
    public boolean containsToken(String name, String token) {
        for (String element : elements(name)) {
            if (element.equalsIgnoreCase(token)) {
                return true;
            }
        }
        return false;
    }

    /** The header lines as they are written in a head, each ending with CRLF. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        for (Field f : fields) {
            s.append(f.name()).append(": ").append(f.value()).append("\r\n");
        }
        return s.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HttpHeaders && ((HttpHeaders) o).fields.equals(fields);
    }

    @Override
    public int hashCode() {
        return fields.hashCode();
    }

    /** Collects header fields in order. Not thread-safe. */
    public static final class Builder {
        private final List<Field> fields = new ArrayList<>();

        private Builder() {
        }

        /**
         * Appends a field, keeping any earlier field of the same name.
         *
         * @throws IllegalArgumentException if the name is not a token or the value is invalid
         */
        public Builder add(String name, String value) {
            fields.add(new Field(name, value));
            return this;
        }

        /** Replaces every field called {@code name} with one field (appended at the end). */
        public Builder set(String name, String value) {
            Field field = new Field(name, value);
            remove(name);
            fields.add(field);
            return this;
        }

        /** Removes every field called {@code name}. */
        public Builder remove(String name) {
            fields.removeIf(f -> f.is(name));
            return this;
        }

        /** Appends every field of {@code headers}. */
        public Builder addAll(HttpHeaders headers) {
            fields.addAll(headers.fields);
            return this;
        }

        /** Whether a field called {@code name} has been added. */
        public boolean contains(String name) {
            for (Field f : fields) {
                if (f.is(name)) {
                    return true;
                }
            }
            return false;
        }

        /** The number of fields so far. */
        public int size() {
            return fields.size();
        }

        /** The immutable headers. */
        public HttpHeaders build() {
            return fields.isEmpty() ? EMPTY : new HttpHeaders(List.copyOf(fields));
        }
    }
}

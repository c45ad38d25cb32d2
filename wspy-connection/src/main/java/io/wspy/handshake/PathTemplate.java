package io.wspy.handshake;

import io.wspy.handshake.internal.PercentCoding;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A request path with named parameters, such as {@code /rooms/{id}} or
 * {@code /users/{user}/feeds/{feed}}: each {@code /}-separated segment is either literal text,
 * compared exactly with the (still percent-encoded) request path, or a whole {@code {name}} that
 * matches one non-empty segment and yields it percent-decoded. Immutable.
 */
public final class PathTemplate {
    private final String template;
    /** One entry per segment: the literal text, or the parameter name when {@link #isParameter} says so. */
    private final String[] segments;
    private final boolean[] isParameter;

    private PathTemplate(String template, String[] segments, boolean[] isParameter) {
        this.template = template;
        this.segments = segments;
        this.isParameter = isParameter;
    }

    /**
     * Parses a template.
     *
     * @throws IllegalArgumentException naming the template and what is wrong: it does not start
     *                                  with {@code /}, a brace is not a whole segment, a name is
     *                                  not a Java-style identifier, or a name appears twice
     */
    public static PathTemplate of(String template) {
        if (template == null || !template.startsWith("/")) {
            throw new IllegalArgumentException("a path template starts with '/': " + template);
        }
        String[] parts = template.substring(1).split("/", -1);
        boolean[] parameter = new boolean[parts.length];
        Set<String> names = new HashSet<>();
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (part.startsWith("{") && part.endsWith("}") && part.length() > 2) {
                String name = part.substring(1, part.length() - 1);
                if (!isIdentifier(name)) {
                    throw new IllegalArgumentException("path template " + template + ": parameter name '" + name
                            + "' must be letters, digits and '_', not starting with a digit");
                }
                if (!names.add(name)) {
                    throw new IllegalArgumentException("path template " + template + ": parameter {" + name
                            + "} appears twice");
                }
                parts[i] = name;
                parameter[i] = true;
            } else if (part.indexOf('{') >= 0 || part.indexOf('}') >= 0) {
                throw new IllegalArgumentException("path template " + template + ": segment '" + part
                        + "' must be literal text or a whole {name}");
            } else if (part.indexOf('?') >= 0 || part.indexOf('#') >= 0) {
                throw new IllegalArgumentException("path template " + template + ": segment '" + part
                        + "' has a query or fragment character");
            }
        }
        return new PathTemplate(template, parts, parameter);
    }

    private static boolean isIdentifier(String name) {
        if (name.isEmpty() || !(Character.isLetter(name.charAt(0)) || name.charAt(0) == '_')) {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_')) {
                return false;
            }
        }
        return true;
    }

    /** The parameter names, in order. */
    public List<String> parameterNames() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < segments.length; i++) {
            if (isParameter[i]) {
                names.add(segments[i]);
            }
        }
        return List.copyOf(names);
    }

    /**
     * Matches a request path (as sent, percent-encoded, without the query).
     *
     * @return the parameters, decoded, in template order (empty for a template without any), or
     *         {@code null} if the path does not match, or a parameter's percent-encoding is malformed
     */
    public Map<String, String> match(String path) {
        if (path == null || !path.startsWith("/")) {
            return null;
        }
        String[] parts = path.substring(1).split("/", -1);
        if (parts.length != segments.length) {
            return null;
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < parts.length; i++) {
            if (!isParameter[i]) {
                if (!segments[i].equals(parts[i])) {
                    return null;
                }
            } else {
                if (parts[i].isEmpty()) {
                    return null;
                }
                try {
                    parameters.put(segments[i], PercentCoding.decode(parts[i]));
                } catch (IllegalArgumentException malformed) {
                    return null;
                }
            }
        }
        return parameters;
    }

    /** The template as written. */
    @Override
    public String toString() {
        return template;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PathTemplate && ((PathTemplate) o).template.equals(template);
    }

    @Override
    public int hashCode() {
        return template.hashCode();
    }
}

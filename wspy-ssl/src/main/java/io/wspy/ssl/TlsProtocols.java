package io.wspy.ssl;

import java.util.List;

/** The TLS versions wspy speaks: 1.3 and 1.2; older ones are broken. */
final class TlsProtocols {
    static final List<String> ALL = List.of("TLSv1.3", "TLSv1.2");

    private TlsProtocols() {
    }

    /** {@code versions} in order, checked to be a non-empty choice among {@link #ALL}. */
    static List<String> check(List<String> versions) {
        if (versions.isEmpty() || !ALL.containsAll(versions) || versions.stream().distinct().count() != versions.size()) {
            throw new IllegalArgumentException("TLS versions must be chosen among " + ALL + ", not " + versions);
        }
        return List.copyOf(versions);
    }
}

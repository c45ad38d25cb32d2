package io.wspy.handshake;

import io.wspy.frame.extension.ExtensionFactory;
import io.wspy.handshake.internal.HttpSyntax;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * What a server accepts in a handshake. Immutable and shared by every connection; build it with
 * {@link #builder()}.
 */
public final class ServerHandshakeConfig {
    private static final ServerHandshakeConfig DEFAULTS = builder().build();

    private final Set<String> paths;
    private final Set<String> trustedOrigins;
    private final List<String> subprotocols;
    private final List<ExtensionFactory> extensions;
    private final Authenticator authenticator;
    private final HandshakeLimits limits;
    private final HttpHeaders responseHeaders;
    private final List<Route> routes;

    /**
     * An {@link UpgradeHandler} for the paths that match {@code template}, or for every path when it
     * is {@code null}.
     *
     * @param template the paths it decides on, or {@code null} for all
     * @param handler  the decision
     */
    public record Route(PathTemplate template, UpgradeHandler handler) {
    }

    private ServerHandshakeConfig(Builder b) {
        this.paths = Set.copyOf(b.paths);
        this.trustedOrigins = Set.copyOf(b.trustedOrigins);
        this.subprotocols = List.copyOf(b.subprotocols);
        this.extensions = List.copyOf(b.extensions);
        this.authenticator = b.authenticator;
        this.limits = b.limits;
        this.responseHeaders = b.responseHeaders;
        this.routes = List.copyOf(b.routes);
    }

    /** Any path, any origin, no subprotocols, no extensions, no authentication, default limits. */
    public static ServerHandshakeConfig defaults() {
        return DEFAULTS;
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.paths = paths;
        b.trustedOrigins = trustedOrigins;
        b.subprotocols = subprotocols;
        b.extensions = extensions;
        b.authenticator = authenticator;
        b.limits = limits;
        b.responseHeaders = responseHeaders;
        b.routes.addAll(routes);
        return b;
    }

    /**
     * The upgrade handlers, tried in order: the first whose template matches the request path
     * decides; when there are routes and none matches, the request gets 404. Empty (the default):
     * every request that passes the checks is accepted.
     */
    public List<Route> routes() {
        return routes;
    }

    /** The paths served, compared exactly with the request path (still percent-encoded); empty = any. */
    public Set<String> paths() {
        return paths;
    }

    /** The origins trusted, in lower case; empty = any, including none. */
    public Set<String> trustedOrigins() {
        return trustedOrigins;
    }

    /** The subprotocols supported, most preferred first. */
    public List<String> subprotocols() {
        return subprotocols;
    }

    /** The extension factories, used for negotiation in the client's order of preference. */
    public List<ExtensionFactory> extensions() {
        return extensions;
    }

    /** The authenticator, or {@code null} if every client is admitted. */
    public Authenticator authenticator() {
        return authenticator;
    }

    /** The size limits. */
    public HandshakeLimits limits() {
        return limits;
    }

    /** Extra headers added to every 101 response (for example {@code Server}). */
    public HttpHeaders responseHeaders() {
        return responseHeaders;
    }

    /** Collects the options of a {@link ServerHandshakeConfig}. Not thread-safe. */
    public static final class Builder {
        private Collection<String> paths = List.of();
        private Collection<String> trustedOrigins = List.of();
        private List<String> subprotocols = List.of();
        private List<ExtensionFactory> extensions = List.of();
        private Authenticator authenticator;
        private HandshakeLimits limits = HandshakeLimits.DEFAULT;
        private HttpHeaders responseHeaders = HttpHeaders.empty();
        private final List<Route> routes = new ArrayList<>();

        private Builder() {
        }

        /**
         * The paths served, such as {@code /chat}; a request for
         * another path gets 404. None (the default) serves every path.
         *
         * @throws IllegalArgumentException if a path does not start with {@code /}
         */
        public Builder paths(String... served) {
            Objects.requireNonNull(served, "paths");
            for (String p : served) {
                if (!p.startsWith("/")) {
                    throw new IllegalArgumentException("a path starts with '/': " + p);
                }
            }
            this.paths = List.of(served);
            return this;
        }

        /**
         * The paths served; see {@link #paths(String...)}.
         *
         * @param served the paths
         * @return this builder
         * @throws IllegalArgumentException if a path does not start with {@code /}
         */
        public Builder paths(List<String> served) {
            return paths(Objects.requireNonNull(served, "paths").toArray(new String[0]));
        }

        /**
         * The origins trusted, such as {@code https://example.com}; a request from another origin,
         * or without {@code Origin}, gets 403. None (the default) trusts every request. Compared
         * ignoring case.
         */
        public Builder trustedOrigins(String... origins) {
            Objects.requireNonNull(origins, "trustedOrigins");
            List<String> lower = new ArrayList<>();
            for (String o : origins) {
                lower.add(o.toLowerCase(Locale.ROOT));
            }
            this.trustedOrigins = lower;
            return this;
        }

        /**
         * The origins trusted; see {@link #trustedOrigins(String...)}.
         *
         * @param origins the origins
         * @return this builder
         */
        public Builder trustedOrigins(List<String> origins) {
            return trustedOrigins(Objects.requireNonNull(origins, "trustedOrigins").toArray(new String[0]));
        }

        /**
         * The subprotocols supported, most preferred first. The server picks its most preferred
         * one among those the client offers; if there is none in common, the response names none
         * and the client decides whether to go on.
         *
         * @throws IllegalArgumentException if a name is not a token or is repeated
         */
        public Builder subprotocols(String... supported) {
            Objects.requireNonNull(supported, "subprotocols");
            if (new LinkedHashSet<>(Arrays.asList(supported)).size() != supported.length) {
                throw new IllegalArgumentException("repeated subprotocol");
            }
            for (String p : supported) {
                if (!HttpSyntax.isToken(p)) {
                    throw new IllegalArgumentException("subprotocol is not a token: " + p);
                }
            }
            this.subprotocols = List.of(supported);
            return this;
        }

        /**
         * The subprotocols supported; see {@link #subprotocols(String...)}.
         *
         * @param supported the names, most preferred first
         * @return this builder
         * @throws IllegalArgumentException if a name is not a token or is repeated
         */
        public Builder subprotocols(List<String> supported) {
            return subprotocols(Objects.requireNonNull(supported, "subprotocols").toArray(new String[0]));
        }

        /**
         * The extension factories.
         *
         * @param factories the factories
         * @return this builder
         * @throws IllegalArgumentException if two answer to the same name
         */
        public Builder extensions(ExtensionFactory... factories) {
            return extensions(List.of(Objects.requireNonNull(factories, "extensions")));
        }

        /**
         * The extension factories.
         *
         * @throws IllegalArgumentException if two answer to the same name
         */
        public Builder extensions(List<? extends ExtensionFactory> factories) {
            Objects.requireNonNull(factories, "extensions");
            for (int i = 0; i < factories.size(); i++) {
                for (int j = i + 1; j < factories.size(); j++) {
                    for (String name : factories.get(i).names()) {
                        if (factories.get(j).answersTo(name)) {
                            throw new IllegalArgumentException("two extension factories answer to " + name);
                        }
                    }
                }
            }
            this.extensions = List.copyOf(factories);
            return this;
        }

        /** The authenticator, or {@code null} (the default) for none. */
        public Builder authenticator(Authenticator auth) {
            this.authenticator = auth;
            return this;
        }

        /** The size limits; default {@link HandshakeLimits#DEFAULT}. */
        public Builder limits(HandshakeLimits handshakeLimits) {
            this.limits = handshakeLimits;
            return this;
        }

        /**
         * Extra headers for every 101 response.
         *
         * @throws IllegalArgumentException if they include a header the handshake sets itself
         */
        public Builder responseHeaders(HttpHeaders headers) {
            for (HttpHeaders.Field f : headers) {
                if (f.is("Upgrade") || f.is("Connection") || f.name().toLowerCase(Locale.ROOT).startsWith("sec-websocket-")) {
                    throw new IllegalArgumentException("the handshake sets " + f.name() + " itself");
                }
            }
            this.responseHeaders = headers;
            return this;
        }

        /**
         * Adds an {@link UpgradeHandler} that decides on the requests for every path not matched by
         * an earlier route (see {@link ServerHandshakeConfig#routes()}).
         *
         * @throws IllegalArgumentException if {@code handler} is null
         */
        public Builder upgrade(UpgradeHandler handler) {
            if (handler == null) {
                throw new IllegalArgumentException("upgrade handler must not be null");
            }
            routes.add(new Route(null, handler));
            return this;
        }

        /**
         * Adds an {@link UpgradeHandler} for the paths that match {@code template}, such as
         * {@code /rooms/{id}} (see {@link PathTemplate}); its parameters reach the handler through
         * {@link UpgradeRequest#pathParameter}.
         *
         * @throws IllegalArgumentException if the template is malformed (the message says how) or
         *                                  {@code handler} is null
         */
        public Builder upgrade(String template, UpgradeHandler handler) {
            PathTemplate parsed = PathTemplate.of(template);
            if (handler == null) {
                throw new IllegalArgumentException("upgrade handler for " + template + " must not be null");
            }
            routes.add(new Route(parsed, handler));
            return this;
        }

        /** The configuration. */
        public ServerHandshakeConfig build() {
            return new ServerHandshakeConfig(this);
        }
    }
}

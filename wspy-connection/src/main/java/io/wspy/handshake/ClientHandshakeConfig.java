package io.wspy.handshake;

import io.wspy.frame.extension.ExtensionFactory;
import io.wspy.frame.extension.ExtensionNegotiation;
import io.wspy.handshake.internal.HttpSyntax;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * What a client sends and accepts in a handshake. Immutable and reusable for any number of
 * connections (and reconnections); build it with {@link #builder()}.
 */
public final class ClientHandshakeConfig {
    private static final ClientHandshakeConfig DEFAULTS = builder().build();
    private static final Set<String> RESERVED = Set.of("host", "upgrade", "connection", "content-length",
            "transfer-encoding");

    private final String origin;
    private final List<String> subprotocols;
    private final List<ExtensionFactory> extensions;
    private final HttpHeaders headers;
    private final Credentials credentials;
    private final boolean preemptiveBasic;
    private final String userAgent;
    private final HandshakeLimits limits;
    private final int maxRedirects;

    private ClientHandshakeConfig(Builder b) {
        this.origin = b.origin;
        this.subprotocols = b.subprotocols;
        this.extensions = b.extensions;
        this.headers = b.headers;
        this.credentials = b.credentials;
        this.preemptiveBasic = b.preemptiveBasic;
        this.userAgent = b.userAgent;
        this.limits = b.limits;
        this.maxRedirects = b.maxRedirects;
    }

    /** No origin, subprotocols, extensions or credentials; default limits; up to 5 redirects. */
    public static ClientHandshakeConfig defaults() {
        return DEFAULTS;
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The {@code Origin} to send, or {@code null} for none. */
    public String origin() {
        return origin;
    }

    /** The subprotocols offered, most preferred first. */
    public List<String> subprotocols() {
        return subprotocols;
    }

    /** The extension factories whose offers are sent. */
    public List<ExtensionFactory> extensions() {
        return extensions;
    }

    /** Extra request headers (for example {@code Cookie} or a bearer {@code Authorization}). */
    public HttpHeaders headers() {
        return headers;
    }

    /** The credentials for a 401 challenge, or {@code null}; a URI's user information wins. */
    public Credentials credentials() {
        return credentials;
    }

    /** Whether Basic credentials are sent with the first request, before any challenge. */
    public boolean preemptiveBasic() {
        return preemptiveBasic;
    }

    /** The {@code User-Agent}, or {@code null} for none. */
    public String userAgent() {
        return userAgent;
    }

    /** The size limits for the response. */
    public HandshakeLimits limits() {
        return limits;
    }

    /** How many redirects a connection attempt follows at most. */
    public int maxRedirects() {
        return maxRedirects;
    }

    /** Collects the options of a {@link ClientHandshakeConfig}. Not thread-safe. */
    public static final class Builder {
        private String origin;
        private List<String> subprotocols = List.of();
        private List<ExtensionFactory> extensions = List.of();
        private HttpHeaders headers = HttpHeaders.empty();
        private Credentials credentials;
        private boolean preemptiveBasic;
        private String userAgent = "wspy";
        private HandshakeLimits limits = HandshakeLimits.DEFAULT;
        private int maxRedirects = 5;

        private Builder() {
        }

        /**
         * The {@code Origin} header, such as {@code https://example.com}; {@code null} (the
         * default) sends none.
         *
         * @throws IllegalArgumentException if the value contains control characters
         */
        public Builder origin(String value) {
            this.origin = checkedValue("Origin", value);
            return this;
        }

        /**
         * The subprotocols to offer, most preferred first. The server's choice must be one of them.
         *
         * @throws IllegalArgumentException if a name is not a token or is repeated
         */
        public Builder subprotocols(String... offered) {
            Objects.requireNonNull(offered, "subprotocols");
            if (new LinkedHashSet<>(Arrays.asList(offered)).size() != offered.length) {
                throw new IllegalArgumentException("repeated subprotocol");
            }
            for (String p : offered) {
                if (!HttpSyntax.isToken(p)) {
                    throw new IllegalArgumentException("subprotocol is not a token: " + p);
                }
            }
            this.subprotocols = List.of(offered);
            return this;
        }

        /**
         * The extension factories whose offers to send, in order of preference.
         *
         * @throws IllegalArgumentException if two answer to the same name
         */
        /**
         * The subprotocols to offer, most preferred first. The server's choice must be one of them.
         *
         * @param offered the names
         * @return this builder
         * @throws IllegalArgumentException if a name is not a token or is repeated
         */
        public Builder subprotocols(List<String> offered) {
            return subprotocols(Objects.requireNonNull(offered, "subprotocols").toArray(new String[0]));
        }

        /**
         * The extension factories whose offers to send, in order of preference.
         *
         * @param factories the factories
         * @return this builder
         * @throws IllegalArgumentException if two answer to the same name
         */
        public Builder extensions(ExtensionFactory... factories) {
            return extensions(List.of(Objects.requireNonNull(factories, "extensions")));
        }

        /**
         * The extension factories whose offers to send, in order of preference.
         *
         * @param factories the factories
         * @return this builder
         * @throws IllegalArgumentException if two answer to the same name
         */
        public Builder extensions(List<? extends ExtensionFactory> factories) {
            Objects.requireNonNull(factories, "extensions");
            ExtensionNegotiation.offerHeader(factories); // throws if two factories share a name
            this.extensions = List.copyOf(factories);
            return this;
        }

        /**
         * Extra request headers.
         *
         * @throws IllegalArgumentException if they include a header the handshake sets itself
         *                                  ({@code Host}, {@code Upgrade}, {@code Connection},
         *                                  {@code Sec-WebSocket-*}, body framing)
         */
        public Builder headers(HttpHeaders extra) {
            for (HttpHeaders.Field f : extra) {
                String name = f.name().toLowerCase(Locale.ROOT);
                if (RESERVED.contains(name) || name.startsWith("sec-websocket-")) {
                    throw new IllegalArgumentException("the handshake sets " + f.name() + " itself");
                }
            }
            this.headers = extra;
            return this;
        }

        /** Credentials to answer a 401 challenge with (Digest preferred to Basic); default none. */
        public Builder credentials(Credentials value) {
            this.credentials = value;
            return this;
        }

        /**
         * Whether to send Basic credentials with the first request, saving a round trip with
         * servers known to use Basic; default false, since it reveals the password to any server.
         */
        public Builder preemptiveBasic(boolean value) {
            this.preemptiveBasic = value;
            return this;
        }

        /** The {@code User-Agent}; default {@code wspy}; {@code null} sends none. */
        public Builder userAgent(String value) {
            this.userAgent = checkedValue("User-Agent", value);
            return this;
        }

        /** The size limits for the response; default {@link HandshakeLimits#DEFAULT}. */
        public Builder limits(HandshakeLimits value) {
            this.limits = value;
            return this;
        }

        /** How many redirects to follow at most; default 5; 0 follows none. */
        public Builder maxRedirects(int value) {
            if (value < 0) {
                throw new IllegalArgumentException("maxRedirects must not be negative");
            }
            this.maxRedirects = value;
            return this;
        }

        /** {@code value} trimmed, after checking it is a valid header value; null stays null. */
        private static String checkedValue(String name, String value) {
            return value == null ? null : new HttpHeaders.Field(name, value).value();
        }

        /** The configuration. */
        public ClientHandshakeConfig build() {
            return new ClientHandshakeConfig(this);
        }
    }
}

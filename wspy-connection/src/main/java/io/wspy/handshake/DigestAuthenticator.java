package io.wspy.handshake;

import io.wspy.handshake.internal.AuthHeaderParser;
import io.wspy.handshake.internal.DigestMath;
import io.wspy.handshake.internal.HttpSyntax;
import io.wspy.handshake.internal.NonceCounts;
import io.wspy.handshake.internal.Nonces;
import io.wspy.handshake.internal.PercentCoding;
import io.wspy.handshake.internal.Secrets;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * HTTP Digest authentication (RFC 7616) with {@code qop=auth}, for MD5, SHA-256 and SHA-512-256.
 * Thread-safe.
 *
 * <p>Nonces carry their issue time and an HMAC under a server secret, so any nonce can be checked
 * without a table of issued nonces. A nonce older than the {@linkplain Builder#nonceLifetime
 * lifetime} is refused with {@code stale=true} (the client retries without asking its user again).
 * Each nonce-count may be used once per nonce; the table that enforces this holds at most
 * {@linkplain Builder#maxTrackedNonces a bounded number} of nonces, and when it is full the oldest
 * nonces are answered with {@code stale=true} rather than accepted unchecked.
 * Response values and passwords are compared in constant time. {@code userhash} and the
 * {@code -sess} algorithms are not supported; {@code username*} (RFC 8187) is.
 */
public final class DigestAuthenticator implements Authenticator {
    /** A store of pre-hashed passwords, so the server need not keep passwords at all. */
    @FunctionalInterface
    public interface Ha1Store {
        /**
         * HA1 ({@link DigestAlgorithm#ha1}) of {@code user} in {@code realm} for {@code algorithm}, in
         * lower-case hex, or {@code null} if the user or that algorithm's hash is unknown.
         */
        String ha1(String user, String realm, DigestAlgorithm algorithm);
    }

    private final String realm;
    private final Ha1Store store;
    private final List<DigestAlgorithm> algorithms;
    private final long lifetimeMillis;
    private final Clock clock;
    private final Nonces nonces;
    private final NonceCounts counts;

    private DigestAuthenticator(Builder b) {
        this.realm = b.realm;
        this.store = b.store;
        this.algorithms = b.algorithms;
        this.lifetimeMillis = b.nonceLifetime.toMillis();
        this.clock = b.clock;
        byte[] key = b.secret;
        if (key == null) {
            key = new byte[32];
            b.random.nextBytes(key);
        }
        this.nonces = new Nonces(key, b.random);
        this.counts = new NonceCounts(b.maxTrackedNonces);
    }

    /** A builder for an authenticator of {@code realm}. */
    public static Builder builder(String realm) {
        return new Builder(realm);
    }

    /** The realm. */
    public String realm() {
        return realm;
    }

    /** The algorithms offered, most preferred first. */
    public List<DigestAlgorithm> algorithms() {
        return algorithms;
    }

    /** A 401 with a fresh nonce, offering every algorithm, most preferred first. */
    private Denied challenge(boolean stale) {
        String nonce = nonces.mint(clock.millis());
        List<String> challenges = new ArrayList<>(algorithms.size());
        for (DigestAlgorithm a : algorithms) {
            challenges.add("Digest realm=" + HttpSyntax.quote(realm) + ", qop=\"auth\", algorithm=" + a.token()
                    + ", nonce=\"" + nonce + "\", charset=UTF-8" + (stale ? ", stale=true" : ""));
        }
        return new Denied(challenges);
    }

    @Override
    public Result authenticate(HttpRequest request) {
        List<String> headers = request.headers().all("Authorization");
        if (headers.size() != 1) {
            return challenge(false);
        }
        AuthChallenge credentials;
        try {
            credentials = AuthHeaderParser.credentials(headers.get(0));
        } catch (IllegalArgumentException e) {
            return challenge(false);
        }
        if (!credentials.isScheme("Digest") || credentials.token68() != null) {
            return challenge(false);
        }
        String user = user(credentials);
        String nonce = credentials.param("nonce");
        String uri = credentials.param("uri");
        String response = credentials.param("response");
        String cnonce = credentials.param("cnonce");
        String nc = credentials.param("nc");
        String qop = credentials.param("qop");
        String algorithmName = credentials.param("algorithm");
        DigestAlgorithm algorithm = DigestAlgorithm.forToken(algorithmName == null ? "MD5" : algorithmName);
        if (user == null || nonce == null || response == null || cnonce == null
                || !realm.equals(credentials.param("realm")) || !request.target().equals(uri)
                || !"auth".equalsIgnoreCase(qop) || !isNonceCount(nc)
                || algorithm == null || !algorithms.contains(algorithm)
                || "true".equalsIgnoreCase(credentials.param("userhash"))) {
            return challenge(false);
        }
        long issuedAt = nonces.issuedAt(nonce);
        if (issuedAt == Long.MIN_VALUE) {
            return challenge(false);
        }
        String ha1 = store.ha1(user, realm, algorithm);
        // An unknown user costs the same work as a known one, so timing does not reveal which users exist.
        String expected = DigestMath.response(algorithm, ha1 == null ? algorithm.hash(nonce) : ha1, nonce, nc, cnonce,
                "auth", request.method(), uri);
        if (!Secrets.equal(response.toLowerCase(Locale.ROOT), expected) || ha1 == null) {
            return challenge(false);
        }
        long now = clock.millis();
        if (now < issuedAt || now - issuedAt > lifetimeMillis) {
            return challenge(true);
        }
        switch (counts.use(issuedAt, nonce, Long.parseLong(nc, 16), now - lifetimeMillis)) {
            case ACCEPTED:
                return new Granted(user);
            case FORGOTTEN:
                return challenge(true);
            default:
                return challenge(false);
        }
    }

    /** The user name from {@code username} or {@code username*}, or {@code null}. */
    private static String user(AuthChallenge credentials) {
        String plain = credentials.param("username");
        String extended = credentials.param("username*");
        if (extended == null) {
            return plain;
        }
        String[] parts = extended.split("'", 3);
        if (plain != null || parts.length != 3 || !parts[0].equalsIgnoreCase("UTF-8")) {
            return null;
        }
        try {
            return PercentCoding.decode(parts[2]);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean isNonceCount(String nc) {
        if (nc == null || nc.length() != 8) {
            return false;
        }
        for (int i = 0; i < nc.length(); i++) {
            if (Character.digit(nc.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    /** Configures a {@link DigestAuthenticator}. Not thread-safe. */
    public static final class Builder {
        private final String realm;
        private Ha1Store store;
        private List<DigestAlgorithm> algorithms = List.of(DigestAlgorithm.SHA_256, DigestAlgorithm.MD5);
        private Duration nonceLifetime = Duration.ofMinutes(5);
        private int maxTrackedNonces = 10_000;
        private byte[] secret;
        private Clock clock = Clock.systemUTC();
        private final SecureRandom random = new SecureRandom();

        private Builder(String realm) {
            BasicAuthenticator.checkRealm(realm);
            this.realm = realm;
        }

        /** Checks passwords from a lookup of clear-text passwords. */
        public Builder passwords(PasswordLookup passwords) {
            this.store = (user, r, algorithm) -> {
                String password = passwords.password(user);
                return password == null ? null : algorithm.ha1(user, r, password);
            };
            return this;
        }

        /** Checks passwords from a store of pre-hashed HA1 values instead. */
        public Builder ha1Store(Ha1Store ha1Store) {
            this.store = ha1Store;
            return this;
        }

        /** The algorithms to offer, most preferred first; default SHA-256 then MD5. */
        public Builder algorithms(DigestAlgorithm... offered) {
            return algorithms(Arrays.asList(Objects.requireNonNull(offered, "algorithms")));
        }

        /**
         * The algorithms to offer, most preferred first; see {@link #algorithms(DigestAlgorithm...)}.
         *
         * @param offered the algorithms
         * @return this builder
         */
        public Builder algorithms(List<DigestAlgorithm> offered) {
            if (Objects.requireNonNull(offered, "algorithms").isEmpty()) {
                throw new IllegalArgumentException("at least one algorithm");
            }
            this.algorithms = List.copyOf(new LinkedHashSet<>(offered));
            return this;
        }

        /** How long a nonce stays valid; default 5 minutes. */
        public Builder nonceLifetime(Duration lifetime) {
            if (lifetime.isNegative() || lifetime.isZero()) {
                throw new IllegalArgumentException("nonce lifetime must be positive");
            }
            this.nonceLifetime = lifetime;
            return this;
        }

        /** How many nonces the replay table tracks at most; default 10,000. */
        public Builder maxTrackedNonces(int max) {
            if (max <= 0) {
                throw new IllegalArgumentException("maxTrackedNonces must be positive");
            }
            this.maxTrackedNonces = max;
            return this;
        }

        /**
         * The HMAC key of the nonces (at least 16 bytes); default a random key per authenticator.
         * Give servers behind one load balancer the same key so they accept each other's nonces.
         */
        public Builder secret(byte[] key) {
            if (key.length < 16) {
                throw new IllegalArgumentException("the secret needs at least 16 bytes");
            }
            this.secret = key.clone();
            return this;
        }

        /** The clock that dates nonces; default the system clock. */
        public Builder clock(Clock nonceClock) {
            this.clock = nonceClock;
            return this;
        }

        /**
         * The authenticator.
         *
         * @throws IllegalStateException if neither passwords nor an HA1 store was given
         */
        public DigestAuthenticator build() {
            if (store == null) {
                throw new IllegalStateException("passwords or an HA1 store is required");
            }
            return new DigestAuthenticator(this);
        }
    }
}

package io.wspy.handshake;

import java.util.List;

/**
 * Checks the credentials of a handshake request (server side). Implementations are shared by all
 * connections and must be thread-safe. {@link BasicAuthenticator} and {@link DigestAuthenticator}
 * implement the standard schemes; an application may plug in its own (for example bearer tokens).
 */
@FunctionalInterface
public interface Authenticator {
    /**
     * Decides on a request, usually from its {@code Authorization} header.
     *
     * @return {@link Granted} with the user, or {@link Denied} with the challenges to send in a 401
     */
    Result authenticate(HttpRequest request);

    /** The decision on a request. */
    sealed interface Result permits Granted, Denied {
    }

    /**
     * The request carries valid credentials.
     *
     * @param user the authenticated user name, visible to the application
     */
    record Granted(String user) implements Result {
        /** Checks that there is a user. */
        public Granted {
            if (user == null) {
                throw new IllegalArgumentException("user is required");
            }
        }
    }

    /**
     * Credentials are missing or wrong: the server answers 401 with these challenges.
     *
     * @param challenges the {@code WWW-Authenticate} values, one header line each; at least one
     */
    record Denied(List<String> challenges) implements Result {
        /** Checks that there is a challenge and copies the list. */
        public Denied {
            if (challenges.isEmpty()) {
                throw new IllegalArgumentException("a 401 needs at least one challenge");
            }
            challenges = List.copyOf(challenges);
        }
    }
}

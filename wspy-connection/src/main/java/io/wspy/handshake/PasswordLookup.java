package io.wspy.handshake;

/**
 * Where an authenticator finds a user's password. The application implements it over its user
 * store; it must be thread-safe, as handshakes run concurrently.
 */
@FunctionalInterface
public interface PasswordLookup {
    /** The password of {@code user}, or {@code null} if there is no such user. */
    String password(String user);
}

package io.wspy.handshake;

import io.wspy.handshake.internal.PercentCoding;

/**
 * A user name and password for HTTP authentication.
 *
 * @param user     the user name; must not contain {@code :} (RFC 7617) or control characters
 * @param password the password
 */
public record Credentials(String user, String password) {
    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException if the user name contains {@code :} or a control character
     */
    public Credentials {
        if (user == null || password == null) {
            throw new IllegalArgumentException("user and password are required");
        }
        for (int i = 0; i < user.length(); i++) {
            char c = user.charAt(i);
            if (c == ':' || c < 0x20 || c == 0x7f) {
                throw new IllegalArgumentException("invalid character in user name at " + i);
            }
        }
        for (int i = 0; i < password.length(); i++) {
            char c = password.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new IllegalArgumentException("control character in password at " + i);
            }
        }
    }

    /**
     * Credentials from the raw (percent-encoded) user information of a URI, as in
     * {@code ws://user:pass@host/}; {@code user} alone means an empty password.
     *
     * @throws IllegalArgumentException if the percent-encoding or the result is invalid
     */
    public static Credentials fromUserInfo(String rawUserInfo) {
        int colon = rawUserInfo.indexOf(':');
        String user = colon < 0 ? rawUserInfo : rawUserInfo.substring(0, colon);
        String password = colon < 0 ? "" : rawUserInfo.substring(colon + 1);
        return new Credentials(PercentCoding.decode(user), PercentCoding.decode(password));
    }

    /** Shows the user name only. */
    @Override
    public String toString() {
        return "Credentials[user=" + user + "]";
    }
}

package io.wspy.handshake;

import io.wspy.handshake.internal.AuthHeaderParser;
import io.wspy.handshake.internal.HttpSyntax;
import io.wspy.handshake.internal.Secrets;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * HTTP Basic authentication (RFC 7617) with UTF-8 credentials. The password travels in clear
 * text, so use it over {@code wss://} only. Thread-safe.
 */
public final class BasicAuthenticator implements Authenticator {
    private final PasswordLookup passwords;
    private final Authenticator.Denied denied;

    /**
     * An authenticator for {@code realm} that checks passwords from {@code passwords}.
     *
     * @throws IllegalArgumentException if the realm contains control characters
     */
    public BasicAuthenticator(String realm, PasswordLookup passwords) {
        checkRealm(realm);
        this.passwords = passwords;
        this.denied = new Denied(List.of("Basic realm=" + HttpSyntax.quote(realm) + ", charset=\"UTF-8\""));
    }

    static void checkRealm(String realm) {
        for (int i = 0; i < realm.length(); i++) {
            if (!HttpSyntax.isFieldValueChar(realm.charAt(i))) {
                throw new IllegalArgumentException("invalid character in realm at " + i);
            }
        }
    }

    @Override
    public Result authenticate(HttpRequest request) {
        List<String> headers = request.headers().all("Authorization");
        if (headers.size() != 1) {
            return denied;
        }
        String[] userAndPassword = decode(headers.get(0));
        if (userAndPassword == null) {
            return denied;
        }
        String expected = passwords.password(userAndPassword[0]);
        return Secrets.equal(userAndPassword[1], expected) ? new Granted(userAndPassword[0]) : denied;
    }

    /** The user and password of Basic credentials, or {@code null} if they are not valid Basic. */
    private static String[] decode(String header) {
        try {
            AuthChallenge credentials = AuthHeaderParser.credentials(header);
            if (!credentials.isScheme("Basic") || credentials.token68() == null) {
                return null;
            }
            byte[] raw = Base64.getDecoder().decode(credentials.token68());
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw)).toString();
            int colon = text.indexOf(':');
            return colon < 0 ? null : new String[] {text.substring(0, colon), text.substring(colon + 1)};
        } catch (IllegalArgumentException | CharacterCodingException e) {
            return null;
        }
    }
}

package io.wspy.handshake;

import io.wspy.handshake.Authenticator.Denied;
import io.wspy.handshake.Authenticator.Granted;
import io.wspy.handshake.internal.ClientAuthorization;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BasicAuthenticatorTest {
    private static final Map<String, String> USERS = Map.of("Aladdin", "open sesame", "test", "123\u00a3");
    private final BasicAuthenticator basic = new BasicAuthenticator("WallyWorld", USERS::get);

    private static HttpRequest withAuthorization(String... values) {
        HttpHeaders.Builder h = HttpHeaders.builder().add("Host", "x");
        for (String v : values) {
            h.add("Authorization", v);
        }
        return HttpRequest.of("GET", "/", h.build());
    }

    @Test
    void encodesTheRfc7617Examples() {
        assertEquals("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==",
                ClientAuthorization.basic(new Credentials("Aladdin", "open sesame")));
        assertEquals("Basic dGVzdDoxMjPCow==", ClientAuthorization.basic(new Credentials("test", "123\u00a3")),
                "UTF-8, as with charset=\"UTF-8\"");
    }

    @Test
    void grantsTheRfc7617Examples() {
        assertEquals("Aladdin", assertInstanceOf(Granted.class,
                basic.authenticate(withAuthorization("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="))).user());
        assertEquals("test", assertInstanceOf(Granted.class,
                basic.authenticate(withAuthorization("basic dGVzdDoxMjPCow=="))).user());
    }

    @Test
    void challengesWithRealmAndCharset() {
        Denied d = assertInstanceOf(Denied.class, basic.authenticate(withAuthorization()));
        assertEquals(List.of("Basic realm=\"WallyWorld\", charset=\"UTF-8\""), d.challenges());
        assertEquals("Basic realm=\"a \\\"quoted\\\" realm\", charset=\"UTF-8\"",
                ((Denied) new BasicAuthenticator("a \"quoted\" realm", u -> null)
                        .authenticate(withAuthorization())).challenges().get(0));
    }

    @Test
    void deniesWrongOrMalformedCredentials() {
        for (String value : new String[] {
            ClientAuthorization.basic(new Credentials("Aladdin", "open sesame!")),
            ClientAuthorization.basic(new Credentials("Aladdin", "")),
            ClientAuthorization.basic(new Credentials("nobody", "open sesame")),
            "Basic " + java.util.Base64.getEncoder().encodeToString("no colon".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
            "Basic not*base64",
            "Basic //79",
            "Digest username=\"Aladdin\"",
            "Basic",
            "Basic a=b",
        }) {
            assertInstanceOf(Denied.class, basic.authenticate(withAuthorization(value)), value);
        }
        assertInstanceOf(Denied.class, basic.authenticate(withAuthorization(
                "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==", "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==")), "two headers");
    }

    @Test
    void refusesARealmWithControlCharacters() {
        assertThrows(IllegalArgumentException.class, () -> new BasicAuthenticator("a\r\nb", u -> null));
    }
}

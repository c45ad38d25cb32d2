package io.wspy.handshake;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuthChallengeTest {
    @Test
    void parsesTheRfc7616Challenge() {
        List<AuthChallenge> list = AuthChallenge.parseAll("Digest\n".trim() + " realm=\"http-auth@example.org\", "
                + "qop=\"auth, auth-int\", algorithm=SHA-256, nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\", "
                + "opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"");
        assertEquals(1, list.size());
        AuthChallenge c = list.get(0);
        assertTrue(c.isScheme("digest"));
        assertNull(c.token68());
        assertEquals("http-auth@example.org", c.param("REALM"));
        assertEquals("auth, auth-int", c.param("qop"));
        assertEquals("SHA-256", c.param("algorithm"));
        assertEquals(5, c.params().size());
    }

    @Test
    void splitsSeveralChallengesInOneHeader() {
        List<AuthChallenge> list = AuthChallenge.parseAll(
                "Newauth realm=\"apps\", type=1, title=\"Login to \\\"apps\\\"\", Basic realm=\"simple\", Negotiate, "
                + "Other abc==, Last a=b");
        assertEquals(5, list.size());
        assertEquals(Map.of("realm", "apps", "type", "1", "title", "Login to \"apps\""), list.get(0).params());
        assertEquals("Basic", list.get(1).scheme());
        assertEquals("simple", list.get(1).param("realm"));
        assertEquals("Negotiate", list.get(2).scheme());
        assertTrue(list.get(2).params().isEmpty());
        assertNull(list.get(2).token68());
        assertEquals("abc==", list.get(3).token68());
        assertEquals("b", list.get(4).param("a"));
    }

    @Test
    void readsToken68Credentials() {
        AuthChallenge c = AuthChallenge.parseAll("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==").get(0);
        assertEquals("QWxhZGRpbjpvcGVuIHNlc2FtZQ==", c.token68());
        assertEquals("a+/b", AuthChallenge.parseAll("Bearer a+/b").get(0).token68());
        assertEquals("realm=", AuthChallenge.parseAll("Basic realm=").get(0).token68(), "the grammar makes it a token68");
    }

    @Test
    void toleratesWhitespaceAndEmptyElements() {
        List<AuthChallenge> list = AuthChallenge.parseAll(" , Basic realm = \"x\" ,, Digest realm=y ,");
        assertEquals(2, list.size());
        assertEquals("x", list.get(0).param("realm"));
        assertEquals("y", list.get(1).param("realm"));
    }

    @Test
    void joinsChallengesOfSeveralHeaderLines() {
        List<AuthChallenge> list = AuthChallenge.parseAll(List.of("Basic realm=a", "Digest realm=b, nonce=c"));
        assertEquals(2, list.size());
        assertEquals("c", list.get(1).param("nonce"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        " , ",
        "Basic realm=\"unterminated",
        "Basic realm=\"escape at end\\",
        "Basic realm=a b",
        "Basic realm=a, realm=b",
        "Basic\trealm=a",
        "(bad) realm=a",
        "Basic realm=\"a\" x",
        "Basic realm=\"bell\u0007\"",
    })
    void rejectsMalformedValues(String value) {
        assertThrows(IllegalArgumentException.class, () -> AuthChallenge.parseAll(value));
    }
}

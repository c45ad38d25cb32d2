package io.wspy.handshake;

import io.wspy.handshake.Authenticator.Denied;
import io.wspy.handshake.Authenticator.Granted;
import io.wspy.handshake.Authenticator.Result;
import io.wspy.handshake.internal.ClientAuthorization;
import io.wspy.handshake.internal.DigestMath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DigestAuthenticatorTest {
    private static final String RFC_REALM = "http-auth@example.org";
    private static final String RFC_NONCE = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
    private static final String RFC_CNONCE = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";
    private static final String RFC_OPAQUE = "FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS";
    private static final Credentials MUFASA = new Credentials("Mufasa", "Circle of Life");
    private static final Map<String, String> USERS = Map.of("Mufasa", "Circle of Life", "J\u00e4s\u00f8n Doe", "Secret, or not?");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    private DigestAuthenticator.Builder builder() {
        return DigestAuthenticator.builder(RFC_REALM).passwords(USERS::get).clock(clock);
    }

    private static HttpRequest request(String target, String authorization) {
        HttpHeaders.Builder h = HttpHeaders.builder().add("Host", "example.org");
        if (authorization != null) {
            h.add("Authorization", authorization);
        }
        return HttpRequest.of("GET", target, h.build());
    }

    private static List<AuthChallenge> challenges(Result result) {
        return AuthChallenge.parseAll(assertInstanceOf(Denied.class, result).challenges());
    }

    /** What a client sends after {@code auth} challenged a request to {@code target}. */
    private static String answer(DigestAuthenticator auth, String target, Credentials credentials) {
        AuthChallenge chosen = ClientAuthorization.choose(challenges(auth.authenticate(request(target, null))));
        return ClientAuthorization.answer(chosen, credentials, "GET", target);
    }

    @Test
    void computesTheRfc7616ExampleResponses() {
        String md5 = DigestMath.response(DigestAlgorithm.MD5, DigestAlgorithm.MD5.ha1("Mufasa", RFC_REALM, "Circle of Life"),
                RFC_NONCE, "00000001", RFC_CNONCE, "auth", "GET", "/dir/index.html");
        assertEquals("8ca523f5e9506fed4657c9700eebdbec", md5);
        String sha256 = DigestMath.response(DigestAlgorithm.SHA_256,
                DigestAlgorithm.SHA_256.ha1("Mufasa", RFC_REALM, "Circle of Life"),
                RFC_NONCE, "00000001", RFC_CNONCE, "auth", "GET", "/dir/index.html");
        assertEquals("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1", sha256);
    }

    @Test
    void answersTheRfc7616ExampleChallengeAsTheRfcDoes() {
        for (String[] example : new String[][] {
            {"MD5", "8ca523f5e9506fed4657c9700eebdbec"},
            {"SHA-256", "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1"},
        }) {
            AuthChallenge challenge = AuthChallenge.parseAll("Digest realm=\"" + RFC_REALM + "\", qop=\"auth, auth-int\", "
                    + "algorithm=" + example[0] + ", nonce=\"" + RFC_NONCE + "\", opaque=\"" + RFC_OPAQUE + "\"").get(0);
            assertEquals("Digest username=\"Mufasa\", realm=\"" + RFC_REALM + "\", uri=\"/dir/index.html\", algorithm="
                    + example[0] + ", nonce=\"" + RFC_NONCE + "\", nc=00000001, cnonce=\"" + RFC_CNONCE + "\", qop=auth, "
                    + "response=\"" + example[1] + "\", opaque=\"" + RFC_OPAQUE + "\"",
                    ClientAuthorization.digest(challenge, MUFASA, "GET", "/dir/index.html", RFC_CNONCE));
        }
    }

    @Test
    void answersAnRfc2069ChallengeWithoutQop() {
        AuthChallenge challenge = AuthChallenge.parseAll("Digest realm=\"r\", nonce=\"n\"").get(0);
        String header = ClientAuthorization.digest(challenge, MUFASA, "GET", "/", "c");
        AuthChallenge sent = AuthChallenge.parseAll(header).get(0);
        assertEquals(DigestAlgorithm.MD5.hash(DigestAlgorithm.MD5.ha1("Mufasa", "r", "Circle of Life") + ":n:"
                + DigestAlgorithm.MD5.hash("GET:/")), sent.param("response"));
        assertFalse(sent.params().containsKey("nc"));
        assertFalse(sent.params().containsKey("cnonce"));
        assertFalse(sent.params().containsKey("algorithm"));
    }

    @Test
    void challengesWithEveryAlgorithmStrongestFirst() {
        List<AuthChallenge> list = challenges(builder().build().authenticate(request("/", null)));
        assertEquals(2, list.size());
        assertEquals("SHA-256", list.get(0).param("algorithm"));
        assertEquals("MD5", list.get(1).param("algorithm"));
        for (AuthChallenge c : list) {
            assertEquals(RFC_REALM, c.param("realm"));
            assertEquals("auth", c.param("qop"));
            assertEquals("UTF-8", c.param("charset"));
            assertFalse(c.params().containsKey("stale"));
        }
        assertEquals(list.get(0).param("nonce"), list.get(1).param("nonce"));
    }

    @Test
    void theClientPicksTheStrongestAlgorithmWhateverTheOrder() {
        List<AuthChallenge> offered = AuthChallenge.parseAll("Basic realm=\"r\", Digest realm=\"r\", nonce=\"n\", "
                + "algorithm=MD5, Digest realm=\"r\", nonce=\"n\", algorithm=SHA-512-256, qop=\"auth\", "
                + "Digest realm=\"r\", nonce=\"n\", algorithm=SHA-256, Digest realm=\"r\", nonce=\"n\", algorithm=SHA-999");
        assertEquals("SHA-512-256", ClientAuthorization.choose(offered).param("algorithm"));
        List<AuthChallenge> onlyAuthInt = AuthChallenge.parseAll(
                "Digest realm=\"r\", nonce=\"n\", qop=\"auth-int\", Basic realm=\"r\"");
        assertEquals("Basic", ClientAuthorization.choose(onlyAuthInt).scheme(), "auth-int only is not supported");
        assertEquals(null, ClientAuthorization.choose(AuthChallenge.parseAll("Negotiate, Digest realm=r")));
    }

    @ParameterizedTest
    @EnumSource(DigestAlgorithm.class)
    void grantsACorrectAnswerWithEveryAlgorithm(DigestAlgorithm algorithm) {
        DigestAuthenticator auth = builder().algorithms(algorithm).build();
        String authorization = answer(auth, "/chat?room=1", MUFASA);
        assertTrue(authorization.contains("algorithm=" + algorithm.token()), authorization);
        assertEquals("Mufasa", assertInstanceOf(Granted.class, auth.authenticate(request("/chat?room=1", authorization))).user());
    }

    @Test
    void deniesAWrongPasswordOrUnknownUser() {
        DigestAuthenticator auth = builder().build();
        Denied wrong = assertInstanceOf(Denied.class, auth.authenticate(request("/",
                answer(auth, "/", new Credentials("Mufasa", "Circle of life")))));
        assertFalse(AuthChallenge.parseAll(wrong.challenges()).get(0).params().containsKey("stale"));
        assertInstanceOf(Denied.class, auth.authenticate(request("/", answer(auth, "/", new Credentials("Scar", "x")))));
    }

    @Test
    void refusesAnExpiredNonceAsStaleAndAcceptsTheFreshOne() {
        DigestAuthenticator auth = builder().nonceLifetime(Duration.ofSeconds(30)).build();
        String authorization = answer(auth, "/", MUFASA);
        clock.advance(Duration.ofSeconds(30));
        assertInstanceOf(Granted.class, auth.authenticate(request("/", authorization)), "valid up to the lifetime");

        String late = answer(auth, "/", MUFASA);
        clock.advance(Duration.ofSeconds(31));
        List<AuthChallenge> renewed = challenges(auth.authenticate(request("/", late)));
        assertEquals("true", renewed.get(0).param("stale"));
        String fresh = ClientAuthorization.answer(ClientAuthorization.choose(renewed), MUFASA, "GET", "/");
        assertInstanceOf(Granted.class, auth.authenticate(request("/", fresh)));
    }

    @Test
    void refusesANonceFromTheFutureAsStale() {
        DigestAuthenticator auth = builder().build();
        String authorization = answer(auth, "/", MUFASA);
        clock.advance(Duration.ofSeconds(-1));
        assertEquals("true", challenges(auth.authenticate(request("/", authorization))).get(0).param("stale"));
    }

    @Test
    void doesNotCallAWrongPasswordStale() {
        DigestAuthenticator auth = builder().nonceLifetime(Duration.ofSeconds(1)).build();
        String wrong = answer(auth, "/", new Credentials("Mufasa", "nope"));
        clock.advance(Duration.ofMinutes(1));
        assertFalse(challenges(auth.authenticate(request("/", wrong))).get(0).params().containsKey("stale"));
    }

    @Test
    void refusesAReplayedNonceCountButAcceptsAHigherOne() {
        DigestAuthenticator auth = builder().build();
        String authorization = answer(auth, "/", MUFASA);
        assertInstanceOf(Granted.class, auth.authenticate(request("/", authorization)));
        List<AuthChallenge> replay = challenges(auth.authenticate(request("/", authorization)));
        assertFalse(replay.get(0).params().containsKey("stale"));

        AuthChallenge sent = AuthChallenge.parseAll(authorization).get(0);
        assertInstanceOf(Granted.class, auth.authenticate(request("/", withCount(sent, "00000002"))));
        assertInstanceOf(Denied.class, auth.authenticate(request("/", withCount(sent, "00000002"))));
        assertInstanceOf(Denied.class, auth.authenticate(request("/", withCount(sent, "00000001"))));
        assertInstanceOf(Granted.class, auth.authenticate(request("/", withCount(sent, "0000000A"))));
    }

    /** {@code sent} with another nonce-count, signed again as an honest client would. */
    private static String withCount(AuthChallenge sent, String nc) {
        return resigned(sent, Map.of("nc", nc));
    }

    /**
     * {@code sent} with some parameters replaced (a null value drops one) and the response
     * recomputed from the result with Mufasa's password, so that only the replaced value can be
     * what the server objects to.
     */
    private static String resigned(AuthChallenge sent, Map<String, String> replaced) {
        Map<String, String> params = new LinkedHashMap<>(sent.params());
        params.putAll(replaced);
        params.values().removeIf(java.util.Objects::isNull);
        DigestAlgorithm a = DigestAlgorithm.forToken(params.getOrDefault("algorithm", "MD5"));
        params.put("response", DigestMath.response(a, a.ha1("Mufasa", params.get("realm"), "Circle of Life"),
                params.get("nonce"), params.get("nc"), params.get("cnonce"), params.get("qop"), "GET", params.get("uri")));
        StringBuilder s = new StringBuilder("Digest ");
        params.forEach((name, value) -> s.append(s.length() > 7 ? ", " : "").append(name).append("=\"").append(value).append('"'));
        return s.toString();
    }

    @Test
    void refusesTamperedOrForeignNonces() {
        DigestAuthenticator auth = builder().build();
        AuthChallenge sent = AuthChallenge.parseAll(answer(auth, "/", MUFASA)).get(0);
        char[] nonce = sent.param("nonce").toCharArray();
        nonce[3] = nonce[3] == 'A' ? 'B' : 'A';
        assertInstanceOf(Denied.class, auth.authenticate(request("/", resigned(sent, Map.of("nonce", String.valueOf(nonce))))));
        assertInstanceOf(Denied.class, auth.authenticate(request("/", resigned(sent, Map.of("nonce", "short")))));
        assertInstanceOf(Denied.class, auth.authenticate(request("/", resigned(sent, Map.of("nonce", "!not base64!")))));

        DigestAuthenticator other = builder().build();
        assertInstanceOf(Denied.class, other.authenticate(request("/", answer(auth, "/", MUFASA))),
                "another server's secret");
    }

    @Test
    void sharesNoncesBetweenServersWithTheSameSecret() {
        byte[] secret = new byte[32];
        Arrays.fill(secret, (byte) 7);
        DigestAuthenticator one = builder().secret(secret).build();
        DigestAuthenticator two = builder().secret(secret).build();
        assertInstanceOf(Granted.class, two.authenticate(request("/", answer(one, "/", MUFASA))));
        assertThrows(IllegalArgumentException.class, () -> builder().secret(new byte[15]));
    }

    @Test
    void refusesAnswersThatDoNotMatchTheRequestOrTheOffer() {
        DigestAuthenticator auth = builder().algorithms(DigestAlgorithm.SHA_256).build();
        AuthChallenge sent = AuthChallenge.parseAll(answer(auth, "/chat", MUFASA)).get(0);
        assertInstanceOf(Denied.class, auth.authenticate(request("/other", resigned(sent, Map.of()))), "another uri");
        assertInstanceOf(Denied.class, auth.authenticate(request("/chat", resigned(sent, Map.of("realm", "other")))));
        assertInstanceOf(Denied.class, auth.authenticate(request("/chat", resigned(sent, Map.of("algorithm", "MD5")))),
                "an algorithm that was not offered");
        assertInstanceOf(Denied.class, auth.authenticate(request("/chat", resigned(sent, Map.of("qop", "auth-int")))));
        assertInstanceOf(Denied.class, auth.authenticate(request("/chat", resigned(sent, Map.of("nc", "1")))));
        assertInstanceOf(Denied.class, auth.authenticate(request("/chat", resigned(sent, Map.of("userhash", "true")))));
        for (String dropped : new String[] {"username", "realm", "nonce", "uri", "cnonce", "nc", "qop"}) {
            Map<String, String> drop = new java.util.HashMap<>();
            drop.put(dropped, null);
            assertInstanceOf(Denied.class, auth.authenticate(request("/chat", resigned(sent, drop))), dropped);
        }
        assertInstanceOf(Denied.class, auth.authenticate(request("/chat", "Basic TXVmYXNhOkNpcmNsZSBvZiBMaWZl")));
        assertInstanceOf(Denied.class, auth.authenticate(request("/chat", "Digest realm=\"unterminated")));
        assertInstanceOf(Denied.class, auth.authenticate(request("/chat", "Digest abc==")));
        assertInstanceOf(Granted.class, auth.authenticate(request("/chat", resigned(sent, Map.of()))),
                "the same answer unchanged passes: nothing above was refused for a replay");
    }

    @Test
    void acceptsAnExtendedUserName() {
        DigestAuthenticator auth = builder().build();
        String authorization = answer(auth, "/", new Credentials("J\u00e4s\u00f8n Doe", "Secret, or not?"));
        assertTrue(authorization.startsWith("Digest username*=UTF-8''J%C3%A4s%C3%B8n%20Doe, "), authorization);
        assertEquals("J\u00e4s\u00f8n Doe", assertInstanceOf(Granted.class, auth.authenticate(request("/", authorization))).user());
    }

    @Test
    void checksPreHashedPasswords() {
        DigestAuthenticator auth = DigestAuthenticator.builder("realm").clock(clock)
                .ha1Store((user, realm, algorithm) -> user.equals("Mufasa") && algorithm == DigestAlgorithm.SHA_256
                        ? algorithm.ha1(user, realm, "Circle of Life") : null)
                .build();
        assertInstanceOf(Granted.class, auth.authenticate(request("/", answer(auth, "/", MUFASA))));
        DigestAuthenticator md5Only = DigestAuthenticator.builder("realm").clock(clock).algorithms(DigestAlgorithm.MD5)
                .ha1Store((user, realm, algorithm) -> algorithm == DigestAlgorithm.SHA_256 ? "00" : null).build();
        assertInstanceOf(Denied.class, md5Only.authenticate(request("/", answer(md5Only, "/", MUFASA))));
    }

    @Test
    void forgetsTheOldestNonceWhenFullAndCallsItStale() {
        DigestAuthenticator auth = builder().maxTrackedNonces(2).build();
        String[] answers = new String[3];
        for (int i = 0; i < 3; i++) {
            answers[i] = answer(auth, "/", MUFASA);
            assertInstanceOf(Granted.class, auth.authenticate(request("/", answers[i])));
            clock.advance(Duration.ofMillis(1));
        }
        AuthChallenge first = AuthChallenge.parseAll(answers[0]).get(0);
        List<AuthChallenge> renewed = challenges(auth.authenticate(request("/", withCount(first, "00000002"))));
        assertEquals("true", renewed.get(0).param("stale"), "forgotten, so it cannot be checked for replay");
        AuthChallenge second = AuthChallenge.parseAll(answers[1]).get(0);
        assertInstanceOf(Granted.class, auth.authenticate(request("/", withCount(second, "00000002"))));
        assertInstanceOf(Granted.class, auth.authenticate(request("/", answer(auth, "/", MUFASA))), "new nonces still pass");
    }

    @Test
    void issuesADifferentNonceEachTime() {
        DigestAuthenticator auth = builder().build();
        assertNotEquals(challenges(auth.authenticate(request("/", null))).get(0).param("nonce"),
                challenges(auth.authenticate(request("/", null))).get(0).param("nonce"));
    }

    @Test
    void refusesInvalidConfiguration() {
        assertThrows(IllegalStateException.class, () -> DigestAuthenticator.builder("r").build());
        assertThrows(IllegalArgumentException.class, () -> DigestAuthenticator.builder("r").algorithms());
        assertThrows(IllegalArgumentException.class, () -> DigestAuthenticator.builder("r").nonceLifetime(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> DigestAuthenticator.builder("r").maxTrackedNonces(0));
        assertThrows(IllegalArgumentException.class, () -> DigestAuthenticator.builder("bad\nrealm"));
    }
}

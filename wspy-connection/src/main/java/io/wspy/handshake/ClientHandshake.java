package io.wspy.handshake;

import io.wspy.handshake.internal.HttpResponseParser;
import io.wspy.frame.extension.ExtensionChain;
import io.wspy.frame.extension.ExtensionException;
import io.wspy.frame.extension.ExtensionNegotiation;
import io.wspy.handshake.internal.ClientAuthorization;
import io.wspy.handshake.internal.HttpSyntax;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Locale;

/**
 * The client side of one opening handshake (RFC 6455 section 4.1), without I/O: write
 * {@link #request()}, then feed the server's bytes to {@link #receive} until it returns an
 * {@link Outcome}.
 *
 * <p>A redirect (301, 302, 303, 307, 308) or a 401 that the client can answer does not fail: the
 * outcome carries the {@linkplain Redirect#next() next handshake} to run, on a new connection
 * for a redirect, and for a 401 on the same connection when
 * {@link AuthenticationRequired#sameConnection()} says so. Redirects are followed up to
 * {@link ClientHandshakeConfig#maxRedirects()}, never from {@code wss} to {@code ws}, and
 * credentials follow a redirect only within the same origin (scheme, host and port), unless the
 * new URI carries its own.
 *
 * <p>Not thread-safe: one instance per attempt.
 */
public final class ClientHandshake {
    /** Answers to challenges per attempt: the first, and one more after a stale nonce. */
    private static final int MAX_AUTH_ATTEMPTS = 2;

    private final URI uri;
    private final ClientHandshakeConfig config;
    private final Credentials credentials;
    private final int redirects;
    private final int authAttempts;
    private final String key;
    private final boolean sentCredentials;
    private final HttpRequest request;
    private final HttpResponseParser parser;
    private Outcome outcome;

    /** The outcome of a handshake. */
    public sealed interface Outcome permits Accepted, Redirect, AuthenticationRequired {
        /** The server's response. */
        HttpResponse response();
    }

    /**
     * The server accepted: the connection speaks WebSocket from the byte after the response on.
     *
     * @param response    the 101 response
     * @param subprotocol the subprotocol the server chose, or {@code null}
     * @param extensions  the negotiated extensions; the connection owns and closes them
     */
    public record Accepted(HttpResponse response, String subprotocol, ExtensionChain extensions)
            implements Outcome {
    }

    /**
     * The server redirected: close this connection, connect to {@code location} and run {@code next}.
     *
     * @param response the redirect response
     * @param location the new WebSocket URI ({@code http}/{@code https} mapped to {@code ws}/{@code wss})
     * @param next     the handshake for the new location
     */
    public record Redirect(HttpResponse response, URI location, ClientHandshake next) implements Outcome {
    }

    /**
     * The server asked for credentials and the client has them: run {@code next}, which carries
     * the {@code Authorization} header.
     *
     * @param response       the 401 response
     * @param challenge      the challenge answered
     * @param sameConnection whether {@code next} may run on this connection (its body was read
     *                       and the server keeps it open); otherwise reconnect first
     * @param next           the handshake to run
     */
    public record AuthenticationRequired(HttpResponse response, AuthChallenge challenge, boolean sameConnection,
                                         ClientHandshake next) implements Outcome {
    }

    private ClientHandshake(URI uri, ClientHandshakeConfig config, Credentials credentials, int redirects,
                            int authAttempts, String authorization) {
        this.uri = uri;
        this.config = config;
        this.credentials = credentials;
        this.redirects = redirects;
        this.authAttempts = authAttempts;
        this.key = WebSocketKey.generate();
        this.sentCredentials = authorization != null || (config.preemptiveBasic() && credentials != null);
        this.request = buildRequest(authorization);
        this.parser = new HttpResponseParser(config.limits(), true);
    }

    /**
     * The first handshake of a connection attempt to {@code uri}.
     *
     * @param uri a {@code ws://} or {@code wss://} URI with a host and no fragment; user
     *            information in it ({@code ws://user:pass@host/}) gives the credentials
     * @throws IllegalArgumentException if the URI is not such a URI
     */
    public static ClientHandshake start(URI uri, ClientHandshakeConfig config) {
        checkUri(uri);
        Credentials credentials = uri.getRawUserInfo() != null
                ? Credentials.fromUserInfo(uri.getRawUserInfo()) : config.credentials();
        return new ClientHandshake(uri, config, credentials, 0, 0, null);
    }

    static void checkUri(URI uri) {
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("ws") || scheme.equalsIgnoreCase("wss"))) {
            throw new IllegalArgumentException("not a ws:// or wss:// URI: " + uri);
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("no host in " + uri);
        }
        if (uri.getRawFragment() != null) {
            throw new IllegalArgumentException("a WebSocket URI has no fragment: " + uri);
        }
    }

    /** The URI this handshake connects to. */
    public URI uri() {
        return uri;
    }

    /** Whether the connection must use TLS ({@code wss}). */
    public boolean secure() {
        return isSecure(uri);
    }

    /** The host to connect to, without the brackets of an IPv6 literal. */
    public String host() {
        return hostOf(uri);
    }

    /** The port to connect to: the URI's, or 80 for {@code ws} and 443 for {@code wss}. */
    public int port() {
        return portOf(uri);
    }

    private static boolean isSecure(URI u) {
        return u.getScheme().equalsIgnoreCase("wss");
    }

    static String hostOf(URI u) {
        String host = u.getHost();
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }

    static int portOf(URI u) {
        return u.getPort() >= 0 ? u.getPort() : isSecure(u) ? 443 : 80;
    }

    /** How many redirects were followed to get here. */
    public int redirects() {
        return redirects;
    }

    /** The request to write. */
    public HttpRequest request() {
        return request;
    }

    private HttpRequest buildRequest(String authorization) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String target = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        HttpHeaders.Builder h = HttpHeaders.builder()
                .add("Host", uri.getPort() < 0 || uri.getPort() == (secure() ? 443 : 80)
                        ? uri.getHost() : uri.getHost() + ":" + uri.getPort())
                .add("Upgrade", "websocket")
                .add("Connection", "Upgrade")
                .add("Sec-WebSocket-Key", key)
                .add("Sec-WebSocket-Version", "13");
        if (config.origin() != null) {
            h.add("Origin", config.origin());
        }
        if (!config.subprotocols().isEmpty()) {
            h.add("Sec-WebSocket-Protocol", String.join(", ", config.subprotocols()));
        }
        String extensions = ExtensionNegotiation.offerHeader(config.extensions());
        if (extensions != null) {
            h.add("Sec-WebSocket-Extensions", extensions);
        }
        if (config.userAgent() != null) {
            h.add("User-Agent", config.userAgent());
        }
        h.addAll(config.headers());
        if (authorization != null) {
            h.set("Authorization", authorization);
        } else if (sentCredentials) {
            h.set("Authorization", ClientAuthorization.basic(credentials));
        }
        return HttpRequest.of("GET", target, h.build());
    }

    /**
     * Consumes response bytes.
     *
     * @return the outcome once the response is complete (for a non-101 response, including a
     *         body of known length within the limits), with {@code in} positioned at the first byte
     *         after it (after {@link Accepted}, the first frame byte); {@code null} while more bytes
     *         are needed. Once decided, returns the same outcome.
     * @throws HandshakeException if the handshake failed: a malformed response (status 0), a 101
     *                            that breaks RFC 6455, a redirect without a usable location or
     *                            beyond the limit, a 401 the client cannot answer, or any other
     *                            status; it carries the status and response received
     */
    public Outcome receive(ByteBuffer in) throws HandshakeException {
        if (outcome == null) {
            HttpResponse response = parser.parse(in);
            if (response != null) {
                outcome = decide(response);
            }
        }
        return outcome;
    }

    private Outcome decide(HttpResponse r) throws HandshakeException {
        int status = r.status();
        if (status == 101) {
            return accept(r);
        }
        if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
            return redirect(r);
        }
        if (status == 401) {
            return authenticate(r);
        }
        throw new HandshakeException(status, "server answered " + status + " " + r.reason(), r);
    }

    private Accepted accept(HttpResponse r) throws HandshakeException {
        HttpHeaders h = r.headers();
        if (!h.containsToken("Upgrade", "websocket")) {
            throw new HandshakeException(101, "101 response without Upgrade: websocket", r);
        }
        if (!h.containsToken("Connection", "upgrade")) {
            throw new HandshakeException(101, "101 response without Connection: upgrade", r);
        }
        List<String> accept = h.all("Sec-WebSocket-Accept");
        if (accept.size() != 1 || !accept.get(0).equals(WebSocketKey.accept(key))) {
            throw new HandshakeException(101, "wrong Sec-WebSocket-Accept", r);
        }
        List<String> protocol = h.all("Sec-WebSocket-Protocol");
        String subprotocol = protocol.isEmpty() ? null : protocol.get(0);
        if (protocol.size() > 1 || (subprotocol != null && !config.subprotocols().contains(subprotocol))) {
            throw new HandshakeException(101, "server chose a subprotocol that was not offered: "
                    + h.combined("Sec-WebSocket-Protocol"), r);
        }
        try {
            ExtensionChain extensions = ExtensionNegotiation.acceptResponse(config.extensions(),
                    h.combined("Sec-WebSocket-Extensions"));
            return new Accepted(r, subprotocol, extensions);
        } catch (ExtensionException e) {
            throw new HandshakeException(101, e.getMessage(), r, e);
        }
    }

    private Redirect redirect(HttpResponse r) throws HandshakeException {
        int status = r.status();
        String location = r.headers().first("Location");
        if (location == null || location.isEmpty()) {
            throw new HandshakeException(status, "redirect without Location", r);
        }
        if (redirects >= config.maxRedirects()) {
            throw new HandshakeException(status, "more than " + config.maxRedirects() + " redirects", r);
        }
        URI target = resolve(location, r);
        if (secure() && target.getScheme().equals("ws")) {
            throw new HandshakeException(status, "refusing a redirect from wss to ws: " + target, r);
        }
        Credentials next;
        if (target.getRawUserInfo() != null) {
            next = Credentials.fromUserInfo(target.getRawUserInfo());
        } else {
            next = sameOrigin(target) ? credentials : null;
        }
        try {
            return new Redirect(r, target, new ClientHandshake(target, config, next, redirects + 1, 0, null));
        } catch (IllegalArgumentException e) {
            // A URI may hold what a request-target may not (non-ASCII characters).
            throw new HandshakeException(status, "invalid redirect location: " + location, r, e);
        }
    }

    /** {@code location} resolved against this URI, with http(s) mapped to ws(s) and no fragment. */
    private URI resolve(String location, HttpResponse r) throws HandshakeException {
        try {
            URI base = uri.getRawPath() == null || uri.getRawPath().isEmpty()
                    ? new URI(uri.getScheme() + "://" + uri.getRawAuthority() + "/") : uri;
            URI resolved = base.resolve(new URI(location));
            String scheme = resolved.getScheme().toLowerCase(Locale.ROOT);
            switch (scheme) {
                case "http":
                case "ws":
                    scheme = "ws";
                    break;
                case "https":
                case "wss":
                    scheme = "wss";
                    break;
                default:
                    throw new HandshakeException(r.status(), "redirect to a non-WebSocket URI: " + location, r);
            }
            if (resolved.getRawAuthority() == null) {
                throw new HandshakeException(r.status(), "redirect to a URI without a host: " + location, r);
            }
            String path = resolved.getRawPath() == null || resolved.getRawPath().isEmpty() ? "/" : resolved.getRawPath();
            URI target = new URI(scheme + "://" + resolved.getRawAuthority() + path
                    + (resolved.getRawQuery() == null ? "" : "?" + resolved.getRawQuery()));
            checkUri(target);
            return target;
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new HandshakeException(r.status(), "invalid redirect location: " + location, r, e);
        }
    }

    private boolean sameOrigin(URI target) {
        return isSecure(target) == secure() && hostOf(target).equalsIgnoreCase(host()) && portOf(target) == port();
    }

    private AuthenticationRequired authenticate(HttpResponse r) throws HandshakeException {
        List<AuthChallenge> challenges;
        try {
            challenges = AuthChallenge.parseAll(r.headers().all("WWW-Authenticate"));
        } catch (IllegalArgumentException e) {
            throw new HandshakeException(401, "malformed WWW-Authenticate: " + e.getMessage(), r, e);
        }
        if (credentials == null) {
            throw new HandshakeException(401, "the server requires authentication and no credentials were given", r);
        }
        AuthChallenge challenge = ClientAuthorization.choose(challenges);
        if (challenge == null) {
            throw new HandshakeException(401, "no supported authentication scheme offered: "
                    + r.headers().combined("WWW-Authenticate"), r);
        }
        boolean stale = challenge.isScheme("Digest") && "true".equalsIgnoreCase(challenge.param("stale"));
        if ((sentCredentials && !stale) || authAttempts >= MAX_AUTH_ATTEMPTS) {
            throw new HandshakeException(401, "the server rejected the credentials", r);
        }
        String authorization = ClientAuthorization.answer(challenge, credentials, request.method(), request.target());
        boolean keepAlive = HttpSyntax.parseVersion(r.version()) >= 11 && !r.headers().containsToken("Connection", "close");
        return new AuthenticationRequired(r, challenge, parser.messageConsumed() && keepAlive,
                new ClientHandshake(uri, config, credentials, redirects, authAttempts + 1, authorization));
    }
}

package io.wspy.handshake;

import io.wspy.handshake.internal.HttpRequestParser;
import io.wspy.frame.extension.ExtensionChain;
import io.wspy.frame.extension.ExtensionException;
import io.wspy.frame.extension.ExtensionNegotiation;
import io.wspy.handshake.internal.HttpSyntax;

import javax.net.ssl.SSLSession;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The server side of one opening handshake (RFC 6455 section 4.2), without I/O: feed it the bytes
 * the client sends until it returns an {@link Outcome}, then write that outcome's response.
 *
 * <p>Checks, in this order, each with the status of its rejection: a request without
 * {@code Upgrade: websocket} and without any {@code Sec-WebSocket-Key}/{@code -Version} header is
 * {@linkplain NotUpgrade plain HTTP}; otherwise the method must be GET, the version HTTP/1.1 or
 * later, {@code Host} present once, {@code Upgrade} must list {@code websocket} and
 * {@code Connection} {@code upgrade}, and there must be no body (400);
 * {@code Sec-WebSocket-Version} must be 13 (426, naming 13); {@code Sec-WebSocket-Key} must be the
 * base64 of 16 bytes (400); the path must be served (404); the origin trusted (403); the
 * credentials valid (401 with challenges); the subprotocol and extension headers well formed (400);
 * last, on a request that passed all of these, the
 * {@linkplain ServerHandshakeConfig#routes() upgrade handler} whose path template matches decides (404 when routes are configured and none matches; whatever status it rejects with; 500
 * if it fails). A malformed or oversized head gets 400, 414 or 431.
 *
 * <p>Not thread-safe: one instance per connection.
 */
public final class ServerHandshake {
    private static final System.Logger LOG = System.getLogger("io.wspy.server");

    private final ServerHandshakeConfig config;
    private final HttpRequestParser parser;
    private HttpRequest request;
    private Outcome outcome;

    /** The outcome of a handshake. */
    public sealed interface Outcome permits Accepted, Rejected, NotUpgrade {
        /** The request as parsed, or {@code null} if it could not be parsed. */
        HttpRequest request();
    }

    /**
     * The handshake succeeded: write {@code response}; the connection speaks WebSocket from the
     * next byte on, in both directions.
     *
     * @param request     the request, with path, query and headers for the application
     * @param response    the 101 response to write
     * @param subprotocol the subprotocol chosen, or {@code null}
     * @param extensions  the negotiated extensions; the connection owns and closes them
     * @param user        the authenticated user, or {@code null} without an authenticator
     * @param attachment  what the {@link UpgradeHandler} attached for the session, or {@code null}
     */
    public record Accepted(HttpRequest request, HttpResponse response, String subprotocol,
                           ExtensionChain extensions, String user, Object attachment) implements Outcome {
    }

    /**
     * The handshake failed: write {@code response}, then close the connection.
     *
     * @param request  the request, or {@code null} if it was malformed
     * @param response the error response (400, 401, 403, 404, 414, 426 or 431, or the status an
     *                 {@link UpgradeHandler} chose)
     * @param reason   why, with the same status
     */
    public record Rejected(HttpRequest request, HttpResponse response, HandshakeException reason)
            implements Outcome {
    }

    /**
     * A plain HTTP request, not a WebSocket handshake: hand it to an HTTP handler. Its body, if
     * any, has not been read; the buffer is positioned at its first byte.
     *
     * @param request the request
     */
    public record NotUpgrade(HttpRequest request) implements Outcome {
        /** The 426 response for a server that only speaks WebSocket. */
        public HttpResponse upgradeRequired() {
            return HttpResponse.error(426, "this resource speaks WebSocket only", HttpHeaders.of(
                    "Upgrade", "websocket", "Connection", "Upgrade, close", "Sec-WebSocket-Version", "13"));
        }
    }

    /** A handshake with the options of {@code config}. */
    public ServerHandshake(ServerHandshakeConfig config) {
        this.config = config;
        this.parser = new HttpRequestParser(config.limits());
    }

    /**
     * Consumes request bytes.
     *
     * @return the outcome once the request head is complete, with {@code in} positioned at the
     *         first byte after the head (after an {@link Accepted}, the first frame byte);
     *         {@code null} while more bytes are needed. Once decided, returns the same outcome.
     */
    public Outcome receive(ByteBuffer in) {
        return receiveHead(in) ? decide() : null;
    }

    /**
     * Consumes request bytes without deciding: the first half of {@link #receive}, for a driver
     * that must not wait on the second (the authenticator may ask a slow user store).
     *
     * @return whether the request head is complete (or malformed): then call {@link #decide()};
     *         {@code in} is positioned as {@link #receive} leaves it
     */
    public boolean receiveHead(ByteBuffer in) {
        if (outcome == null && request == null) {
            try {
                request = parser.parse(in);
            } catch (HandshakeException e) {
                outcome = reject(null, e.status(), e.getMessage());
            }
        }
        return outcome != null || request != null;
    }

    /**
     * Consumes request bytes, like {@link #receive(ByteBuffer)}, telling an {@link UpgradeHandler}
     * who is connected.
     *
     * @param remoteAddress the client's address, or {@code null}
     * @param sslSession    the TLS session, or {@code null} without TLS
     */
    public Outcome receive(ByteBuffer in, InetSocketAddress remoteAddress, SSLSession sslSession) {
        return receiveHead(in) ? decide(remoteAddress, sslSession) : null;
    }

    /** Same as {@link #decide(InetSocketAddress, SSLSession) decide(null, null)}. */
    public Outcome decide() {
        return decide(null, null);
    }

    /**
     * Decides the outcome of a complete request head: runs the checks, the authenticator and the
     * upgrade handler among them, which may block. Once decided, returns the same outcome.
     *
     * @param remoteAddress the client's address for an {@link UpgradeHandler}, or {@code null}
     * @param sslSession    the TLS session for an {@link UpgradeHandler}, or {@code null}
     * @throws IllegalStateException if the head is not complete yet
     */
    public Outcome decide(InetSocketAddress remoteAddress, SSLSession sslSession) {
        if (outcome == null) {
            if (request == null) {
                throw new IllegalStateException("the request head is not complete yet");
            }
            outcome = decide(request, remoteAddress, sslSession);
        }
        return outcome;
    }

    private Outcome decide(HttpRequest r, InetSocketAddress remoteAddress, SSLSession sslSession) {
        HttpHeaders h = r.headers();
        if (!h.containsToken("Upgrade", "websocket") && !h.contains("Sec-WebSocket-Key")
                && !h.contains("Sec-WebSocket-Version")) {
            return new NotUpgrade(r);
        }
        Rejected malformed = checkRequest(r, h);
        if (malformed != null) {
            return malformed;
        }
        String user = null;
        if (config.authenticator() != null) {
            Authenticator.Result result = config.authenticator().authenticate(r);
            if (result instanceof Authenticator.Denied) {
                HttpHeaders.Builder challenges = HttpHeaders.builder();
                for (String c : ((Authenticator.Denied) result).challenges()) {
                    challenges.add("WWW-Authenticate", c);
                }
                return reject(r, 401, "authentication required", challenges.build());
            }
            user = ((Authenticator.Granted) result).user();
        }
        List<String> offered = h.elements("Sec-WebSocket-Protocol");
        for (String p : offered) {
            if (!HttpSyntax.isToken(p)) {
                return reject(r, 400, "malformed Sec-WebSocket-Protocol");
            }
        }
        ExtensionChain extensions;
        try {
            extensions = ExtensionNegotiation.negotiate(config.extensions(), h.combined("Sec-WebSocket-Extensions"));
        } catch (ExtensionException e) {
            return reject(r, 400, e.getMessage());
        }
        // The application decides last, on a request that passed every protocol check.
        Upgrade upgrade = Upgrade.accept();
        if (!config.routes().isEmpty()) {
            Object decided = askHandler(new Routed(r, remoteAddress, sslSession, user), offered);
            if (decided instanceof Rejected) {
                extensions.close();
                return (Rejected) decided;
            }
            upgrade = (Upgrade) decided;
        }
        String subprotocol = upgrade.subprotocol();
        for (int i = 0; subprotocol == null && i < config.subprotocols().size(); i++) {
            if (offered.contains(config.subprotocols().get(i))) {
                subprotocol = config.subprotocols().get(i);
            }
        }
        HttpHeaders.Builder response = HttpHeaders.builder()
                .add("Upgrade", "websocket")
                .add("Connection", "Upgrade")
                .add("Sec-WebSocket-Accept", WebSocketKey.accept(h.combined("Sec-WebSocket-Key")));
        if (subprotocol != null) {
            response.add("Sec-WebSocket-Protocol", subprotocol);
        }
        if (!extensions.isEmpty()) {
            response.add("Sec-WebSocket-Extensions", extensions.responseHeader());
        }
        response.addAll(config.responseHeaders());
        response.addAll(upgrade.headers());
        return new Accepted(r, HttpResponse.of(101, response.build()), subprotocol, extensions, user,
                upgrade.attachment());
    }

    /** What the upgrade handler needs besides the request. */
    private record Routed(HttpRequest request, InetSocketAddress remoteAddress, SSLSession sslSession, String user) {
    }

    /** The accepting {@link Upgrade} of the route that matches, or the {@link Rejected} to answer. */
    private Object askHandler(Routed routed, List<String> offered) {
        HttpRequest r = routed.request();
        for (ServerHandshakeConfig.Route route : config.routes()) {
            Map<String, String> parameters = route.template() == null ? Map.of() : route.template().match(r.path());
            if (parameters == null) {
                continue;
            }
            Upgrade upgrade;
            try {
                upgrade = route.handler().upgrade(new UpgradeRequest(r, parameters, routed.remoteAddress(),
                        routed.sslSession(), routed.user()));
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "upgrade handler failed for " + r.target(), e);
                return reject(r, 500, "the upgrade handler failed");
            }
            if (upgrade == null) {
                return reject(r, 500, "the upgrade handler decided nothing");
            }
            if (!upgrade.isAccepted()) {
                return rejectedByHandler(r, upgrade);
            }
            if (upgrade.subprotocol() != null && !offered.contains(upgrade.subprotocol())) {
                LOG.log(System.Logger.Level.WARNING, "upgrade handler chose subprotocol {0}, which {1} did not offer",
                        upgrade.subprotocol(), r.target());
                return reject(r, 500, "the upgrade handler chose a subprotocol the client did not offer");
            }
            return upgrade;
        }
        return reject(r, 404, "no WebSocket endpoint at " + r.path());
    }

    private static Rejected rejectedByHandler(HttpRequest r, Upgrade upgrade) {
        byte[] body = upgrade.body();
        HttpHeaders headers = upgrade.headers().toBuilder()
                .add("Content-Length", Integer.toString(body.length))
                .add("Connection", "close")
                .build();
        HttpResponse response = new HttpResponse("HTTP/1.1", upgrade.status(),
                HttpSyntax.reasonPhrase(upgrade.status()), headers, body);
        return new Rejected(r, response, new HandshakeException(upgrade.status(),
                "rejected by the upgrade handler", response));
    }

    /** The checks of the request itself (method, version, headers, path, origin); null if it passes. */
    private Rejected checkRequest(HttpRequest r, HttpHeaders h) {
        if (!r.method().equals("GET")) {
            return reject(r, 400, "a WebSocket handshake uses GET, not " + r.method());
        }
        if (HttpSyntax.parseVersion(r.version()) < 11) {
            return reject(r, 400, "a WebSocket handshake needs HTTP/1.1 or later");
        }
        List<String> host = h.all("Host");
        if (host.size() != 1 || host.get(0).isEmpty()) {
            return reject(r, 400, "exactly one Host header is required");
        }
        if (!h.containsToken("Upgrade", "websocket")) {
            return reject(r, 400, "Upgrade must name websocket");
        }
        if (!h.containsToken("Connection", "upgrade")) {
            return reject(r, 400, "Connection must include upgrade");
        }
        if (h.contains("Transfer-Encoding") || (h.contains("Content-Length") && !"0".equals(h.combined("Content-Length")))) {
            return reject(r, 400, "a handshake request has no body");
        }
        List<String> version = h.all("Sec-WebSocket-Version");
        if (version.size() != 1 || !version.get(0).equals("13")) {
            return reject(r, 426, "Sec-WebSocket-Version must be 13");
        }
        List<String> key = h.all("Sec-WebSocket-Key");
        if (key.size() != 1 || !WebSocketKey.isValid(key.get(0))) {
            return reject(r, 400, "Sec-WebSocket-Key must be the base64 encoding of 16 bytes");
        }
        if (r.path() == null || !r.path().startsWith("/")) {
            return reject(r, 400, "the request-target has no path");
        }
        if (!config.paths().isEmpty() && !config.paths().contains(r.path())) {
            return reject(r, 404, "no WebSocket endpoint at " + r.path());
        }
        if (!config.trustedOrigins().isEmpty()) {
            List<String> origin = h.all("Origin");
            if (origin.size() != 1 || !config.trustedOrigins().contains(origin.get(0).toLowerCase(Locale.ROOT))) {
                return reject(r, 403, "origin not trusted");
            }
        }
        return null;
    }

    private static Rejected reject(HttpRequest r, int status, String message) {
        HttpHeaders headers = status == 426
                ? HttpHeaders.of("Upgrade", "websocket", "Connection", "Upgrade, close", "Sec-WebSocket-Version", "13")
                : HttpHeaders.empty();
        return reject(r, status, message, headers);
    }

    private static Rejected reject(HttpRequest r, int status, String message, HttpHeaders headers) {
        HttpResponse response = HttpResponse.error(status, message, headers);
        return new Rejected(r, response, new HandshakeException(status, message, response));
    }
}

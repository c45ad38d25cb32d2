package io.wspy.handshake;

import io.wspy.handshake.internal.PercentCoding;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import java.net.InetSocketAddress;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A WebSocket upgrade request as an {@link UpgradeHandler} sees it: the request with its path
 * parameters, query parameters and cookies parsed, and what the connection knows (the peer's
 * address, the TLS session and certificates). Query parameters and cookies are parsed on first use.
 */
public final class UpgradeRequest {
    private final HttpRequest request;
    private final Map<String, String> pathParameters;
    private final InetSocketAddress remoteAddress;
    private final SSLSession sslSession;
    private final String user;
    private Map<String, List<String>> query;
    private Map<String, String> cookies;

    /**
     * A request as the handshake hands it to the handler.
     *
     * @param request        the upgrade request
     * @param pathParameters the parameters of the matched {@link PathTemplate}, decoded
     * @param remoteAddress  the client's address, or {@code null} if unknown
     * @param sslSession     the TLS session, or {@code null} without TLS
     * @param user           the user an {@link Authenticator} granted, or {@code null}
     */
    public UpgradeRequest(HttpRequest request, Map<String, String> pathParameters, InetSocketAddress remoteAddress,
                          SSLSession sslSession, String user) {
        if (request == null || pathParameters == null) {
            throw new IllegalArgumentException("request and pathParameters must not be null");
        }
        this.request = request;
        this.pathParameters = Collections.unmodifiableMap(new LinkedHashMap<>(pathParameters));
        this.remoteAddress = remoteAddress;
        this.sslSession = sslSession;
        this.user = user;
    }

    /** The request, with method, target, version and headers. */
    public HttpRequest request() {
        return request;
    }

    /** The path, as sent (percent-encoded), without the query. */
    public String path() {
        return request.path();
    }

    /** The value of a parameter of the matched path template, decoded, or {@code null}. */
    public String pathParameter(String name) {
        return pathParameters.get(name);
    }

    /** Every parameter of the matched path template (empty without a template). */
    public Map<String, String> pathParameters() {
        return pathParameters;
    }

    /**
     * The first value of a query parameter, decoded ({@code %XX} as UTF-8, {@code +} as a space),
     * {@code ""} for a parameter without {@code =}, or {@code null} if absent.
     */
    public String queryParameter(String name) {
        List<String> values = queryParameters().get(name);
        return values == null ? null : values.get(0);
    }

    /**
     * Every query parameter with its values in order, decoded; a pair whose encoding is malformed
     * is left out.
     */
    public synchronized Map<String, List<String>> queryParameters() {
        if (query == null) {
            query = parseQuery(request.query());
        }
        return query;
    }

    private static Map<String, List<String>> parseQuery(String raw) {
        Map<String, List<String>> parsed = new LinkedHashMap<>();
        if (raw != null && !raw.isEmpty()) {
            for (String pair : raw.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                try {
                    String name = formDecode(eq < 0 ? pair : pair.substring(0, eq));
                    String value = eq < 0 ? "" : formDecode(pair.substring(eq + 1));
                    parsed.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
                } catch (IllegalArgumentException malformed) {
                    // One bad pair does not hide the others.
                }
            }
        }
        parsed.replaceAll((name, values) -> List.copyOf(values));
        return Collections.unmodifiableMap(parsed);
    }

    private static String formDecode(String s) {
        return PercentCoding.decode(s.replace('+', ' '));
    }

    /** The value of a cookie (without surrounding quotes), or {@code null}; the first one wins. */
    public String cookie(String name) {
        return cookies().get(name);
    }

    /** Every cookie of the {@code Cookie} headers (RFC 6265 section 5.4), the first of each name. */
    public synchronized Map<String, String> cookies() {
        if (cookies == null) {
            Map<String, String> parsed = new LinkedHashMap<>();
            for (String header : request.headers().all("Cookie")) {
                for (String pair : header.split(";")) {
                    int eq = pair.indexOf('=');
                    if (eq <= 0) {
                        continue;
                    }
                    String value = pair.substring(eq + 1).trim();
                    if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                        value = value.substring(1, value.length() - 1);
                    }
                    parsed.putIfAbsent(pair.substring(0, eq).trim(), value);
                }
            }
            cookies = Collections.unmodifiableMap(parsed);
        }
        return cookies;
    }

    /** The first value of a header, or {@code null}. */
    public String header(String name) {
        return request.headers().first(name);
    }

    /** The headers. */
    public HttpHeaders headers() {
        return request.headers();
    }

    /** The subprotocols the client offered, in its order (empty if none). */
    public List<String> offeredSubprotocols() {
        return request.headers().elements("Sec-WebSocket-Protocol");
    }

    /** The client's address, or {@code null} if the driver did not say. */
    public InetSocketAddress remoteAddress() {
        return remoteAddress;
    }

    /** Whether the request came over TLS. */
    public boolean isSecure() {
        return sslSession != null;
    }

    /** The TLS session, or {@code null} without TLS. */
    public SSLSession sslSession() {
        return sslSession;
    }

    /**
     * The certificates the client presented under mutual TLS, its own first; empty without TLS or
     * when it sent none.
     */
    public List<X509Certificate> peerCertificates() {
        if (sslSession == null) {
            return List.of();
        }
        try {
            List<X509Certificate> chain = new ArrayList<>();
            for (Certificate c : sslSession.getPeerCertificates()) {
                chain.add((X509Certificate) c);
            }
            return List.copyOf(chain);
        } catch (SSLPeerUnverifiedException noCertificate) {
            return List.of();
        }
    }

    /** The user an {@link Authenticator} granted, or {@code null}. */
    public String user() {
        return user;
    }

    @Override
    public String toString() {
        return request.method() + " " + request.target() + " from " + remoteAddress;
    }
}

package io.wspy.handshake;

import io.wspy.handshake.internal.HttpSyntax;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * An HTTP/1.x request: request line, headers and an optional body. Immutable.
 *
 * <p>The {@linkplain #path() path} and {@linkplain #query() query} are derived from the
 * request-target and stay percent-encoded as they were sent, so that {@code %2F} and {@code /}
 * remain distinguishable.
 */
public final class HttpRequest {
    private static final byte[] NO_BODY = new byte[0];

    private final String method;
    private final String target;
    private final String version;
    private final HttpHeaders headers;
    private final byte[] body;
    private final String path;
    private final String query;

    /**
     * A request.
     *
     * @param method  the method, a token such as {@code GET}
     * @param target  the request-target: origin-form ({@code /chat?room=1}), absolute-form,
     *                authority-form ({@code host:port}, for CONNECT) or {@code *}
     * @param version the protocol version, {@code HTTP/x.y}
     * @param headers the header fields
     * @param body    the body, copied; empty for none
     * @throws IllegalArgumentException if the method is not a token, the target contains spaces,
     *                                  control characters or a fragment, or the version is invalid
     */
    public HttpRequest(String method, String target, String version, HttpHeaders headers, byte[] body) {
        if (!HttpSyntax.isToken(method)) {
            throw new IllegalArgumentException("method is not a token: " + method);
        }
        if (HttpSyntax.parseVersion(version) < 0) {
            throw new IllegalArgumentException("not an HTTP version: " + version);
        }
        checkTarget(target);
        this.method = method;
        this.target = target;
        this.version = version;
        this.headers = headers;
        this.body = body.length == 0 ? NO_BODY : body.clone();
        if (target.startsWith("/")) {
            int q = target.indexOf('?');
            this.path = q < 0 ? target : target.substring(0, q);
            this.query = q < 0 ? null : target.substring(q + 1);
        } else if (target.equals("*")) {
            this.path = target;
            this.query = null;
        } else if (target.contains("://")) {
            URI uri = absolute(target);
            String rawPath = uri.getRawPath();
            this.path = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
            this.query = uri.getRawQuery();
        } else {
            this.path = null;
            this.query = null;
        }
    }

    /** An HTTP/1.1 request without a body. */
    public static HttpRequest of(String method, String target, HttpHeaders headers) {
        return new HttpRequest(method, target, "HTTP/1.1", headers, NO_BODY);
    }

    /** A copy with this body and a {@code Content-Length} header that matches it. */
    public HttpRequest withBody(byte[] newBody) {
        HttpHeaders h = headers.toBuilder().set("Content-Length", Integer.toString(newBody.length)).build();
        return new HttpRequest(method, target, version, h, newBody);
    }

    private static void checkTarget(String target) {
        if (target.isEmpty()) {
            throw new IllegalArgumentException("empty request-target");
        }
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c <= 0x20 || c >= 0x7f || c == '#') {
                throw new IllegalArgumentException("invalid character in request-target at " + i);
            }
        }
    }

    private static URI absolute(String target) {
        try {
            return new URI(target);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("invalid absolute request-target: " + e.getMessage(), e);
        }
    }

    /** The method, for example {@code GET}. */
    public String method() {
        return method;
    }

    /** The request-target exactly as sent. */
    public String target() {
        return target;
    }

    /** The protocol version, for example {@code HTTP/1.1}. */
    public String version() {
        return version;
    }

    /** The header fields. */
    public HttpHeaders headers() {
        return headers;
    }

    /** A copy of the body; empty if there is none. */
    public byte[] body() {
        return body.length == 0 ? NO_BODY : body.clone();
    }

    /**
     * The path of the target, still percent-encoded: {@code /chat} for {@code /chat?room=1} or
     * {@code http://host/chat}; {@code *} for {@code *}; {@code null} for authority-form.
     */
    public String path() {
        return path;
    }

    /** The query of the target without {@code ?}, still percent-encoded, or {@code null}. */
    public String query() {
        return query;
    }

    /** The request as it is written on the wire. */
    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + body.length);
        out.writeBytes(HttpSyntax.latin1(head()));
        out.writeBytes(body);
        return out.toByteArray();
    }

    private String head() {
        return method + " " + target + " " + version + "\r\n" + headers + "\r\n";
    }

    /** The request line and headers. */
    @Override
    public String toString() {
        return head();
    }
}

package io.wspy.handshake;

import io.wspy.handshake.internal.HttpSyntax;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** An HTTP/1.x response: status line, headers and an optional body. Immutable. */
public final class HttpResponse {
    private static final byte[] NO_BODY = new byte[0];

    private final String version;
    private final int status;
    private final String reason;
    private final HttpHeaders headers;
    private final byte[] body;

    /**
     * A response.
     *
     * @param version the protocol version, {@code HTTP/x.y}
     * @param status  the status code, 100 to 999
     * @param reason  the reason phrase, possibly empty
     * @param headers the header fields
     * @param body    the body, copied; empty for none
     * @throws IllegalArgumentException if a part is invalid
     */
    public HttpResponse(String version, int status, String reason, HttpHeaders headers, byte[] body) {
        if (HttpSyntax.parseVersion(version) < 0) {
            throw new IllegalArgumentException("not an HTTP version: " + version);
        }
        if (status < 100 || status > 999) {
            throw new IllegalArgumentException("status must have three digits: " + status);
        }
        for (int i = 0; i < reason.length(); i++) {
            if (!HttpSyntax.isFieldValueChar(reason.charAt(i))) {
                throw new IllegalArgumentException("invalid character in reason phrase at " + i);
            }
        }
        this.version = version;
        this.status = status;
        this.reason = reason;
        this.headers = headers;
        this.body = body.length == 0 ? NO_BODY : body.clone();
    }

    /** An HTTP/1.1 response with the standard reason phrase and no body. */
    public static HttpResponse of(int status, HttpHeaders headers) {
        return new HttpResponse("HTTP/1.1", status, HttpSyntax.reasonPhrase(status), headers, NO_BODY);
    }

    /**
     * An error response after which the connection is closed: {@code headers}, then
     * {@code Connection: close} and a short plain-text body with the status and {@code message}.
     */
    public static HttpResponse error(int status, String message, HttpHeaders headers) {
        String reason = HttpSyntax.reasonPhrase(status);
        byte[] text = (status + " " + reason + (message.isEmpty() ? "" : ": " + message) + "\n")
                .getBytes(StandardCharsets.UTF_8);
        HttpHeaders h = headers.toBuilder()
                .add("Content-Type", "text/plain; charset=utf-8")
                .add("Content-Length", Integer.toString(text.length))
                .build();
        if (!h.containsToken("Connection", "close")) {
            h = h.toBuilder().add("Connection", "close").build();
        }
        return new HttpResponse("HTTP/1.1", status, reason, h, text);
    }

    /** The protocol version, for example {@code HTTP/1.1}. */
    public String version() {
        return version;
    }

    /** The status code. */
    public int status() {
        return status;
    }

    /** The reason phrase, possibly empty. */
    public String reason() {
        return reason;
    }

    /** The header fields. */
    public HttpHeaders headers() {
        return headers;
    }

    /** A copy of the body; empty if there is none or it was not read. */
    public byte[] body() {
        return body.length == 0 ? NO_BODY : body.clone();
    }

    /** The response as it is written on the wire. */
    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + body.length);
        out.writeBytes(HttpSyntax.latin1(head()));
        out.writeBytes(body);
        return out.toByteArray();
    }

    private String head() {
        return version + " " + status + " " + reason + "\r\n" + headers + "\r\n";
    }

    /** The status line and headers. */
    @Override
    public String toString() {
        return head();
    }
}

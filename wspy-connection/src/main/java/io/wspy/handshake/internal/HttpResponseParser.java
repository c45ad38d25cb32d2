package io.wspy.handshake.internal;

import io.wspy.handshake.HandshakeException;
import io.wspy.handshake.HandshakeLimits;
import io.wspy.handshake.HttpResponse;
import io.wspy.handshake.HttpHeaders;
import io.wspy.handshake.internal.HttpSyntax;

import java.nio.ByteBuffer;

/**
 * Parses one HTTP/1.x response incrementally, from buffers split anywhere, and optionally reads its
 * body when the body has a {@code Content-Length} within {@link HandshakeLimits#maxBodyBytes()}:
 * after a 401 or a redirect the body is then consumed and the connection can carry another
 * request. Bytes after the message stay in the buffer (after a 101, they are the first frames).
 *
 * <p>Line ends are CRLF or a bare LF; a bare CR, obsolete line folding and invalid header lines
 * are errors. Not thread-safe; one parser per response.
 */
public final class HttpResponseParser {
    private final HandshakeLimits limits;
    private final boolean readBody;
    private final HeadParser head;
    private HttpResponse headOnly;
    private byte[] body;
    private int bodyRead;
    private HttpResponse response;
    private boolean consumed;

    /**
     * A parser.
     *
     * @param readBody whether to read a {@code Content-Length} body (a client handshake does; a
     *                 CONNECT response has no body)
     */
    public HttpResponseParser(HandshakeLimits limits, boolean readBody) {
        this.limits = limits;
        this.readBody = readBody;
        this.head = new HeadParser(limits, false);
    }

    /**
     * Consumes response bytes.
     *
     * @return the response once complete (its head and, where it is read, its body), with
     *         {@code in} positioned at the first byte after it; {@code null} while more bytes are
     *         needed ({@code in} is then drained). Once complete, returns the same response again
     *         without consuming anything.
     * @throws HandshakeException (status 0) if the response is malformed or over the limits
     */
    public HttpResponse parse(ByteBuffer in) throws HandshakeException {
        if (response != null) {
            return response;
        }
        if (headOnly == null) {
            if (!head.feed(in)) {
                return null;
            }
            headOnly = responseFrom(head.startLine());
            startBody();
        }
        if (body != null) {
            int n = Math.min(in.remaining(), body.length - bodyRead);
            in.get(body, bodyRead, n);
            bodyRead += n;
            if (bodyRead < body.length) {
                return null;
            }
            consumed = true;
            response = new HttpResponse(headOnly.version(), headOnly.status(), headOnly.reason(),
                    headOnly.headers(), body);
        }
        return response;
    }

    /**
     * Whether the whole message has been consumed, so that the next bytes on the connection belong
     * to the next message. False when the body was not read: its length is unknown (chunked or
     * delimited by the end of the connection), larger than the limit, or body reading is off.
     * Valid once {@link #parse} has returned the response.
     */
    public boolean messageConsumed() {
        return consumed;
    }

    private void startBody() throws HandshakeException {
        int status = headOnly.status();
        boolean noBody = status < 200 || status == 204 || status == 304;
        if (noBody) {
            consumed = true;
            response = headOnly;
            return;
        }
        HttpHeaders h = headOnly.headers();
        long length = contentLength(h);
        if (!readBody || h.contains("Transfer-Encoding") || length < 0 || length > limits.maxBodyBytes()) {
            response = headOnly;
            return;
        }
        body = new byte[(int) length];
    }

    private long contentLength(HttpHeaders h) throws HandshakeException {
        long length = -1;
        for (String field : h.all("Content-Length")) {
            for (String element : field.split(",", -1)) {
                long parsed = parseDecimal(HttpSyntax.trimWhitespace(element));
                if (parsed < 0 || (length >= 0 && parsed != length)) {
                    throw head.error(0, "invalid Content-Length");
                }
                length = parsed;
            }
        }
        return length;
    }

    private static long parseDecimal(String s) {
        if (s.isEmpty() || s.length() > 18) {
            return -1;
        }
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    private HttpResponse responseFrom(String line) throws HandshakeException {
        int first = line.indexOf(' ');
        if (first < 0 || line.length() < first + 4
                || (line.length() > first + 4 && line.charAt(first + 4) != ' ')) {
            throw head.error(0, "status line is not 'version status reason'");
        }
        String version = line.substring(0, first);
        int status = (int) parseDecimal(line.substring(first + 1, first + 4));
        if (HttpSyntax.parseVersion(version) < 0 || status < 100) {
            throw head.error(0, "invalid version or status in status line");
        }
        String reason = line.length() > first + 4 ? line.substring(first + 5) : "";
        try {
            return new HttpResponse(version, status, reason, head.headers(), new byte[0]);
        } catch (IllegalArgumentException e) {
            throw head.error(0, e.getMessage());
        }
    }
}

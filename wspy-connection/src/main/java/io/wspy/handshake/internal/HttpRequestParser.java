package io.wspy.handshake.internal;

import io.wspy.handshake.HandshakeException;
import io.wspy.handshake.HandshakeLimits;
import io.wspy.handshake.HttpRequest;
import io.wspy.handshake.internal.HttpSyntax;

import java.nio.ByteBuffer;

/**
 * Parses the head of one HTTP/1.x request incrementally, from buffers split anywhere (one byte at
 * a time works). The body, if any, is not read: the buffer is left at its first byte.
 *
 * <p>Line ends are CRLF, or a bare LF, which RFC 9112 allows a recipient to accept; a bare CR, obsolete
 * line folding, whitespace before a colon, invalid header names and control characters are
 * rejected with 400. Not thread-safe; one parser per request.
 */
public final class HttpRequestParser {
    private final HandshakeLimits limits;
    private final HeadParser head;
    private HttpRequest request;

    /** A parser that enforces {@code limits}. */
    public HttpRequestParser(HandshakeLimits limits) {
        this.limits = limits;
        this.head = new HeadParser(limits, true);
    }

    /**
     * Consumes request bytes.
     *
     * @return the request once its head is complete, with {@code in} positioned at the first byte
     *         after the head; {@code null} while more bytes are needed ({@code in} is then drained).
     *         Once complete, returns the same request again without consuming anything.
     * @throws HandshakeException with status 400 (malformed), 414 (request-target longer than
     *                            {@link HandshakeLimits#maxTargetLength()}) or 431 (head or header
     *                            count over the limits)
     */
    public HttpRequest parse(ByteBuffer in) throws HandshakeException {
        if (request == null && head.feed(in)) {
            request = requestFrom(head.startLine());
        }
        return request;
    }

    private HttpRequest requestFrom(String line) throws HandshakeException {
        int first = line.indexOf(' ');
        int last = line.lastIndexOf(' ');
        if (first <= 0 || last == first) {
            throw head.error(400, "request line is not 'method target version'");
        }
        String target = line.substring(first + 1, last);
        if (target.length() > limits.maxTargetLength()) {
            throw new HandshakeException(414, "request-target longer than " + limits.maxTargetLength() + " bytes");
        }
        String version = line.substring(last + 1);
        if (HttpSyntax.parseVersion(version) < 0) {
            throw head.error(400, "invalid HTTP version");
        }
        try {
            return new HttpRequest(line.substring(0, first), target, version, head.headers(), new byte[0]);
        } catch (IllegalArgumentException e) {
            throw head.error(400, e.getMessage());
        }
    }
}

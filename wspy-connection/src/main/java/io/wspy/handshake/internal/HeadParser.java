package io.wspy.handshake.internal;

import io.wspy.handshake.HandshakeException;
import io.wspy.handshake.HandshakeLimits;
import io.wspy.handshake.HttpHeaders;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the head of an HTTP/1.x message (start line, header lines, blank line) from buffers of any
 * split, one line at a time, and stops right after the blank line.
 *
 * <p>Lines end with CRLF; a bare LF is accepted as well (RFC 9112 section 2.2 allows it), a bare
 * CR is not. Obsolete line folding, whitespace before the colon, names that are not tokens and
 * control characters in values are rejected. Blank lines before the start line are skipped.
 * Memory never exceeds {@link HandshakeLimits#maxHeadBytes()}.
 *
 * <p>Errors carry the status a server answers with (400, 414, 431) when parsing a request, and 0
 * when parsing a response.
 */
public final class HeadParser {
    private final HandshakeLimits limits;
    private final boolean request;
    private final HttpHeaders.Builder headers = HttpHeaders.builder();
    private byte[] line = new byte[128];
    private int lineLength;
    private int total;
    private boolean pendingCr;
    private String startLine;
    private boolean complete;

    /**
     * A parser for one head.
     *
     * @param request whether a request (errors carry server statuses) or a response is parsed
     */
    public HeadParser(HandshakeLimits limits, boolean request) {
        this.limits = limits;
        this.request = request;
    }

    /**
     * Consumes bytes up to the end of the head.
     *
     * @return whether the head is complete; {@code in} is then positioned at the first byte after
     *         it, otherwise it has been drained
     */
    public boolean feed(ByteBuffer in) throws HandshakeException {
        while (!complete && in.hasRemaining()) {
            byte b = in.get();
            if (++total > limits.maxHeadBytes()) {
                throw tooLarge();
            }
            if (pendingCr) {
                if (b != '\n') {
                    throw error(400, "bare CR in head");
                }
                pendingCr = false;
                endLine();
            } else if (b == '\r') {
                pendingCr = true;
            } else if (b == '\n') {
                endLine();
            } else {
                append(b);
            }
        }
        return complete;
    }

    /** The start line (request line or status line); valid once complete. */
    public String startLine() {
        return startLine;
    }

    /** The header fields; valid once complete. */
    public HttpHeaders headers() {
        return headers.build();
    }

    /** An error with the status a server answers with (400, 414, 431) or 0 for a response. */
    public HandshakeException error(int serverStatus, String message) {
        return new HandshakeException(request ? serverStatus : 0, "malformed " + (request ? "request" : "response")
                + ": " + message);
    }

    private HandshakeException tooLarge() {
        if (startLine == null && request) {
            return indexOf(' ') >= 0
                    ? new HandshakeException(414, "request-target longer than " + limits.maxTargetLength() + " bytes")
                    : error(400, "request line without a target");
        }
        return new HandshakeException(request ? 431 : 0, (request ? "request" : "response")
                + " head larger than " + limits.maxHeadBytes() + " bytes");
    }

    private void append(byte b) {
        if (lineLength == line.length) {
            line = Arrays.copyOf(line, Math.min(line.length * 2, limits.maxHeadBytes()));
        }
        line[lineLength++] = b;
    }

    private int indexOf(char c) {
        for (int i = 0; i < lineLength; i++) {
            if (line[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private void endLine() throws HandshakeException {
        if (startLine == null) {
            if (lineLength > 0) {
                startLine = new String(line, 0, lineLength, StandardCharsets.ISO_8859_1);
            }
        } else if (lineLength == 0) {
            complete = true;
        } else {
            headerLine();
        }
        lineLength = 0;
    }

    private void headerLine() throws HandshakeException {
        if (HttpSyntax.isWhitespace(line[0])) {
            throw error(400, "obsolete line folding or whitespace before a header name");
        }
        int colon = indexOf(':');
        if (colon < 0) {
            throw error(400, "header line without a colon");
        }
        for (int i = 0; i < colon; i++) {
            if (!HttpSyntax.isTokenChar(line[i])) {
                throw error(400, "invalid character in header name");
            }
        }
        if (colon == 0) {
            throw error(400, "empty header name");
        }
        for (int i = colon + 1; i < lineLength; i++) {
            if (!HttpSyntax.isFieldValueChar(line[i] & 0xff)) {
                throw error(400, "control character in header value");
            }
        }
        if (headers.size() == limits.maxHeaders()) {
            throw new HandshakeException(request ? 431 : 0, "more than " + limits.maxHeaders() + " header lines");
        }
        String name = new String(line, 0, colon, StandardCharsets.ISO_8859_1);
        String value = new String(line, colon + 1, lineLength - colon - 1, StandardCharsets.ISO_8859_1);
        headers.add(name, value);
    }
}

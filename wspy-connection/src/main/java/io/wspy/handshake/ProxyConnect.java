package io.wspy.handshake;

import io.wspy.handshake.internal.HttpResponseParser;
import io.wspy.handshake.internal.ClientAuthorization;

import java.net.URI;
import java.nio.ByteBuffer;

/**
 * The {@code CONNECT} exchange that opens a tunnel through an HTTP proxy (RFC 9110 section 9.3.6),
 * without I/O: write {@link #request()} to the proxy, feed its bytes to {@link #receive} until it
 * returns the response, then run the TLS and WebSocket handshakes through the tunnel. Proxy
 * credentials are sent with Basic ({@code Proxy-Authorization}) in the first request.
 *
 * <p>Not thread-safe: one instance per attempt.
 */
public final class ProxyConnect {
    private final HttpRequest request;
    private final HttpResponseParser parser;
    private HttpResponse response;

    /**
     * A CONNECT to {@code host:port}.
     *
     * @param host        the target host; an IPv6 literal with or without brackets
     * @param credentials the proxy's credentials, or {@code null}
     * @throws IllegalArgumentException if the port is out of range
     */
    public ProxyConnect(String host, int port, Credentials credentials, HandshakeLimits limits) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        String authority = (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
        HttpHeaders.Builder h = HttpHeaders.builder().add("Host", authority);
        if (credentials != null) {
            h.add("Proxy-Authorization", ClientAuthorization.basic(credentials));
        }
        this.request = HttpRequest.of("CONNECT", authority, h.build());
        this.parser = new HttpResponseParser(limits, false);
    }

    /**
     * A CONNECT to the host and port of a {@code ws://} or {@code wss://} URI.
     *
     * @throws IllegalArgumentException if the URI is not a WebSocket URI with a host
     */
    public static ProxyConnect to(URI webSocketUri, Credentials credentials, HandshakeLimits limits) {
        ClientHandshake.checkUri(webSocketUri);
        return new ProxyConnect(ClientHandshake.hostOf(webSocketUri), ClientHandshake.portOf(webSocketUri),
                credentials, limits);
    }

    /** The CONNECT request to write. */
    public HttpRequest request() {
        return request;
    }

    /**
     * Consumes the proxy's bytes.
     *
     * @return the 2xx response once complete, with {@code in} positioned at the first byte from
     *         the tunnel; {@code null} while more bytes are needed. Once complete, returns it again.
     * @throws HandshakeException if the proxy refused (407 when it wants other credentials, or
     *                            any other non-2xx status, carried with the response) or sent a
     *                            malformed response (status 0)
     */
    public HttpResponse receive(ByteBuffer in) throws HandshakeException {
        if (response == null) {
            HttpResponse r = parser.parse(in);
            if (r == null) {
                return null;
            }
            if (r.status() == 407) {
                throw new HandshakeException(407, request.headers().contains("Proxy-Authorization")
                        ? "the proxy rejected the credentials" : "the proxy requires credentials", r);
            }
            if (r.status() < 200 || r.status() > 299) {
                throw new HandshakeException(r.status(), "the proxy refused the tunnel: " + r.status() + " "
                        + r.reason(), r);
            }
            response = r;
        }
        return response;
    }
}

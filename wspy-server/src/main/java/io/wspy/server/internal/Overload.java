package io.wspy.server.internal;

import io.wspy.handshake.HttpHeaders;
import io.wspy.handshake.HttpResponse;

/** The answer to a client beyond the connection limit. */
public final class Overload {
    /** Seconds a refused client is asked to wait before retrying. */
    static final String RETRY_AFTER_SECONDS = "5";

    /** The status a client beyond the connection limit gets. */
    public static final int STATUS = 503;

    private static final HttpResponse RESPONSE = HttpResponse.error(STATUS, "too many connections",
            HttpHeaders.of("Retry-After", RETRY_AFTER_SECONDS));

    private Overload() {
    }

    /** {@code 503 Service Unavailable} with {@code Retry-After}, closing the connection. */
    public static HttpResponse response() {
        return RESPONSE;
    }
}

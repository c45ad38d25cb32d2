package io.wspy.connection.internal;

import java.io.EOFException;
import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;

/**
 * The JDK's socket errors say "Connection refused" or "Address already in use" without the
 * address: these add it (and a URI without its credentials), keeping the exception's type (callers catch {@code ConnectException} or
 * {@code BindException} as before) and the original as the cause.
 */
public final class SocketErrors {
    private SocketErrors() {
    }

    /**
     * {@code error} with {@code where} (the address, the step) in its message, of the same type so
     * that callers catch {@code ConnectException} or {@code SocketTimeoutException} as before; the
     * original is the cause.
     */
    public static IOException named(IOException error, String where) {
        String message = where + ": " + (error.getMessage() != null ? error.getMessage() : error.getClass().getSimpleName());
        IOException named;
        if (error instanceof ConnectException) {
            named = new ConnectException(message);
        } else if (error instanceof NoRouteToHostException) {
            named = new NoRouteToHostException(message);
        } else if (error instanceof SocketTimeoutException) {
            named = new SocketTimeoutException(message);
        } else if (error instanceof UnknownHostException) {
            named = new UnknownHostException(message);
        } else if (error instanceof EOFException) {
            named = new EOFException(message);
        } else if (error instanceof SocketException) {
            named = new SocketException(message);
        } else {
            return new IOException(message, error);
        }
        named.initCause(error);
        return named;
    }

    /** {@code uri} as an error message may show it: without the user information, which may hold a password. */
    public static String shown(URI uri) {
        if (uri.getRawUserInfo() == null) {
            return uri.toString();
        }
        try {
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), uri.getQuery(), null)
                    .toString();
        } catch (URISyntaxException e) {
            return uri.getScheme() + "://" + uri.getHost();
        }
    }

    /** {@code error}, thrown while binding {@code address}, with the address in its message. */
    public static BindException binding(BindException error, Object address) {
        BindException named = new BindException("cannot listen on " + address + ": " + error.getMessage());
        named.initCause(error);
        return named;
    }
}

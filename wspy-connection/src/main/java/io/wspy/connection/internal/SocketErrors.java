package io.wspy.connection.internal;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

/**
 * The JDK's socket errors say "Connection refused" or "Address already in use" without the
 * address: these add it, keeping the exception's type (callers catch {@code ConnectException} or
 * {@code BindException} as before) and the original as the cause.
 */
public final class SocketErrors {
    private SocketErrors() {
    }

    /**
     * {@code error}, thrown while connecting to {@code address} ("host:port"), with the address in
     * its message. An unknown host already names itself and is returned as it is.
     */
    public static IOException connecting(IOException error, String address) {
        String message = "cannot connect to " + address + ": " + error.getMessage();
        IOException named;
        if (error instanceof UnknownHostException) {
            return error;
        } else if (error instanceof ConnectException) {
            named = new ConnectException(message);
        } else if (error instanceof NoRouteToHostException) {
            named = new NoRouteToHostException(message);
        } else if (error instanceof SocketTimeoutException) {
            named = new SocketTimeoutException(message);
        } else if (error instanceof SocketException) {
            named = new SocketException(message);
        } else {
            return new IOException(message, error);
        }
        named.initCause(error);
        return named;
    }

    /** {@code error}, thrown while binding {@code address}, with the address in its message. */
    public static BindException binding(BindException error, Object address) {
        BindException named = new BindException("cannot listen on " + address + ": " + error.getMessage());
        named.initCause(error);
        return named;
    }
}

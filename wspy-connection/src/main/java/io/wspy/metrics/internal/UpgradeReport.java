package io.wspy.metrics.internal;

import io.wspy.handshake.HandshakeException;
import io.wspy.metrics.UpgradeFailure;
import io.wspy.metrics.WebSocketMetrics;

import javax.net.ssl.SSLException;
import java.net.SocketTimeoutException;

/** Reports an upgrade that did not succeed, to the metrics and to Flight Recorder: one call per outcome. */
public final class UpgradeReport {
    private UpgradeReport() {
    }

    /** The upgrade was answered {@code status}. */
    public static void refused(WebSocketMetrics metrics, int status, String cause, Object remoteAddress) {
        metrics.upgradeRefused(status);
        FlightRecorderEvents.upgradeRefused(status, cause, remoteAddress);
    }

    /** The upgrade ended without an answer for {@code failure}. */
    public static void failed(WebSocketMetrics metrics, UpgradeFailure failure, Object remoteAddress) {
        metrics.upgradeFailed(failure);
        FlightRecorderEvents.upgradeRefused(0, failure.name(), remoteAddress);
    }

    /**
     * A client's upgrade failed with {@code error}: reports the status the server answered instead
     * of 101, a TLS failure, or, once the request was sent ({@code requestSent}), a timeout. Other
     * errors (no connection, a malformed 101) are not refusals by the server.
     */
    public static void clientFailed(WebSocketMetrics metrics, Throwable error, boolean requestSent, Object server) {
        if (error instanceof HandshakeException) {
            int status = ((HandshakeException) error).status();
            if (status >= 200 && status != 101) {
                refused(metrics, status, error.getMessage(), server);
            }
        } else if (error instanceof SSLException || requestSent && error instanceof SocketTimeoutException) {
            failedIfKnown(metrics, error, server);
        }
    }

    /** Reports {@code error} if it is a handshake timeout or a TLS failure; other errors are not upgrade outcomes. */
    public static void failedIfKnown(WebSocketMetrics metrics, Throwable error, Object remoteAddress) {
        if (error instanceof SocketTimeoutException) {
            failed(metrics, UpgradeFailure.TIMEOUT, remoteAddress);
        } else if (error instanceof SSLException) {
            failed(metrics, UpgradeFailure.TLS, remoteAddress);
        }
    }
}

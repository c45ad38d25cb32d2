package io.wspy.cluster;

/** The broker cannot take a request now: disconnected, closed, or at its bound of requests in flight. */
public class BrokerUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An exception with a message saying why. */
    public BrokerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

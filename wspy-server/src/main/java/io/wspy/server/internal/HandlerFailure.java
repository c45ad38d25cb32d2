package io.wspy.server.internal;

/**
 * Carries whatever an application's event handler threw (an exception or an error) to the code
 * that fails the connection, so it can tell a handler's failure from a peer's misbehaviour.
 */
public final class HandlerFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Wraps what the handler threw. */
    public HandlerFailure(Throwable cause) {
        super(cause.toString(), cause, false, false);
    }

    /** What the handler threw, unwrapped from {@code error} if it is a {@code HandlerFailure}. */
    public static Throwable unwrap(Throwable error) {
        return error instanceof HandlerFailure ? error.getCause() : error;
    }
}

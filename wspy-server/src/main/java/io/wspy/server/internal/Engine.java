package io.wspy.server.internal;

import java.io.IOException;
import java.net.InetSocketAddress;

/** The I/O machinery behind a server: how it accepts, serves and stops. */
public interface Engine {
    /** Binds and starts accepting; returns the bound address. */
    InetSocketAddress listen() throws IOException;

    /** Throws {@link IllegalStateException} if the calling thread must not stop the server (it would wait for itself). */
    default void checkCanStop() {
    }

    /**
     * Stops accepting, sends every client a close frame with 1001, waits until the clients are
     * gone or {@code deadlineNanos} passes, then drops the rest and stops its threads.
     */
    void shutdown(long deadlineNanos);
}

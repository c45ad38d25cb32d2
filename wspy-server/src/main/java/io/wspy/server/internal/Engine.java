package io.wspy.server.internal;

import io.wspy.connection.Session;
import io.wspy.protocol.Message;

import java.io.IOException;
import java.net.InetSocketAddress;

/** The I/O machinery behind a server: how it accepts, serves, stops and broadcasts. */
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

    /** Encodes a broadcast message once, in whatever form {@link #deliver} takes. */
    Object prepare(Message message);

    /** Sends a prepared broadcast message to one of this engine's clients. */
    void deliver(Session client, Message message, Object prepared) throws IOException;
}

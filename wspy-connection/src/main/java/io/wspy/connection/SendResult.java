package io.wspy.connection;

/**
 * What became of a message handed to {@link Session#trySend}: the send that throws nothing, for
 * code (an {@code AsyncServer} handler above all) where a checked exception cannot happen or
 * would only be logged.
 */
public enum SendResult {
    /**
     * Taken: written to the socket where sending blocks (a {@link Connection}, the threaded
     * {@code Server}), queued on an {@code AsyncServer}.
     */
    SENT,
    /** Dropped by the {@code AsyncServer}'s {@code DROP} slow-reader policy: the client reads too slowly. */
    DROPPED,
    /**
     * Refused, the connection staying open: the {@code FAIL} slow-reader policy, or the
     * {@code BLOCK} policy on a selector loop thread, which must not wait.
     */
    REFUSED,
    /**
     * Not sent because the connection is closing or closed, or failed while sending: including
     * the {@code CLOSE} slow-reader policy and a {@code BLOCK} that timed out, which close it.
     */
    CLOSED
}

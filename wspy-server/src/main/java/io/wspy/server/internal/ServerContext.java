package io.wspy.server.internal;

import io.wspy.protocol.AllocationBudget;
import io.wspy.protocol.Message;
import io.wspy.server.ServerConfig;

/**
 * What connections need from their server: the configuration, the clients' ids, and the events
 * to report (the server's engine counts connections in its {@link Admission}). The event methods call the application's handler; whatever it throws comes
 * out as a {@link HandlerFailure}, which the connection reports to {@link #error} and answers by
 * failing with 1011.
 */
public interface ServerContext {
    /** The reason of the close frame every client gets when the server stops. */
    String SHUTDOWN_REASON = "server shutting down";
    /** The reason of the close frame a client gets after {@link ServerConfig#idleTimeout()} of silence. */
    String IDLE_REASON = "idle timeout";

    /** The configuration. */
    ServerConfig config();

    /** What the server's clients may allocate for messages ahead of their bytes; {@code null} for nothing. */
    default AllocationBudget messageBudget() {
        return null;
    }

    /** The next client's {@link io.wspy.connection.Session#id()}: 1, 2, 3... */
    long nextClientId();

    /** Whether the server is stopping: a client that opens now is closed like the others. */
    boolean isStopping();

    /** The reason of the 1001 close frame sent when this end stops: a client says so in its own words. */
    default String goingAwayReason() {
        return SHUTDOWN_REASON;
    }

    /** The handshake is done: the client joins the server's clients, then {@code onOpen}. */
    void opened(ClientSession client);

    /** {@code onMessage}. */
    void message(ClientSession client, Message message);

    /** {@code onPing}. */
    void ping(ClientSession client, byte[] payload);

    /** {@code onPong}. */
    void pong(ClientSession client, byte[] payload);

    /** {@code onSent}. */
    void sent(ClientSession client, Message message);

    /** Whether the application overrides {@code onSent}, so sends must be tracked. */
    boolean wantsSent();

    /** {@code onError} (logged; never throws). */
    void error(ClientSession client, Throwable error);

    /** The client leaves the server's clients, then {@code onClose}. */
    void closed(ClientSession client, int code, String reason);
}

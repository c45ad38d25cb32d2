package io.wspy.server.internal.nio;

import io.wspy.connection.internal.SocketErrors;
import io.wspy.frame.Role;
import io.wspy.handshake.ClientHandshake;
import io.wspy.handshake.HandshakeException;
import io.wspy.metrics.WebSocketMetrics;
import io.wspy.metrics.internal.UpgradeReport;
import io.wspy.server.internal.ClientSession;
import io.wspy.server.internal.ServerContext;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * The opening stage of one client connection: writes the upgrade request, feeds the server's
 * answer to the Sans-I/O {@link ClientHandshake}, and then opens the session, answers a challenge
 * on the same connection, or starts over on a new one (a redirect, a challenge that needs one).
 * Every failure reaches the caller once, naming the URI.
 */
final class ClientStage implements OpeningStage {
    private static final System.Logger LOG = System.getLogger("io.wspy.client");

    /** What a connection attempt carries from one connection to the next. */
    record Start(NioClientEngine engine, ClientHandshake handshake, ServerContext events,
                 Consumer<Throwable> failed) {
    }

    private final NioConnection connection;
    private final Start start;
    private ClientHandshake handshake;
    private boolean over;

    ClientStage(NioConnection connection, Start start) {
        this.connection = connection;
        this.start = start;
        this.handshake = start.handshake();
    }

    /** Loop: the channel is registered; the request goes out (after TLS's own handshake). */
    void begin() {
        connection.writeHandshake(handshake.request().toBytes());
    }

    @Override
    public boolean receive(ByteBuffer in) {
        ClientHandshake.Outcome outcome;
        try {
            outcome = handshake.receive(in);
        } catch (HandshakeException e) {
            over = true;
            connection.closeChannel();
            UpgradeReport.clientFailed(metrics(), e, true, handshake.uri());
            start.failed().accept(new HandshakeException(e.status(), "the handshake with " + SocketErrors.shown(handshake.uri())
                    + " failed: " + e.getMessage(), e.response(), e));
            return true;
        }
        if (outcome == null) {
            return false;
        }
        if (outcome instanceof ClientHandshake.Accepted) {
            ClientHandshake.Accepted accepted = (ClientHandshake.Accepted) outcome;
            over = true;
            // Frames sent with the 101 stay in {@code in}, for the protocol.
            connection.open(Role.CLIENT, new ClientSession.Accepted(handshake.request(), null,
                    accepted.subprotocol(), accepted.extensions(), null), null);
            return true;
        }
        if (outcome instanceof ClientHandshake.AuthenticationRequired
                && ((ClientHandshake.AuthenticationRequired) outcome).sameConnection()) {
            handshake = ((ClientHandshake.AuthenticationRequired) outcome).next();
            begin();
            return in.hasRemaining() && receive(in);
        }
        ClientHandshake next = outcome instanceof ClientHandshake.Redirect
                ? ((ClientHandshake.Redirect) outcome).next()
                : ((ClientHandshake.AuthenticationRequired) outcome).next();
        LOG.log(System.Logger.Level.DEBUG, "{0} answered {1}: connecting to {2}", handshake.uri(),
                outcome.response().status(), next.uri());
        over = true;
        connection.closeChannel();
        start.engine().attempt(next, start.events(), start.failed());
        return true;
    }

    @Override
    public void closedEarly(Throwable cause) {
        if (over) {
            return;
        }
        String what;
        if (start.engine().isClosing()) {
            what = "the client closed before the handshake completed";
        } else if (cause instanceof SocketTimeoutException) {
            what = "no handshake within " + start.engine().options().handshakeTimeout().toMillis() + " ms";
        } else if (cause == null) {
            what = "the server closed the connection during the handshake";
        } else {
            what = "the handshake failed";
        }
        over = true;
        UpgradeReport.clientFailed(metrics(), cause, true, handshake.uri());
        start.failed().accept(named(handshake.uri(), what, cause));
    }

    private WebSocketMetrics metrics() {
        return start.engine().options().protocol().metrics();
    }


    /** An {@link IOException} that names the URI and what went wrong, with the cause's message. */
    static IOException named(URI uri, String what, Throwable cause) {
        String message = what + " (" + SocketErrors.shown(uri) + ")"
                + (cause == null || cause.getMessage() == null ? ""
                : ": " + cause.getMessage());
        return cause instanceof SocketTimeoutException
                ? (IOException) new SocketTimeoutException(message).initCause(cause)
                : new IOException(message, cause);
    }
}

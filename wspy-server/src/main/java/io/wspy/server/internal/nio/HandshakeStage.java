package io.wspy.server.internal.nio;

import io.wspy.handshake.HttpHeaders;
import io.wspy.handshake.HttpRequest;
import io.wspy.handshake.HttpResponse;
import io.wspy.handshake.ServerHandshake;
import io.wspy.metrics.WebSocketMetrics;
import io.wspy.metrics.internal.UpgradeReport;
import io.wspy.server.internal.Overload;

import java.nio.ByteBuffer;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The opening stage of one NIO connection: reads the upgrade request on the loop, then decides on
 * it, on the loop or, given the handler executor, off it (the authenticator's password lookup, the
 * application's upgrade handler and the HTTP handler may block), and hands the outcome back to the
 * connection on its loop.
 */
final class HandshakeStage implements OpeningStage {
    private static final System.Logger LOG = System.getLogger("io.wspy.server");

    private final NioConnection connection;
    private final NioEngine engine;
    private final SelectorLoop loop;
    private final ServerHandshake handshake;
    private final boolean overLimit;

    HandshakeStage(NioConnection connection, NioEngine engine, SelectorLoop loop, boolean overLimit) {
        this.connection = connection;
        this.engine = engine;
        this.loop = loop;
        this.handshake = new ServerHandshake(engine.options().handshake());
        this.overLimit = overLimit;
    }

    /**
     * Loop: consumes request bytes; returns whether the request is complete (the stage is over:
     * the outcome is settled, or being decided off the loop, and {@code in} holds what followed).
     */
    @Override
    public boolean receive(ByteBuffer in) {
        if (!handshake.receiveHead(in)) {
            return false;
        }
        Executor executor = engine.handlerExecutor();
        if (overLimit) {
            UpgradeReport.refused(metrics(), Overload.STATUS, "over the connection limit", connection.remoteAddress());
            connection.respond(Overload.response());
        } else if (executor == null) {
            settle(decide(), null);
        } else {
            // Frames sent with the request wait in a copy: the loop's read buffer is shared.
            ByteBuffer early = ByteBuffer.allocate(in.remaining()).put(in).flip();
            connection.decidingOffLoop();
            offLoop(executor, this::decide, outcome -> settle(outcome, early));
        }
        return true;
    }

    /** The checks, the authenticator and the upgrade handler, which may block: on the loop only under LOOP. */
    private ServerHandshake.Outcome decide() {
        return handshake.decide(connection.remoteAddress(), connection.sslSession());
    }

    /** Loop: goes on with the outcome; {@code early} holds the frames that came with a request decided off the loop. */
    private void settle(ServerHandshake.Outcome outcome, ByteBuffer early) {
        if (outcome instanceof ServerHandshake.Accepted) {
            connection.accepted((ServerHandshake.Accepted) outcome, early);
        } else if (outcome instanceof ServerHandshake.Rejected) {
            ServerHandshake.Rejected rejected = (ServerHandshake.Rejected) outcome;
            LOG.log(System.Logger.Level.DEBUG, "handshake from {0} answered {1}: {2}", connection,
                    rejected.reason().status(), rejected.reason().getMessage());
            UpgradeReport.refused(metrics(), rejected.reason().status(), rejected.reason().getMessage(),
                    connection.remoteAddress());
            connection.respond(rejected.response());
        } else {
            HttpRequest plain = outcome.request();
            Executor executor = engine.handlerExecutor();
            if (executor == null) {
                connection.respond(answer(plain));
            } else {
                connection.decidingOffLoop();
                offLoop(executor, () -> answer(plain), connection::respond);
            }
        }
    }

    /** The connection closed before its handshake was settled: a timeout or a TLS failure counts. */
    @Override
    public void closedEarly(Throwable cause) {
        UpgradeReport.failedIfKnown(metrics(), cause, connection.remoteAddress());
    }

    private WebSocketMetrics metrics() {
        return engine.config().metrics();
    }

    private HttpResponse answer(HttpRequest plain) {
        try {
            return engine.options().httpHandler().handle(plain);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "HTTP handler failed for " + plain.method() + " " + plain.target(), e);
            return HttpResponse.error(500, "the server failed to answer", HttpHeaders.empty());
        }
    }

    /** Runs {@code work} on {@code executor}, then {@code then} with its result on the loop. */
    private <T> void offLoop(Executor executor, Supplier<T> work, Consumer<T> then) {
        executor.execute(() -> {
            T result;
            try {
                result = work.get();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "deciding the handshake of " + connection + " failed", e);
                loop.execute(connection::closeChannel);
                return;
            }
            loop.execute(() -> SelectorLoop.guarded(connection, () -> then.accept(result)));
        });
    }
}

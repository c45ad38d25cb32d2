package io.wspy.client;

import io.wspy.connection.Session;
import io.wspy.protocol.Message;
import io.wspy.server.ServerConfig;
import io.wspy.server.WebSocketHandler;
import io.wspy.server.internal.ClientSession;
import io.wspy.server.internal.HandlerFailure;
import io.wspy.server.internal.ServerContext;
import io.wspy.server.internal.nio.NioClientEngine;

import java.util.concurrent.CompletableFuture;

/**
 * The events of one client connection, delivered to its handler: the session's receiver, as a
 * server's context is for its clients. {@code onOpen} runs before the connect future completes.
 */
final class HandlerEvents implements ServerContext {
    /** The reason of the 1001 close frame {@link AsyncClient#close()} sends. */
    static final String CLOSING_REASON = "client closing";
    private static final System.Logger LOG = System.getLogger("io.wspy.client");

    private final NioClientEngine engine;
    private final ServerConfig config;
    private final WebSocketHandler handler;
    private final CompletableFuture<Session> opened;

    HandlerEvents(NioClientEngine engine, ServerConfig config, WebSocketHandler handler,
                  CompletableFuture<Session> opened) {
        this.engine = engine;
        this.config = config;
        this.handler = handler;
        this.opened = opened;
    }

    @Override
    public ServerConfig config() {
        return config;
    }

    @Override
    public long nextClientId() {
        return engine.nextClientId();
    }

    @Override
    public boolean isStopping() {
        return engine.isClosing();
    }

    @Override
    public String goingAwayReason() {
        return CLOSING_REASON;
    }

    @Override
    public void opened(ClientSession session) {
        try {
            handler.onOpen(session);
        } catch (Throwable t) {
            throw new HandlerFailure(t);
        } finally {
            opened.complete(session);
        }
    }

    @Override
    public void message(ClientSession session, Message message) {
        try {
            handler.onMessage(session, message);
        } catch (Throwable t) {
            throw new HandlerFailure(t);
        }
    }

    @Override
    public void ping(ClientSession session, byte[] payload) {
        try {
            handler.onPing(session, payload);
        } catch (Throwable t) {
            throw new HandlerFailure(t);
        }
    }

    @Override
    public void pong(ClientSession session, byte[] payload) {
        try {
            handler.onPong(session, payload);
        } catch (Throwable t) {
            throw new HandlerFailure(t);
        }
    }

    @Override
    public void sent(ClientSession session, Message message) {
        try {
            handler.onSent(session, message);
        } catch (Throwable t) {
            throw new HandlerFailure(t);
        }
    }

    @Override
    public boolean wantsSent() {
        return config.reportSent();
    }

    @Override
    public void error(ClientSession session, Throwable error) {
        Throwable cause = HandlerFailure.unwrap(error);
        LOG.log(System.Logger.Level.DEBUG, "{0}: {1}", session, cause.toString());
        try {
            handler.onError(session, cause);
        } catch (Throwable t) {
            LOG.log(System.Logger.Level.WARNING, "onError of " + session + " failed", t);
        }
    }

    @Override
    public void closed(ClientSession session, int code, String reason) {
        try {
            handler.onClose(session, code, reason);
        } catch (Throwable t) {
            LOG.log(System.Logger.Level.WARNING, "onClose of " + session + " failed", t);
        }
    }
}

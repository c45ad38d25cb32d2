package io.wspy.client;

import io.wspy.connection.Reconnector;
import io.wspy.connection.Session;
import io.wspy.frame.CloseCode;
import io.wspy.protocol.Message;
import io.wspy.server.WebSocketHandler;

import java.io.IOException;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keeps one connection of an {@link AsyncClient} up: connects, and whenever the connection closes
 * or an attempt fails, connects again after a {@link Reconnector}'s back-off with jitter. The
 * handler sees every connection's events in turn; the count of failed attempts starts over once
 * a connection opens. No thread of its own: waits run on the JDK's delayed executor.
 *
 * <pre>{@code
 * AsyncReconnector feed = AsyncReconnector.start(client, uri,
 *         Reconnector.to(uri, options).backoff(Duration.ofMillis(500), Duration.ofSeconds(30)).build(), handler);
 * ...
 * feed.close();   // stops reconnecting and closes the current connection
 * }</pre>
 */
public final class AsyncReconnector implements AutoCloseable {
    private final AsyncClient client;
    private final URI uri;
    private final Reconnector backoff;
    private final WebSocketHandler handler;
    private final WebSocketHandler relay = new Relay();
    private final AtomicInteger failures = new AtomicInteger();
    private volatile boolean stopped;
    private volatile Session current;

    private AsyncReconnector(AsyncClient client, URI uri, Reconnector backoff, WebSocketHandler handler) {
        this.client = client;
        this.uri = uri;
        this.backoff = backoff;
        this.handler = handler;
    }

    /**
     * Starts connecting {@code client} to {@code uri}, reconnecting with {@code backoff}'s waits
     * (its URI and options are not used: the client's options apply).
     */
    public static AsyncReconnector start(AsyncClient client, URI uri, Reconnector backoff, WebSocketHandler handler) {
        if (client == null || uri == null || backoff == null || handler == null) {
            throw new IllegalArgumentException("client, uri, backoff and handler must be set");
        }
        AsyncReconnector reconnector = new AsyncReconnector(client, uri, backoff, handler);
        reconnector.attempt();
        return reconnector;
    }

    /** The open connection, or {@code null} between connections. */
    public Session current() {
        return current;
    }

    private void attempt() {
        if (stopped) {
            return;
        }
        client.connect(uri, relay).whenComplete((session, error) -> {
            if (error != null) {
                retry();
            }
        });
    }

    private void retry() {
        if (stopped) {
            return;
        }
        long delay = backoff.delayBefore(failures.incrementAndGet());
        CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS).execute(this::attempt);
    }

    /** Stops reconnecting and closes the current connection with 1000. */
    @Override
    public void close() throws IOException {
        stopped = true;
        Session session = current;
        if (session != null) {
            session.close(CloseCode.NORMAL_CLOSURE, "");
        }
    }

    /** Passes events on, and notes opens and closes. */
    private final class Relay implements WebSocketHandler {
        @Override
        public void onOpen(Session server) {
            failures.set(0);
            current = server;
            if (stopped) {
                try {
                    server.close(CloseCode.NORMAL_CLOSURE, "");
                } catch (IOException ignored) {
                    // Closing anyway.
                }
            }
            handler.onOpen(server);
        }

        @Override
        public void onMessage(Session server, Message message) {
            handler.onMessage(server, message);
        }

        @Override
        public void onClose(Session server, int code, String reason) {
            current = null;
            try {
                handler.onClose(server, code, reason);
            } finally {
                retry();
            }
        }

        @Override
        public void onError(Session server, Throwable error) {
            handler.onError(server, error);
        }

        @Override
        public void onPing(Session server, byte[] payload) {
            handler.onPing(server, payload);
        }

        @Override
        public void onPong(Session server, byte[] payload) {
            handler.onPong(server, payload);
        }

        @Override
        public void onSent(Session server, Message message) {
            handler.onSent(server, message);
        }
    }
}

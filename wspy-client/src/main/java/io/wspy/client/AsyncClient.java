package io.wspy.client;

import io.wspy.connection.ClientOptions;
import io.wspy.connection.Session;
import io.wspy.server.HandlerExecution;
import io.wspy.server.ServerConfig;
import io.wspy.server.SlowReaderPolicy;
import io.wspy.server.WebSocketHandler;
import io.wspy.server.internal.nio.NioClientEngine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A non-blocking WebSocket client: a few selector loops hold any number of connections, each
 * driven by the same loops, session and {@link WebSocketHandler} events as
 * {@link io.wspy.server.AsyncServer}'s clients ({@code onOpen}, {@code onMessage}, {@code onClose},
 * {@code onError}, {@code onPing}, {@code onPong}, {@code onSent}), with the same bounded outbound
 * queue, slow-reader policy and {@link Session#bufferedAmount()}.
 *
 * <pre>{@code
 * try (AsyncClient client = AsyncClient.create()) {
 *     Session s = client.connect(URI.create("ws://localhost:8000/"), new WebSocketHandler() {
 *         public void onMessage(Session server, Message m) { System.out.println(m); }
 *     }).get(10, TimeUnit.SECONDS);
 *     s.send(new TextMessage("hello"));
 * }
 * }</pre>
 *
 * <p>Everything {@link ClientOptions} says applies: subprotocols, extensions (permessage-deflate,
 * deflate-frame), extra headers, Basic and Digest credentials, redirects, an HTTP proxy or the
 * JDK's {@link java.net.ProxySelector}, the TLS context of {@code wss://} (SNI and host name
 * verification on), the connect and handshake timeouts, and the keepalive (on by default).
 * Host names are resolved and TCP connects made on a few connecting threads, never on a loop.
 *
 * <p>Handlers run on the loop by default (they must not block); with
 * {@link HandlerExecution#OFF_LOOP} they run on an executor, one event at a time per connection.
 * {@link #close()} closes every connection with 1001 ("client closing") and stops the threads.
 * Thread-safe.
 */
public final class AsyncClient implements AutoCloseable {
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final NioClientEngine engine;
    private final ServerConfig config;
    private final Duration closeTimeout;

    private AsyncClient(Builder b) {
        this.config = b.config.build();
        this.closeTimeout = b.closeTimeout;
        try {
            this.engine = new NioClientEngine("wspy-client-" + INSTANCES.incrementAndGet(), config, b.options);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector", e);
        }
    }

    /** A client with the defaults: one loop, handlers on it, {@link ClientOptions#defaults()}. */
    public static AsyncClient create() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Opens a connection to {@code uri}.
     *
     * @return a future that completes with the session once the handshake is done and
     *         {@code onOpen} has run, or exceptionally with an {@link IOException} (a
     *         {@link io.wspy.handshake.HandshakeException} for a refused handshake) naming the URI
     * @throws IllegalArgumentException if {@code uri} is not a {@code ws://} or {@code wss://} URI
     */
    public CompletableFuture<Session> connect(URI uri, WebSocketHandler handler) {
        if (handler == null) {
            throw new IllegalArgumentException("handler must be set");
        }
        CompletableFuture<Session> opened = new CompletableFuture<>();
        engine.connect(uri, new HandlerEvents(engine, config, handler, opened), opened::completeExceptionally);
        return opened;
    }

    /** The connections open or opening (connected, in their handshake or closing). */
    public int connections() {
        return engine.connections();
    }

    /**
     * Closes every connection with 1001 and the reason "client closing" (waiting up to the builder's close timeout for their
     * closing handshakes), then stops the loops and threads. Not from a handler running on a loop.
     */
    @Override
    public void close() {
        engine.close(closeTimeout.toMillis());
    }

    /** Settings of an {@link AsyncClient}. */
    public static final class Builder {
        private final ServerConfig.Builder config = ServerConfig.builder();
        private ClientOptions options = ClientOptions.defaults();
        private Duration closeTimeout = Duration.ofSeconds(5);

        private Builder() {
            config.selectorThreads(1);
        }

        /** How every connection connects and speaks (handshake, protocol, timeouts, proxy, TLS). */
        public Builder options(ClientOptions value) {
            if (value == null) {
                throw new IllegalArgumentException("options must be set");
            }
            options = value;
            return this;
        }

        /** How many selector loops (threads) share the connections; 1 by default. */
        public Builder selectorThreads(int value) {
            config.selectorThreads(value);
            return this;
        }

        /** Where handler events run: on the loops (the default) or off them. */
        public Builder handlerExecution(HandlerExecution value) {
            config.handlerExecution(value);
            return this;
        }

        /** The executor of events under {@link HandlerExecution#OFF_LOOP}; {@code null} for the default. */
        public Builder handlerExecutor(Executor value) {
            config.handlerExecutor(value);
            return this;
        }

        /** The bound of each connection's outbound queue and what happens beyond it, as on {@code AsyncServer}. */
        public Builder outboundQueue(long maxBytes, SlowReaderPolicy policy) {
            config.outboundQueue(maxBytes, policy);
            return this;
        }

        /** How long a send may wait under {@link SlowReaderPolicy#BLOCK}. */
        public Builder blockTimeout(Duration value) {
            config.blockTimeout(value);
            return this;
        }

        /** Off the loop: message bytes waiting for the handler beyond which reading pauses. */
        public Builder maxPendingInboundBytes(long value) {
            config.maxPendingInboundBytes(value);
            return this;
        }

        /** Whether {@code onSent} is reported; off by default. */
        public Builder reportSent(boolean value) {
            config.reportSent(value);
            return this;
        }

        /** How long {@link #close()} waits for closing handshakes; 5 s by default. */
        public Builder closeTimeout(Duration value) {
            if (value == null || value.isNegative()) {
                throw new IllegalArgumentException("closeTimeout must not be negative");
            }
            closeTimeout = value;
            return this;
        }

        /** The client, its loops running. */
        public AsyncClient build() {
            return new AsyncClient(this);
        }
    }
}

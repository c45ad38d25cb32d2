package io.wspy.server;

import io.wspy.server.internal.nio.NioEngine;

/**
 * A WebSocket server on NIO selector loops (epoll on Linux), the one to use for many clients. A thread accepts connections and hands them in turn to
 * {@link ServerConfig#selectorThreads()} loops (one per processor by default); each loop runs the
 * handshakes, reads, writes and timers of its connections without blocking and without a thread
 * per connection. An idle connection holds no read or write buffer.
 *
 * <p>Where handlers run ({@link ServerConfig#handlerExecution()}): by default
 * ({@link HandlerExecution#LOOP}) on the loop that reads the client, which is the fastest, but an
 * event that blocks or computes for long holds up every client of that loop. With
 * {@link HandlerExecution#OFF_LOOP} they run on an executor (virtual threads where the JDK has
 * them), one at a time and in order per client, so a slow {@code onMessage} delays only its own
 * client. Plain HTTP requests ({@link io.wspy.connection.HttpHandler}) run in the same place. In
 * both modes the events of one client never overlap.
 *
 * <p>Sending: {@code client.send(...)} never waits for the network: it queues the frames, which
 * the client's loop writes when the socket can take them, and
 * {@link WebSocketHandler#onSent} reports each message once written (when
 * {@link ServerConfig#reportSent()} is on). The queue of a client that reads more slowly than it
 * is written to is bounded by {@link ServerConfig#maxQueuedBytes()}; what happens beyond is the
 * application's choice of {@link SlowReaderPolicy} (close with 1008 by
 * default). {@link io.wspy.connection.Session#bufferedAmount()} tells how much is queued.
 * {@link #broadcast} encodes a message once and queues the same bytes for every client without
 * copying them (for clients without extensions), so one slow client never holds it up.
 *
 * <p>Memory: an idle client holds no buffer, and once {@code onOpen} has run its upgrade request
 * is kept as bytes: {@link io.wspy.connection.Session#request()} then parses a new copy on each
 * call, so keep what you need from it (in {@code onOpen}, with {@code attach}).
 *
 * <p>TLS ({@link ServerConfig#tls()}): each loop runs its connections' TLS too, without blocking;
 * the slow steps of a TLS handshake (key exchange, certificate checks) run on a small pool of
 * {@code wspy-tls} threads, one per processor, and the handshake timeout covers the TLS handshake
 * and the HTTP upgrade together. A TLS connection holds two buffers of a TLS record (about 16 KiB
 * each) for its life.
 *
 * <p>Timers (close handshake, keepalive ping and pong deadline, handshake and idle timeouts) run on
 * the loops too. A handler that throws, or a client that misbehaves or vanishes, ends that one
 * connection, never the server or the loop.
 *
 * <p>Use it by subclassing:
 * <pre>{@code
 * class EchoServer extends AsyncServer {
 *     EchoServer(ServerConfig config) { super(config); }
 *
 *     @Override
 *     public void onMessage(Session client, Message message) {
 *         try { client.send(message); } catch (IOException e) { throw new UncheckedIOException(e); }
 *     }
 * }
 * new EchoServer(ServerConfig.builder().port(8000).build()).run();
 * }</pre>
 * or by passing a {@link WebSocketHandler} to {@link #AsyncServer(ServerConfig, WebSocketHandler)}.
 */
public non-sealed class AsyncServer extends WebSocketServer {
    /** A server whose events are its own {@code on...} methods, for subclasses to override. */
    public AsyncServer(ServerConfig config) {
        this(config, null);
    }

    /** A server whose events go to {@code handler} ({@code null} for none). */
    public AsyncServer(ServerConfig config, WebSocketHandler handler) {
        super(config, handler, NioEngine::new);
    }
}

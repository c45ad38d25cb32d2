package io.wspy.server;

import io.wspy.server.internal.threaded.ThreadedEngine;

/**
 * A WebSocket server with a thread per connection. On JDK 21 and later
 * the threads are virtual (found at run time; the library still runs on Java 17, with platform
 * threads), so thousands of mostly idle clients cost little.
 *
 * <p>Where handlers run: a client's thread performs its handshake (bounded by the handshake
 * timeout, off the accepting thread) and then runs every event of that client, in order. A handler
 * may block: it holds up only its own client. A handler that throws, or a client that misbehaves
 * or vanishes, ends that one connection, never the server.
 *
 * <p>TLS ({@link ServerConfig#tls()}): the accepted sockets are TLS sockets whose handshake runs
 * on the client's thread, not the accepting one, and the handshake timeout bounds the TLS
 * handshake and the HTTP upgrade together, however slowly a client sends.
 *
 * <p>Sending: {@code client.send(...)} blocks until the socket has taken the bytes, so a client that
 * reads slowly slows its senders down (back-pressure by blocking; {@link SlowReaderPolicy} does not
 * apply, and {@link WebSocketHandler#onSent} is never called). {@link #broadcast} sends to one
 * client after the other from the calling thread, so a client that stops reading holds it up until
 * the keepalive drops that client.
 *
 * <p>Use it by subclassing:
 * <pre>{@code
 * class EchoServer extends Server {
 *     EchoServer(ServerConfig config) { super(config); }
 *
 *     @Override
 *     public void onMessage(Session client, Message message) {
 *         try { client.send(message); } catch (IOException e) { throw new UncheckedIOException(e); }
 *     }
 * }
 * new EchoServer(ServerConfig.builder().port(8000).build()).run();
 * }</pre>
 * or by passing a {@link WebSocketHandler} to {@link #Server(ServerConfig, WebSocketHandler)}.
 */
public non-sealed class Server extends WebSocketServer {
    /** A server whose events are its own {@code on...} methods, for subclasses to override. */
    public Server(ServerConfig config) {
        this(config, null);
    }

    /** A server whose events go to {@code handler} ({@code null} for none). */
    public Server(ServerConfig config, WebSocketHandler handler) {
        super(config, handler, ThreadedEngine::new);
    }
}

/**
 * WebSocket connections over blocking sockets: a client in a few lines, a simple server, and the
 * {@link io.wspy.connection.Session} that both servers of wspy-server hand to handlers.
 *
 * <h2>Two levels</h2>
 * <ul>
 *   <li>{@link io.wspy.connection.WebSocket}: one end of a connection at the level of frames.
 *       {@link io.wspy.connection.WebSocket#connect(java.net.URI)} runs the client handshake
 *       ({@code ws://} and {@code wss://}); {@link io.wspy.connection.WebSocketServerSocket#accept()}
 *       runs the server handshake. It sends frames as given and checks every frame received, but
 *       answers no ping and runs no closing handshake: the level for tools and tests.</li>
 *   <li>{@link io.wspy.connection.Connection}: messages over a {@code WebSocket}. Pings are
 *       answered, fragments are joined into {@link io.wspy.protocol.TextMessage}s and
 *       {@link io.wspy.protocol.BinaryMessage}s, the closing handshake runs both ways. Subclass it
 *       and override {@code onOpen}, {@code onMessage}, {@code onClose}, ... then call
 *       {@link io.wspy.connection.Connection#receiveForever()}; or call
 *       {@link io.wspy.connection.Connection#receive()} for the next message. Sending is safe from
 *       any number of threads: frames of different messages never interleave.</li>
 * </ul>
 *
 * <h2>A client</h2>
 * <pre>{@code
 * try (Connection chat = new Connection(WebSocket.connect(URI.create("ws://localhost:8000/chat")))) {
 *     chat.sendText("hello");
 *     Message reply = chat.receive();
 * }
 * }</pre>
 *
 * <h2>Options</h2>
 * {@link io.wspy.connection.ClientOptions} gathers what a client may set: the handshake
 * ({@link io.wspy.handshake.ClientHandshakeConfig}: origin, subprotocols, extensions, headers,
 * credentials, redirects), the protocol's limits and keepalive
 * ({@link io.wspy.protocol.ProtocolConfig}), connect and handshake timeouts, an HTTP proxy, and
 * the TLS context for {@code wss://}. {@link io.wspy.connection.ServerOptions} is the same for a
 * {@code WebSocketServerSocket}. Every limit has a safe default. A failed connect names the
 * address it tried; a refused handshake throws {@link io.wspy.handshake.HandshakeException} with
 * the server's status. {@link io.wspy.connection.Reconnector} reconnects with exponential back-off
 * and jitter.
 *
 * <h2>For servers</h2>
 * {@link io.wspy.connection.Session} is a client as a server's handler sees it (send, close, the
 * handshake's request, the negotiated subprotocol and extensions, an attachment), and
 * {@link io.wspy.connection.HttpHandler} answers plain HTTP requests on the WebSocket port.
 */
package io.wspy.connection;

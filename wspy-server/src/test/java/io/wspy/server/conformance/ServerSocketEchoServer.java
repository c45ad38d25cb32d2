package io.wspy.server.conformance;

import io.wspy.connection.Connection;
import io.wspy.connection.ServerOptions;
import io.wspy.connection.WebSocket;
import io.wspy.connection.WebSocketServerSocket;
import io.wspy.frame.CloseStatus;
import io.wspy.handshake.ServerHandshakeConfig;
import io.wspy.protocol.Message;
import io.wspy.protocol.ProtocolConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The echo server built from wspy-connection alone: a {@link WebSocketServerSocket} whose
 * connections each run on a thread of their own and echo every message.
 */
final class ServerSocketEchoServer implements EchoServerUnderTest {
    private final WebSocketServerSocket socket;
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final LinkedBlockingQueue<CloseStatus> closes = new LinkedBlockingQueue<>();

    private ServerSocketEchoServer(ServerOptions options) throws IOException {
        socket = new WebSocketServerSocket(new InetSocketAddress("127.0.0.1", 0), options);
        Thread acceptor = new Thread(this::acceptForever, "echo-acceptor-" + socket.localPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    static ServerSocketEchoServer start(EchoServerSpec spec) throws IOException {
        ServerHandshakeConfig handshake = ServerHandshakeConfig.builder()
                .extensions(spec.extensions())
                .subprotocols(spec.subprotocols().toArray(String[]::new))
                .build();
        ProtocolConfig protocol = ProtocolConfig.defaults()
                .withMaxMessageSize(spec.maxMessageSize())
                .withMaxFrameSize(spec.maxMessageSize());
        return new ServerSocketEchoServer(ServerOptions.defaults().withHandshake(handshake).withProtocol(protocol));
    }

    @Override
    public URI uri() {
        return URI.create("ws://127.0.0.1:" + socket.localPort() + "/");
    }

    @Override
    public CloseStatus awaitClose(Duration timeout) throws InterruptedException {
        return closes.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void acceptForever() {
        try {
            while (true) {
                WebSocket client = socket.accept();
                Thread t = new Thread(() -> serve(client), "echo-" + client.remoteAddress().getPort());
                t.setDaemon(true);
                t.start();
            }
        } catch (IOException stopped) {
            // close() closed the listening socket.
        }
    }

    private void serve(WebSocket client) {
        Connection connection;
        try {
            connection = new Connection(client) {
                @Override
                protected void onMessage(Message message) {
                    try {
                        send(message);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }

                @Override
                protected void onClose(int code, String reason) {
                    closes.add(new CloseStatus(code, reason));
                }
            };
        } catch (IOException e) {
            return;
        }
        connections.add(connection);
        try {
            connection.receiveForever();
        } finally {
            connections.remove(connection);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
        for (Connection c : connections) {
            c.webSocket().socket().close();
        }
    }
}

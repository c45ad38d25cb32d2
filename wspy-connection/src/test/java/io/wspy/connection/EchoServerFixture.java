package io.wspy.connection;

import io.wspy.protocol.Message;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A test server on loopback: a {@link WebSocketServerSocket} whose connections echo every message
 * (each on its own thread) and record how they closed.
 */
final class EchoServerFixture implements AutoCloseable {
    final WebSocketServerSocket socket;
    final LinkedBlockingQueue<String> closes = new LinkedBlockingQueue<>();
    final List<Connection> connections = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    EchoServerFixture(ServerOptions options) throws IOException {
        socket = new WebSocketServerSocket(new InetSocketAddress("127.0.0.1", 0), options);
        acceptor = new Thread(this::acceptForever, "echo-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    EchoServerFixture() throws IOException {
        this(ServerOptions.defaults());
    }

    URI uri(String path) {
        return URI.create("ws://127.0.0.1:" + socket.localPort() + path);
    }

    /** The next "code reason" a server-side connection closed with. */
    String nextClose() throws InterruptedException {
        String close = closes.poll(10, TimeUnit.SECONDS);
        if (close == null) {
            throw new AssertionError("no connection closed within 10 s");
        }
        return close;
    }

    private void acceptForever() {
        try {
            while (true) {
                WebSocket client = socket.accept();
                Thread t = new Thread(() -> serve(client), "echo-connection");
                t.setDaemon(true);
                t.start();
            }
        } catch (IOException stopped) {
            // close() closed the listening socket.
        }
    }

    private void serve(WebSocket client) {
        try {
            Connection connection = new Connection(client) {
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
                    closes.add(code + " " + reason);
                }
            };
            connections.add(connection);
            connection.receiveForever();
        } catch (IOException e) {
            closes.add("failed " + e);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
        for (Connection c : connections) {
            c.close();
        }
    }
}

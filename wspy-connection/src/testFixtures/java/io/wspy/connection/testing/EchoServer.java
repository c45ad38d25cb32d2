package io.wspy.connection.testing;

import io.wspy.connection.Connection;
import io.wspy.connection.WebSocket;
import io.wspy.connection.WebSocketServerSocket;
import io.wspy.protocol.Message;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A test server on loopback: a {@link WebSocketServerSocket} whose connections echo every message
 * (each on its own thread) and record how they opened and closed. Shared by the tests over plain
 * sockets and over TLS: wspy-connection and wspy-ssl compile src/testFixtures into their tests.
 */
public class EchoServer implements AutoCloseable {
    public final WebSocketServerSocket socket;
    /** Server-side connections, each once its handshake is done. */
    public final LinkedBlockingQueue<Connection> opened = new LinkedBlockingQueue<>();
    /** "code reason" for each server-side connection that closed. */
    public final LinkedBlockingQueue<String> closes = new LinkedBlockingQueue<>();
    /** Every server-side connection so far. */
    public final List<Connection> connections = new CopyOnWriteArrayList<>();

    /** Starts accepting on {@code socket}, on a daemon thread named {@code name}. */
    public EchoServer(WebSocketServerSocket socket, String name) {
        this.socket = socket;
        Thread acceptor = new Thread(this::acceptForever, name + "-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return socket.localPort();
    }

    /** The next server-side connection, once its handshake is done. */
    public Connection nextConnection() throws InterruptedException {
        Connection c = opened.poll(10, TimeUnit.SECONDS);
        if (c == null) {
            throw new AssertionError("no connection within 10 s");
        }
        return c;
    }

    /** The next "code reason" a server-side connection closed with. */
    public String nextClose() throws InterruptedException {
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
            opened.add(connection);
            connection.receiveForever();
        } catch (IOException e) {
            closes.add("failed " + e);
        }
    }

    /** Stops accepting and drops every server-side connection (a teardown, not a closing handshake). */
    @Override
    public void close() throws IOException {
        socket.close();
        for (Connection c : connections) {
            c.webSocket().close();
        }
    }
}

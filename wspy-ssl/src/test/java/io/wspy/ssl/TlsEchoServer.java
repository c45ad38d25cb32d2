package io.wspy.ssl;

import io.wspy.connection.Connection;
import io.wspy.connection.ServerOptions;
import io.wspy.connection.WebSocket;
import io.wspy.connection.WebSocketServerSocket;
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
 * A blocking wss:// echo server on loopback: a {@link WebSocketServerSocket} over
 * {@link ServerTls#bind}, each connection echoing every message on its own thread. Records the
 * server-side connections and how they closed.
 */
final class TlsEchoServer implements AutoCloseable {
    final WebSocketServerSocket socket;
    final LinkedBlockingQueue<Connection> opened = new LinkedBlockingQueue<>();
    final LinkedBlockingQueue<String> closes = new LinkedBlockingQueue<>();
    private final List<Connection> all = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    TlsEchoServer(ServerTls tls, ServerOptions options) throws IOException {
        socket = new WebSocketServerSocket(tls.bind(new InetSocketAddress("127.0.0.1", 0)), options);
        acceptor = new Thread(this::acceptForever, "tls-echo-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    URI uri(String host) {
        return URI.create("wss://" + host + ":" + socket.localPort() + "/echo");
    }

    int port() {
        return socket.localPort();
    }

    /** The next server-side connection, once its handshake is done. */
    Connection nextConnection() throws InterruptedException {
        Connection c = opened.poll(10, TimeUnit.SECONDS);
        if (c == null) {
            throw new AssertionError("no connection within 10 s");
        }
        return c;
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
                Thread t = new Thread(() -> serve(client), "tls-echo-connection");
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
            all.add(connection);
            opened.add(connection);
            connection.receiveForever();
        } catch (IOException e) {
            closes.add("failed " + e);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
        for (Connection c : all) {
            c.webSocket().close();
        }
    }
}

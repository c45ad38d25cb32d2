package io.wspy.connection;

import io.wspy.connection.testing.EchoServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;

/** An {@link EchoServer} over a plain {@link WebSocketServerSocket} on loopback. */
final class EchoServerFixture extends EchoServer {
    EchoServerFixture(ServerOptions options) throws IOException {
        super(new WebSocketServerSocket(new InetSocketAddress("127.0.0.1", 0), options), "echo");
    }

    EchoServerFixture() throws IOException {
        this(ServerOptions.defaults());
    }

    URI uri(String path) {
        return URI.create("ws://127.0.0.1:" + port() + path);
    }
}

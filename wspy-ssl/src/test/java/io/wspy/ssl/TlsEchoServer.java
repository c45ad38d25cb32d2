package io.wspy.ssl;

import io.wspy.connection.ServerOptions;
import io.wspy.connection.WebSocketServerSocket;
import io.wspy.connection.testing.EchoServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;

/** A blocking wss:// {@link EchoServer} on loopback: a {@link WebSocketServerSocket} over {@link ServerTls#bind}. */
final class TlsEchoServer extends EchoServer {
    TlsEchoServer(ServerTls tls, ServerOptions options) throws IOException {
        super(new WebSocketServerSocket(tls.bind(new InetSocketAddress("127.0.0.1", 0)), options), "tls-echo");
    }

    URI uri(String host) {
        return URI.create("wss://" + host + ":" + port() + "/echo");
    }
}

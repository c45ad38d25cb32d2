package io.wspy.server.conformance;

import io.wspy.connection.Session;
import io.wspy.frame.CloseStatus;
import io.wspy.handshake.ServerHandshakeConfig;
import io.wspy.protocol.Message;
import io.wspy.protocol.ProtocolConfig;
import io.wspy.server.AsyncServer;
import io.wspy.server.Server;
import io.wspy.server.ServerConfig;
import io.wspy.server.SlowReaderPolicy;
import io.wspy.server.testing.TestCertificates;
import io.wspy.server.WebSocketHandler;
import io.wspy.server.WebSocketServer;
import io.wspy.ssl.ServerTls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

/** The echo server on one of wspy-server's servers ({@link Server} or {@link AsyncServer}), over TCP or TLS. */
final class WspyServerEchoServer implements EchoServerUnderTest, WebSocketHandler {
    private final LinkedBlockingQueue<CloseStatus> closes = new LinkedBlockingQueue<>();
    private final WebSocketServer server;

    private WspyServerEchoServer(EchoServerSpec spec, BiFunction<ServerConfig, WebSocketHandler, WebSocketServer> kind,
                                 ServerTls tls) throws IOException {
        ServerConfig config = ServerConfig.builder()
                .address(new InetSocketAddress("127.0.0.1", 0))
                .tls(tls)
                .handshake(ServerHandshakeConfig.builder()
                        .extensions(spec.extensions())
                        .subprotocols(spec.subprotocols().toArray(String[]::new))
                        .build())
                .protocol(ProtocolConfig.defaults()
                        .withMaxMessageSize(spec.maxMessageSize())
                        .withMaxFrameSize(spec.maxMessageSize()))
                // Room for the echo of the largest message the suite sends.
                .outboundQueue(4 * EchoServerSpec.STANDARD_MAX_MESSAGE_SIZE, SlowReaderPolicy.CLOSE)
                .build();
        server = kind.apply(config, this);
        server.start();
    }

    static EchoServerUnderTest threaded(EchoServerSpec spec) throws IOException {
        return new WspyServerEchoServer(spec, Server::new, null);
    }

    static EchoServerUnderTest async(EchoServerSpec spec) throws IOException {
        return new WspyServerEchoServer(spec, AsyncServer::new, null);
    }

    /** {@link Server} over TLS with the test certificate: {@code wss://}. */
    static EchoServerUnderTest threadedTls(EchoServerSpec spec) throws IOException {
        return new WspyServerEchoServer(spec, Server::new, TestCertificates.get().server());
    }

    /** {@link AsyncServer} over TLS with the test certificate: {@code wss://}. */
    static EchoServerUnderTest asyncTls(EchoServerSpec spec) throws IOException {
        return new WspyServerEchoServer(spec, AsyncServer::new, TestCertificates.get().server());
    }

    /**
     * {@link AsyncServer} ({@code async}) or {@link Server} with any TLS setup, for runners outside
     * the tests: {@code tls} null serves {@code ws://}.
     */
    static EchoServerUnderTest start(EchoServerSpec spec, boolean async, ServerTls tls) throws IOException {
        return new WspyServerEchoServer(spec, async ? AsyncServer::new : Server::new, tls);
    }

    @Override
    public void onMessage(Session client, Message message) {
        try {
            client.send(message);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void onClose(Session client, int code, String reason) {
        closes.add(new CloseStatus(code, reason));
    }

    @Override
    public URI uri() {
        return URI.create((server.config().tls() == null ? "ws" : "wss") + "://127.0.0.1:" + server.port() + "/");
    }

    @Override
    public CloseStatus awaitClose(Duration timeout) throws InterruptedException {
        return closes.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() throws IOException {
        server.stop();
    }
}

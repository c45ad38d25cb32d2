package io.wspy.metrics;

import io.wspy.connection.ClientOptions;
import io.wspy.connection.Connection;
import io.wspy.connection.ServerOptions;
import io.wspy.connection.WebSocket;
import io.wspy.connection.WebSocketServerSocket;
import io.wspy.frame.CloseCode;
import io.wspy.frame.Opcode;
import io.wspy.handshake.HandshakeException;
import io.wspy.handshake.ServerHandshakeConfig;
import io.wspy.protocol.Message;
import io.wspy.protocol.ProtocolConfig;
import io.wspy.protocol.TextMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import javax.net.ssl.SSLException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The blocking client and the blocking server socket count the same figures, each from its end. */
@Timeout(30)
class ConnectionMetricsTest {
    @Test
    void bothEndsCountTheSameMessages() throws Exception {
        CountingMetrics serverMetrics = CountingMetrics.create();
        CountingMetrics clientMetrics = CountingMetrics.timed();
        ServerOptions serverOptions = ServerOptions.defaults()
                .withProtocol(ProtocolConfig.defaults().withMetrics(serverMetrics));
        try (WebSocketServerSocket server = new WebSocketServerSocket(0, serverOptions)) {
            Thread serving = new Thread(() -> {
                try {
                    new Echo(server.accept()).receiveForever();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            serving.start();
            Client client = new Client(WebSocket.connect(URI.create("ws://127.0.0.1:" + server.localPort() + "/"),
                    ClientOptions.defaults().withMetrics(clientMetrics)));
            client.send(new TextMessage("hello"));
            client.send(new TextMessage("boom"));
            client.receiveForever();
            serving.join(10_000);
            assertEquals(CloseCode.INTERNAL_ERROR, client.closeStatus().code());
        }
        MetricsSnapshot c = clientMetrics.snapshot();
        MetricsSnapshot s = serverMetrics.snapshot();
        assertEquals(1, c.connectionsOpened());
        assertEquals(0, c.openConnections());
        assertEquals(0, s.openConnections());
        assertEquals(new Traffic(2, 9, 2 * (2 + 4) + 9), c.sent(Opcode.TEXT));
        assertEquals(c.sent(Opcode.TEXT), s.received(Opcode.TEXT));
        assertEquals(new Traffic(2, 9, 2 * 2 + 9), s.sent(Opcode.TEXT));
        assertEquals(s.sent(Opcode.TEXT), c.received(Opcode.TEXT));
        assertEquals(1, c.handlerErrors(), "the client's handler threw on the echo of boom");
        assertTrue(c.handlerNanos() > 0);
        assertEquals(Map.of(CloseCode.INTERNAL_ERROR, 1L), c.closeCodesSent());
        assertEquals(Map.of(CloseCode.INTERNAL_ERROR, 1L), s.closeCodesReceived());
        assertEquals(Map.of(CloseCode.INTERNAL_ERROR, 1L), s.closeCodesSent(), "the echo of the client's close");
        assertEquals(0, c.loopBusyNanos(), "a blocking client has no loop");
    }

    @Test
    void theClientCountsTheRefusalsAndTlsFailuresOfItsOwnUpgrades() throws Exception {
        CountingMetrics metrics = CountingMetrics.create();
        ClientOptions options = ClientOptions.defaults().withMetrics(metrics);
        ServerOptions onlyChat = ServerOptions.defaults()
                .withHandshake(ServerHandshakeConfig.builder().paths("/chat").build());
        try (WebSocketServerSocket server = new WebSocketServerSocket(0, onlyChat)) {
            Thread refusing = new Thread(() -> {
                try {
                    server.accept();
                } catch (IOException e) {
                    // The server socket closed: the test is over.
                }
            });
            refusing.setDaemon(true);
            refusing.start();
            HandshakeException notFound = assertThrows(HandshakeException.class, () -> WebSocket.connect(
                    URI.create("ws://127.0.0.1:" + server.localPort() + "/elsewhere"), options));
            assertEquals(404, notFound.status());
            // A plain HTTP server answers the TLS handshake's first bytes with a 400: not TLS.
            assertThrows(SSLException.class, () -> WebSocket.connect(
                    URI.create("wss://127.0.0.1:" + server.localPort() + "/chat"), options));
        }
        assertThrows(IOException.class, () -> WebSocket.connect(URI.create("ws://127.0.0.1:" + closedPort() + "/"),
                options), "no connection is no upgrade outcome");
        MetricsSnapshot snapshot = metrics.snapshot();
        assertEquals(Map.of(404, 1L), snapshot.upgradesRefused());
        assertEquals(Map.of(UpgradeFailure.TLS, 1L), snapshot.upgradeFailures());
        assertEquals(0, snapshot.connectionsOpened());
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static final class Echo extends Connection {
        Echo(WebSocket webSocket) throws IOException {
            super(webSocket);
        }

        @Override
        protected void onMessage(Message message) {
            try {
                send(message);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static final class Client extends Connection {
        Client(WebSocket webSocket) throws IOException {
            super(webSocket);
        }

        @Override
        protected void onMessage(Message message) {
            if (((TextMessage) message).text().equals("boom")) {
                throw new IllegalStateException("the client's handler fails on purpose");
            }
        }
    }
}

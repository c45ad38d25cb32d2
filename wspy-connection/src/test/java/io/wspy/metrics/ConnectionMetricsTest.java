package io.wspy.metrics;

import io.wspy.connection.ClientOptions;
import io.wspy.connection.Connection;
import io.wspy.connection.ServerOptions;
import io.wspy.connection.WebSocket;
import io.wspy.connection.WebSocketServerSocket;
import io.wspy.frame.CloseCode;
import io.wspy.frame.Opcode;
import io.wspy.protocol.Message;
import io.wspy.protocol.ProtocolConfig;
import io.wspy.protocol.TextMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

package io.wspy.client;

import io.wspy.connection.ClientOptions;
import io.wspy.connection.Session;
import io.wspy.extensions.PerMessageDeflate;
import io.wspy.frame.CloseCode;
import io.wspy.frame.Opcode;
import io.wspy.handshake.ClientHandshakeConfig;
import io.wspy.handshake.HandshakeException;
import io.wspy.handshake.ServerHandshakeConfig;
import io.wspy.metrics.CountingMetrics;
import io.wspy.metrics.MetricsSnapshot;
import io.wspy.metrics.UpgradeFailure;
import io.wspy.protocol.BinaryMessage;
import io.wspy.protocol.Message;
import io.wspy.protocol.TextMessage;
import io.wspy.server.AsyncServer;
import io.wspy.server.ServerConfig;
import io.wspy.server.WebSocketHandler;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The non-blocking client counts the figures a server counts, seen from its end. */
class AsyncClientMetricsTest {
    @Test
    void theClientCountsWhatTheServerCounts() throws Exception {
        CountingMetrics serverMetrics = CountingMetrics.create();
        ServerConfig config = ServerConfig.builder().address(new InetSocketAddress("127.0.0.1", 0))
                .selectorThreads(1).shutdownTimeout(Duration.ofSeconds(2)).metrics(serverMetrics)
                .handshake(ServerHandshakeConfig.builder().extensions(List.of(PerMessageDeflate.builder().build()))
                        .build())
                .build();
        AsyncServer server = new AsyncServer(config, AsyncClientTest.ECHO);
        server.start();
        CountingMetrics clientMetrics = CountingMetrics.timed();
        ClientOptions plain = ClientOptions.defaults().withMetrics(clientMetrics);
        ClientOptions deflate = plain.withHandshake(ClientHandshakeConfig.builder()
                .extensions(List.of(PerMessageDeflate.builder().build())).build());
        BlockingQueue<Message> echoes = new LinkedBlockingQueue<>();
        WebSocketHandler collector = new WebSocketHandler() {
            @Override
            public void onMessage(Session peer, Message message) {
                if (message instanceof TextMessage && ((TextMessage) message).text().equals("boom")) {
                    throw new IllegalStateException("the client's handler fails on purpose");
                }
                echoes.add(message);
            }
        };
        URI uri = URI.create("ws://127.0.0.1:" + server.port() + "/");
        try (AsyncClient client = AsyncClient.builder().options(plain).build();
             AsyncClient compressing = AsyncClient.builder().options(deflate).build()) {
            Session a = client.connect(uri, collector).get(10, TimeUnit.SECONDS);
            Session b = compressing.connect(uri, collector).get(10, TimeUnit.SECONDS);
            echo(a, new TextMessage("hello"), echoes);
            echo(a, new BinaryMessage(new byte[1000]), echoes);
            echo(b, new TextMessage("a".repeat(2000)), echoes);
            echo(b, new BinaryMessage(new byte[3000]), echoes);
            a.send(new TextMessage("boom"));
            awaitTrue(() -> !a.isOpen());
            b.close(CloseCode.NORMAL_CLOSURE, "");
            awaitTrue(() -> clientMetrics.openConnections() == 0 && serverMetrics.openConnections() == 0);
        } finally {
            server.stop();
        }
        MetricsSnapshot c = clientMetrics.snapshot();
        MetricsSnapshot s = serverMetrics.snapshot();
        assertEquals(2, c.connectionsOpened());
        assertEquals(0, c.openConnections());
        for (int opcode : new int[] {Opcode.TEXT, Opcode.BINARY}) {
            assertEquals(s.received(opcode), c.sent(opcode), Opcode.name(opcode) + " sent");
            assertEquals(s.sent(opcode), c.received(opcode), Opcode.name(opcode) + " received");
        }
        assertEquals(3, c.sent(Opcode.TEXT).messages());
        assertEquals(5 + 2000 + 4, c.sent(Opcode.TEXT).payloadBytes());
        assertTrue(c.sent(Opcode.TEXT).wireBytes() < c.sent(Opcode.TEXT).payloadBytes(), "compressed on the wire");
        assertEquals(3, c.received(Opcode.TEXT).messages(), "the echo of boom counted, then its handler failed");
        assertEquals(1, c.handlerErrors());
        assertTrue(c.handlerNanos() > 0);
        assertTrue(c.loopBusyNanos() > 0);
        assertEquals(Map.of(CloseCode.INTERNAL_ERROR, 1L, CloseCode.NORMAL_CLOSURE, 1L), c.closeCodesSent());
        assertEquals(Map.of(CloseCode.INTERNAL_ERROR, 1L, CloseCode.NORMAL_CLOSURE, 1L), s.closeCodesReceived());
        assertEquals(0, c.queuedBytes());
        assertTrue(c.largestQueuedBytes() > 0, "the client's frames pass through its outbound queue");
        assertEquals(Map.of(), c.slowReaderActions());
    }

    @Test
    void theClientCountsTheRefusalsAndTlsFailuresOfItsOwnUpgrades() throws Exception {
        ServerConfig config = ServerConfig.builder().address(new InetSocketAddress("127.0.0.1", 0))
                .selectorThreads(1).shutdownTimeout(Duration.ofSeconds(2)).maxConnections(1).build();
        AsyncServer server = new AsyncServer(config, AsyncClientTest.ECHO);
        server.start();
        // The TLS attempt goes to a server of its own: the full one refuses no more clients at once
        // than it may hold, one here, and the refusal above may still be closing.
        AsyncServer plain = new AsyncServer(ServerConfig.builder().address(new InetSocketAddress("127.0.0.1", 0))
                .selectorThreads(1).shutdownTimeout(Duration.ofSeconds(2)).build(), AsyncClientTest.ECHO);
        plain.start();
        CountingMetrics metrics = CountingMetrics.create();
        try (AsyncClient client = AsyncClient.builder().options(ClientOptions.defaults().withMetrics(metrics))
                .build()) {
            URI uri = URI.create("ws://127.0.0.1:" + server.port() + "/");
            Session first = client.connect(uri, AsyncClientTest.ECHO).get(10, TimeUnit.SECONDS);
            ExecutionException full = assertThrows(ExecutionException.class,
                    () -> client.connect(uri, AsyncClientTest.ECHO).get(10, TimeUnit.SECONDS));
            assertEquals(503, ((HandshakeException) full.getCause()).status());
            // A plain server answers the TLS handshake's first bytes with a 400: not TLS.
            ExecutionException notTls = assertThrows(ExecutionException.class, () -> client.connect(
                    URI.create("wss://127.0.0.1:" + plain.port() + "/"), AsyncClientTest.ECHO).get(10, TimeUnit.SECONDS));
            assertTrue(notTls.getCause().getCause() instanceof SSLException, notTls.getCause().toString());
            first.close(CloseCode.NORMAL_CLOSURE, "");
        } finally {
            server.stop();
            plain.stop();
        }
        MetricsSnapshot snapshot = metrics.snapshot();
        assertEquals(Map.of(503, 1L), snapshot.upgradesRefused());
        assertEquals(Map.of(UpgradeFailure.TLS, 1L), snapshot.upgradeFailures());
        assertEquals(1, snapshot.connectionsOpened());
    }

    private static void echo(Session session, Message message, BlockingQueue<Message> echoes) throws Exception {
        session.send(message);
        Message back = echoes.poll(10, TimeUnit.SECONDS);
        assertNotNull(back);
        assertEquals(message.length(), back.length());
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(5);
        }
    }
}

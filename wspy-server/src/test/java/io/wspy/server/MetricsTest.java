package io.wspy.server;

import io.wspy.connection.ClientOptions;
import io.wspy.connection.Connection;
import io.wspy.connection.Session;
import io.wspy.connection.WebSocket;
import io.wspy.extensions.PerMessageDeflate;
import io.wspy.frame.CloseCode;
import io.wspy.frame.Opcode;
import io.wspy.handshake.ClientHandshakeConfig;
import io.wspy.handshake.ServerHandshakeConfig;
import io.wspy.metrics.CountingMetrics;
import io.wspy.metrics.MetricsSnapshot;
import io.wspy.metrics.Traffic;
import io.wspy.metrics.UpgradeFailure;
import io.wspy.protocol.BinaryMessage;
import io.wspy.protocol.Message;
import io.wspy.protocol.TextMessage;
import io.wspy.server.testing.TestCertificates;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import javax.management.JMX;
import javax.management.ObjectName;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Known traffic through both servers, every figure checked: through the metrics interface,
 * against the blocking client's own metrics (the same frames seen from the other end), and
 * through JMX.
 */
class MetricsTest {
    @RegisterExtension
    final ServerFixture fixture = new ServerFixture();

    /** Echoes every message; throws on "boom". */
    private static final WebSocketHandler ECHO_OR_THROW = new WebSocketHandler() {
        @Override
        public void onMessage(Session client, Message message) {
            if (message instanceof TextMessage && ((TextMessage) message).text().equals("boom")) {
                throw new IllegalStateException("the handler fails on purpose");
            }
            try {
                client.send(message);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    };

    @ParameterizedTest
    @EnumSource(value = ServerKind.class, names = {"THREADED", "ASYNC"})
    void everyFigureOfKnownTraffic(ServerKind kind) throws Exception {
        CountingMetrics metrics = CountingMetrics.timed();
        WebSocketServer server = fixture.start(kind, ECHO_OR_THROW, b -> b
                .metrics(metrics)
                .maxConnections(2)
                .handshakeTimeout(Duration.ofMillis(300))
                .handshake(ServerHandshakeConfig.builder().extensions(List.of(PerMessageDeflate.builder().build()))
                        .build()));
        int port = server.port();

        // Two upgrades refused: a request without a key (400), then one over the connection limit (503).
        try (RawClient bad = new RawClient(port)) {
            bad.send("GET / HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Version: 13\r\n\r\n");
            assertTrue(bad.readHead().startsWith("HTTP/1.1 400"));
        }
        // A client that never sends its request: the handshake times out.
        try (RawClient silent = new RawClient(port)) {
            awaitTrue(() -> metrics.snapshot().upgradeFailures().containsKey(UpgradeFailure.TIMEOUT));
        }

        CountingMetrics clientMetrics = CountingMetrics.create();
        ClientOptions plainOptions = ClientOptions.defaults().withMetrics(clientMetrics);
        ClientOptions deflateOptions = plainOptions.withHandshake(ClientHandshakeConfig.builder()
                .extensions(List.of(PerMessageDeflate.builder().build())).build());
        URI uri = URI.create("ws://127.0.0.1:" + port + "/");
        Connection plain = fixture.closeAfter(new Connection(WebSocket.connect(uri, plainOptions)));
        Connection deflated = fixture.closeAfter(new Connection(WebSocket.connect(uri, deflateOptions)));
        assertTrue(deflated.extensions().startsWith("permessage-deflate"));
        awaitTrue(() -> metrics.openConnections() == 2);

        try (RawClient over = new RawClient(port)) {
            over.send(RawClient.upgradeRequest("/", ""));
            assertTrue(over.readHead().startsWith("HTTP/1.1 503"));
        }

        byte[] kilobyte = new byte[1000];
        for (int i = 0; i < 3; i++) {
            echo(plain, new TextMessage("hello"));
        }
        for (int i = 0; i < 2; i++) {
            echo(plain, new BinaryMessage(kilobyte));
        }
        String compressible = "a".repeat(2000);
        for (int i = 0; i < 2; i++) {
            echo(deflated, new TextMessage(compressible));
        }
        echo(deflated, new BinaryMessage(new byte[3000]));

        // A handler that throws: the client gets 1011, echoes it, and the connection closes.
        plain.send(new TextMessage("boom"));
        assertNull(plain.receive());
        assertEquals(CloseCode.INTERNAL_ERROR, plain.closeStatus().code());
        deflated.close();
        awaitTrue(() -> metrics.openConnections() == 0);

        MetricsSnapshot s = metrics.snapshot();
        assertEquals(0, s.openConnections());
        assertEquals(2, s.connectionsOpened());
        assertEquals(Map.of(400, 1L, 503, 1L), s.upgradesRefused());
        assertEquals(Map.of(UpgradeFailure.TIMEOUT, 1L), s.upgradeFailures());
        assertEquals(Map.of(CloseCode.INTERNAL_ERROR, 1L, CloseCode.NORMAL_CLOSURE, 1L), s.closeCodesSent());
        // A failed connection is not read any more: the client's echo of 1011 goes unread.
        assertEquals(Map.of(CloseCode.NORMAL_CLOSURE, 1L), s.closeCodesReceived());
        assertEquals(1, s.handlerErrors());
        assertTrue(s.handlerNanos() > 0);
        assertEquals(Map.of(), s.slowReaderActions());
        assertEquals(0, s.queuedBytes());
        if (kind.isAsync()) {
            assertTrue(s.loopBusyNanos() > 0);
            // Every echo passed through the outbound queue.
            assertTrue(s.largestQueuedBytes() >= 1000 + 4, "largest queue " + s.largestQueuedBytes());
        } else {
            // The threaded server writes in the sending thread: no loop, no queue.
            assertEquals(0, s.loopBusyNanos());
            assertEquals(0, s.largestQueuedBytes());
        }

        // Payload: what the application sent and got, before compression.
        assertEquals(6, s.received(Opcode.TEXT).messages());
        assertEquals(3 * 5 + 4 + 2 * 2000, s.received(Opcode.TEXT).payloadBytes());
        assertEquals(new Traffic(3, 2 * 1000 + 3000, s.received(Opcode.BINARY).wireBytes()), s.received(Opcode.BINARY));
        assertEquals(5, s.sent(Opcode.TEXT).messages());
        assertEquals(3 * 5 + 2 * 2000, s.sent(Opcode.TEXT).payloadBytes());
        assertEquals(3, s.sent(Opcode.BINARY).messages());
        assertEquals(2 * 1000 + 3000, s.sent(Opcode.BINARY).payloadBytes());
        assertEquals(new Traffic(1, 2, 2 + 4 + 2), s.received(Opcode.CLOSE));
        assertEquals(2, s.sent(Opcode.CLOSE).messages());
        assertEquals(Traffic.NONE, s.received(Opcode.PING));
        assertEquals(Traffic.NONE, s.sent(Opcode.PONG));

        // Wire: the plain client's frames are exact (masked client frames carry 4 more bytes); the
        // compressed ones are smaller than their payload, and the same seen from either end.
        long plainTextIn = 3 * (2 + 4 + 5) + (2 + 4 + 4);
        long compressedTextIn = s.received(Opcode.TEXT).wireBytes() - plainTextIn;
        assertTrue(compressedTextIn > 0 && compressedTextIn < 2 * 2000, "compressed text " + compressedTextIn);
        long compressedTextOut = s.sent(Opcode.TEXT).wireBytes() - 3 * (2 + 5);
        assertTrue(compressedTextOut > 0 && compressedTextOut < 2 * 2000, "compressed text " + compressedTextOut);
        MetricsSnapshot c = clientMetrics.snapshot();
        assertEquals(c.received(), s.sent(), "what the server sent is what the clients received");
        assertEquals(c.sent(Opcode.TEXT), s.received(Opcode.TEXT), "the clients' text is what the server read");
        assertEquals(c.sent(Opcode.BINARY), s.received(Opcode.BINARY));
        assertEquals(new Traffic(2, 4, 2 * (2 + 4 + 2)), c.sent(Opcode.CLOSE), "a 1000 and the unread 1011 echo");
        assertEquals(2, c.connectionsOpened());
        assertEquals(0, c.openConnections());
        assertEquals(s.closeCodesSent(), c.closeCodesReceived());
        assertEquals(Map.of(CloseCode.INTERNAL_ERROR, 1L, CloseCode.NORMAL_CLOSURE, 1L), c.closeCodesSent());

        assertJmxShows(server.metricsObjectName(), metrics.snapshot());
    }

    @ParameterizedTest
    @EnumSource(value = ServerKind.class, names = {"THREADED", "ASYNC"})
    void theMBeanLivesWhileTheServerRuns(ServerKind kind) throws Exception {
        CountingMetrics metrics = CountingMetrics.create();
        WebSocketServer first = fixture.start(kind, ECHO_OR_THROW, b -> b.metrics(metrics)
                .jmxName("io.wspy.test:type=Metrics,name=shared"));
        WebSocketServer second = fixture.start(kind, ECHO_OR_THROW, b -> b.metrics(metrics)
                .jmxName("io.wspy.test:type=Metrics,name=shared"));
        WebSocketServer quiet = fixture.start(kind, ECHO_OR_THROW, b -> b.metrics(metrics).jmx(false));
        WebSocketServer uncounted = fixture.start(kind, ECHO_OR_THROW, b -> b);
        ObjectName name = first.metricsObjectName();
        assertEquals(new ObjectName("io.wspy.test:type=Metrics,name=shared"), name);
        assertEquals(new ObjectName("io.wspy.test:type=Metrics,name=shared,instance=2"), second.metricsObjectName());
        assertNull(quiet.metricsObjectName());
        assertNull(uncounted.metricsObjectName());
        assertTrue(ManagementFactory.getPlatformMBeanServer().isRegistered(name));
        first.stop();
        second.stop();
        assertFalse(ManagementFactory.getPlatformMBeanServer().isRegistered(name));
        assertNull(first.metricsObjectName());
    }

    @ParameterizedTest
    @EnumSource(value = ServerKind.class, names = {"THREADED", "ASYNC"})
    void theDefaultNameSaysWhichServerAndPort(ServerKind kind) throws Exception {
        WebSocketServer server = fixture.start(kind, ECHO_OR_THROW, b -> b.metrics(CountingMetrics.create()));
        String expected = "io.wspy:type=WebSocketServer,name=" + (kind.isAsync() ? "AsyncServer" : "Server") + "-"
                + server.port();
        assertEquals(new ObjectName(expected), server.metricsObjectName());
    }

    @ParameterizedTest
    @EnumSource(value = ServerKind.class, names = {"THREADED", "ASYNC"})
    void aFailedTlsHandshakeIsCounted(ServerKind kind) throws Exception {
        CountingMetrics metrics = CountingMetrics.create();
        WebSocketServer server = fixture.start(kind, ECHO_OR_THROW, b -> b.metrics(metrics)
                .tls(TestCertificates.get().server()));
        try (RawClient plainText = new RawClient(server.port())) {
            // An upgrade request in clear text where a TLS ClientHello belongs.
            plainText.send(RawClient.upgradeRequest("/", ""));
            awaitTrue(() -> !metrics.snapshot().upgradeFailures().isEmpty());
        }
        MetricsSnapshot s = metrics.snapshot();
        assertEquals(Map.of(UpgradeFailure.TLS, 1L), s.upgradeFailures());
        assertEquals(Map.of(), s.upgradesRefused());
        assertEquals(0, s.connectionsOpened());
    }

    private static void echo(Connection client, Message message) throws IOException {
        client.send(message);
        Message back = client.receive();
        assertNotNull(back);
        assertEquals(message.length(), back.length());
    }

    /** The MBean, read through a proxy as JConsole would, shows the same figures. */
    private static void assertJmxShows(ObjectName name, MetricsSnapshot s) {
        assertNotNull(name);
        ServerMetricsMXBean bean = JMX.newMXBeanProxy(ManagementFactory.getPlatformMBeanServer(), name,
                ServerMetricsMXBean.class);
        assertEquals(s.openConnections(), bean.getOpenConnections());
        assertEquals(s.connectionsOpened(), bean.getConnectionsOpened());
        assertEquals(Map.of("400", 1L, "503", 1L), bean.getUpgradesRefused());
        assertEquals(Map.of("TIMEOUT", 1L), bean.getUpgradeFailures());
        assertEquals(byName(s.received(), Traffic::messages), bean.getMessagesReceived());
        assertEquals(byName(s.sent(), Traffic::messages), bean.getMessagesSent());
        assertEquals(byName(s.received(), Traffic::payloadBytes), bean.getPayloadBytesReceived());
        assertEquals(byName(s.sent(), Traffic::payloadBytes), bean.getPayloadBytesSent());
        assertEquals(byName(s.received(), Traffic::wireBytes), bean.getWireBytesReceived());
        assertEquals(byName(s.sent(), Traffic::wireBytes), bean.getWireBytesSent());
        assertEquals(s.queuedBytes(), bean.getQueuedBytes());
        assertEquals(s.largestQueuedBytes(), bean.getLargestQueuedBytes());
        assertEquals(Map.of(), bean.getSlowReaderActions());
        assertEquals(Map.of("1000", 1L, "1011", 1L), bean.getCloseCodesSent());
        assertEquals(Map.of("1000", 1L), bean.getCloseCodesReceived());
        assertEquals(s.handlerErrors(), bean.getHandlerErrors());
        assertEquals(s.handlerNanos(), bean.getHandlerNanos());
        assertEquals(s.loopBusyNanos() > 0, bean.getLoopBusyNanos() > 0);
    }

    private static Map<String, Long> byName(Map<Integer, Traffic> traffic,
                                            java.util.function.ToLongFunction<Traffic> figure) {
        Map<String, Long> out = new TreeMap<>();
        traffic.forEach((opcode, t) -> out.put(Opcode.name(opcode), figure.applyAsLong(t)));
        return out;
    }

    static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(Recorder.WAIT_SECONDS).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + Recorder.WAIT_SECONDS + " s");
            }
            Thread.sleep(5);
        }
    }
}

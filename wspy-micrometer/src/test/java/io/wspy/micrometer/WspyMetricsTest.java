package io.wspy.micrometer;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.wspy.connection.ClientOptions;
import io.wspy.connection.Connection;
import io.wspy.connection.Session;
import io.wspy.connection.WebSocket;
import io.wspy.frame.CloseCode;
import io.wspy.frame.Opcode;
import io.wspy.metrics.CountingMetrics;
import io.wspy.metrics.MetricsSnapshot;
import io.wspy.metrics.SlowReaderAction;
import io.wspy.metrics.Traffic;
import io.wspy.metrics.UpgradeFailure;
import io.wspy.protocol.BinaryMessage;
import io.wspy.protocol.Message;
import io.wspy.protocol.TextMessage;
import io.wspy.server.AsyncServer;
import io.wspy.server.Server;
import io.wspy.server.ServerConfig;
import io.wspy.server.WebSocketHandler;
import io.wspy.server.WebSocketServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Known traffic through both servers, every meter of the binding read from a registry. */
class WspyMetricsTest {
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
    @ValueSource(booleans = {false, true})
    void everyMeterShowsTheTraffic(boolean async) throws Exception {
        CountingMetrics metrics = CountingMetrics.timed();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new WspyMetrics(metrics, Tags.of("server", "test")).bindTo(registry);
        ServerConfig config = ServerConfig.builder().address(new InetSocketAddress("127.0.0.1", 0))
                .selectorThreads(1).shutdownTimeout(Duration.ofSeconds(2)).metrics(metrics).jmx(false).build();
        WebSocketServer server = async ? new AsyncServer(config, ECHO_OR_THROW) : new Server(config, ECHO_OR_THROW);
        server.start();
        try {
            refuseOnce(server.port());
            URI uri = URI.create("ws://127.0.0.1:" + server.port() + "/");
            try (Connection first = new Connection(WebSocket.connect(uri, ClientOptions.defaults()));
                 Connection second = new Connection(WebSocket.connect(uri, ClientOptions.defaults()))) {
                first.send(new TextMessage("hello"));
                assertEquals(5, first.receive().length());
                first.send(new BinaryMessage(new byte[1000]));
                assertEquals(1000, first.receive().length());
                second.send(new TextMessage("boom"));
                second.receive();
                first.close();
            }
            awaitNoConnection(metrics);
        } finally {
            server.stop();
        }
        MetricsSnapshot s = metrics.snapshot();

        assertEquals(0, gauge(registry, "wspy.connections.open"));
        assertEquals(2, counter(registry, "wspy.connections.opened", Tags.empty()));
        assertEquals(1, counter(registry, "wspy.upgrades.refused", Tags.of("status", "400")));
        for (int status : WspyMetrics.STATUSES) {
            assertEquals(status == 400 ? 1 : 0, counter(registry, "wspy.upgrades.refused",
                    Tags.of("status", String.valueOf(status))));
        }
        assertEquals(0, counter(registry, "wspy.upgrades.refused", Tags.of("status", "other")));
        for (UpgradeFailure failure : UpgradeFailure.values()) {
            assertEquals(0, counter(registry, "wspy.upgrades.failed", Tags.of("cause", failure.name())));
        }
        assertEquals(new Traffic(2, 5 + 4, 2 * 6 + 5 + 4), traffic(registry, "in", Opcode.TEXT));
        assertEquals(new Traffic(1, 5, 2 + 5), traffic(registry, "out", Opcode.TEXT));
        assertEquals(new Traffic(1, 1000, 4 + 4 + 1000), traffic(registry, "in", Opcode.BINARY));
        assertEquals(new Traffic(1, 1000, 4 + 1000), traffic(registry, "out", Opcode.BINARY));
        for (int opcode : WspyMetrics.OPCODES) {
            assertEquals(s.received(opcode), traffic(registry, "in", opcode), Opcode.name(opcode));
            assertEquals(s.sent(opcode), traffic(registry, "out", opcode), Opcode.name(opcode));
        }
        assertEquals(0, gauge(registry, "wspy.queue"));
        assertEquals(async ? s.largestQueuedBytes() : 0, gauge(registry, "wspy.queue.largest"));
        assertTrue(!async || s.largestQueuedBytes() >= 1004);
        for (SlowReaderAction action : SlowReaderAction.values()) {
            assertEquals(0, counter(registry, "wspy.slow.readers", Tags.of("action", action.name())));
        }
        Map<Integer, Long> sent = Map.of(CloseCode.NORMAL_CLOSURE, 1L, CloseCode.INTERNAL_ERROR, 1L);
        for (int code : WspyMetrics.CLOSE_CODES) {
            assertEquals((double) sent.getOrDefault(code, 0L), counter(registry, "wspy.closes",
                    Tags.of("direction", "sent", "code", String.valueOf(code))));
            assertEquals(code == CloseCode.NORMAL_CLOSURE ? 1 : 0, counter(registry, "wspy.closes",
                    Tags.of("direction", "received", "code", String.valueOf(code))));
        }
        assertEquals(0, counter(registry, "wspy.closes", Tags.of("direction", "sent", "code", "other")));
        assertEquals(1, counter(registry, "wspy.handler.errors", Tags.empty()));
        assertEquals(s.handlerNanos() / 1e9, counter(registry, "wspy.handler.time", Tags.empty()));
        assertTrue(s.handlerNanos() > 0);
        assertEquals(s.loopBusyNanos() / 1e9, counter(registry, "wspy.loop.busy", Tags.empty()));
        assertEquals(async, s.loopBusyNanos() > 0);
        for (Meter meter : registry.getMeters()) {
            assertEquals("test", meter.getId().getTag("server"), meter.getId().toString());
        }
    }

    private static void refuseOnce(int port) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.getOutputStream().write(("GET / HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            byte[] head = in.readNBytes(12);
            assertEquals("HTTP/1.1 400", new String(head, StandardCharsets.US_ASCII));
        }
    }

    private static void awaitNoConnection(CountingMetrics metrics) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (metrics.openConnections() != 0 || metrics.snapshot().connectionsOpened() < 2) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("connections still open: " + metrics.openConnections());
            }
            Thread.sleep(5);
        }
    }

    private static Traffic traffic(SimpleMeterRegistry registry, String direction, int opcode) {
        Tags tags = Tags.of("direction", direction, "opcode", Opcode.name(opcode));
        return new Traffic((long) counter(registry, "wspy.messages", tags), (long) counter(registry, "wspy.payload", tags),
                (long) counter(registry, "wspy.wire", tags));
    }

    private static double counter(SimpleMeterRegistry registry, String name, Tags tags) {
        FunctionCounter counter = registry.get(name).tags(tags).functionCounter();
        return counter.count();
    }

    private static double gauge(SimpleMeterRegistry registry, String name) {
        Gauge gauge = registry.get(name).gauge();
        return gauge.value();
    }
}

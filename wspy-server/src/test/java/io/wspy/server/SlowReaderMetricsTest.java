package io.wspy.server;

import io.wspy.connection.SendResult;
import io.wspy.connection.Session;
import io.wspy.frame.CloseCode;
import io.wspy.frame.Frame;
import io.wspy.frame.Opcode;
import io.wspy.metrics.CountingMetrics;
import io.wspy.metrics.MetricsSnapshot;
import io.wspy.metrics.SlowReaderAction;
import io.wspy.protocol.BinaryMessage;
import io.wspy.protocol.Message;
import io.wspy.protocol.ProtocolConfig;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.wspy.server.MetricsTest.awaitTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A client that reads nothing while the server floods it: what each slow-reader policy did, the
 * queue figures, and the Flight Recorder events of a server's life.
 */
class SlowReaderMetricsTest {
    private static final int QUEUE_LIMIT = 64 * 1024;

    @RegisterExtension
    final ServerFixture fixture = new ServerFixture();

    /** On "flood", sends 16 KiB messages until the slow-reader policy stops one. */
    private static final WebSocketHandler FLOODER = new WebSocketHandler() {
        @Override
        public void onMessage(Session client, Message message) {
            Message chunk = new BinaryMessage(new byte[16 * 1024]);
            while (client.trySend(chunk) == SendResult.SENT) {
                // The loop does not write while this handler runs: the queue only grows.
            }
        }
    };

    @ParameterizedTest
    @CsvSource({"CLOSE, CLOSED", "DROP, DROPPED", "FAIL, FAILED", "BLOCK, FAILED"})
    void theSlowReaderPolicyIsCounted(SlowReaderPolicy policy, SlowReaderAction expected) throws Exception {
        CountingMetrics metrics = CountingMetrics.create();
        WebSocketServer server = fixture.start(ServerKind.ASYNC, FLOODER, b -> b.metrics(metrics)
                .outboundQueue(QUEUE_LIMIT, policy));
        try (RawClient reader = RawClient.upgraded(server.port(), "/")) {
            reader.socket.setReceiveBufferSize(4096);
            reader.send(reader.encode(new Frame(true, 0, Opcode.TEXT, ByteBuffer.wrap("flood".getBytes(StandardCharsets.UTF_8)))));
            awaitTrue(() -> !metrics.snapshot().slowReaderActions().isEmpty());
            MetricsSnapshot s = metrics.snapshot();
            assertEquals(Map.of(expected, 1L), s.slowReaderActions());
            assertTrue(s.largestQueuedBytes() >= QUEUE_LIMIT, "largest queue " + s.largestQueuedBytes());
            if (expected == SlowReaderAction.CLOSED) {
                // The action is counted before the connection fails; its close frame follows.
                awaitTrue(() -> !metrics.snapshot().closeCodesSent().isEmpty());
                assertEquals(Map.of(CloseCode.POLICY_VIOLATION, 1L), metrics.snapshot().closeCodesSent());
            }
        }
        awaitTrue(() -> metrics.openConnections() == 0);
        assertEquals(0, metrics.queuedBytes(), "a closed connection's queue is gone");
    }

    @Test
    void aFlightRecordingHoldsTheServersEvents() throws Exception {
        List<RecordedEvent> events;
        try (Recording recording = new Recording()) {
            for (String name : List.of("ConnectionOpened", "ConnectionClosed", "UpgradeRefused", "SlowReaderAction",
                    "OversizedMessage")) {
                recording.enable("io.wspy." + name);
            }
            recording.start();
            driveEveryEvent();
            recording.stop();
            Path file = Files.createTempFile("wspy", ".jfr");
            try {
                recording.dump(file);
                events = RecordingFile.readAllEvents(file);
            } finally {
                Files.deleteIfExists(file);
            }
        }
        Map<String, List<RecordedEvent>> byName = events.stream()
                .filter(e -> e.getEventType().getName().startsWith("io.wspy."))
                .collect(Collectors.groupingBy(e -> e.getEventType().getName()));
        assertEquals(2, byName.get("io.wspy.ConnectionOpened").size(), byName.toString());
        List<RecordedEvent> closed = byName.get("io.wspy.ConnectionClosed");
        assertEquals(2, closed.size());
        assertTrue(closed.stream().anyMatch(e -> e.getInt("closeCode") == CloseCode.MESSAGE_TOO_BIG
                && e.getLong("bytesReceived") > 2000 && e.getLong("openFor") > 0), closed.toString());
        assertTrue(closed.stream().anyMatch(e -> e.getLong("bytesSent") >= QUEUE_LIMIT), closed.toString());
        RecordedEvent refused = byName.get("io.wspy.UpgradeRefused").get(0);
        assertEquals(400, refused.getInt("status"));
        RecordedEvent slow = byName.get("io.wspy.SlowReaderAction").get(0);
        assertEquals("CLOSED", slow.getString("action"));
        assertTrue(slow.getLong("queuedBytes") >= QUEUE_LIMIT);
        assertEquals(1, byName.get("io.wspy.OversizedMessage").size());
    }

    /** A refused upgrade, a message over the limit, and a slow reader closed by the policy. */
    private void driveEveryEvent() throws Exception {
        CountingMetrics metrics = CountingMetrics.create();
        WebSocketServer server = fixture.start(ServerKind.ASYNC, FLOODER, b -> b.metrics(metrics)
                .protocol(ProtocolConfig.defaults().withMaxMessageSize(1000))
                .outboundQueue(QUEUE_LIMIT, SlowReaderPolicy.CLOSE));
        try (RawClient bad = new RawClient(server.port())) {
            bad.send("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".replace("\r\n\r\n",
                    "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n\r\n"));
            assertTrue(bad.readHead().startsWith("HTTP/1.1 400"));
        }
        try (RawClient big = RawClient.upgraded(server.port(), "/")) {
            big.send(big.encode(new Frame(true, 0, Opcode.BINARY, ByteBuffer.allocate(3000))));
            awaitTrue(() -> metrics.snapshot().closeCodesSent().containsKey(CloseCode.MESSAGE_TOO_BIG));
        }
        try (RawClient reader = RawClient.upgraded(server.port(), "/")) {
            reader.send(reader.encode(new Frame(true, 0, Opcode.TEXT, ByteBuffer.wrap("flood".getBytes(StandardCharsets.UTF_8)))));
            awaitTrue(() -> !metrics.snapshot().slowReaderActions().isEmpty());
        }
        awaitTrue(() -> metrics.openConnections() == 0);
    }
}

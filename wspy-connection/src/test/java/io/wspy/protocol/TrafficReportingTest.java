package io.wspy.protocol;

import io.wspy.frame.CloseStatus;
import io.wspy.frame.Frame;
import io.wspy.frame.FrameEncoder;
import io.wspy.frame.Opcode;
import io.wspy.frame.Role;
import io.wspy.frame.extension.ExtensionChain;
import io.wspy.metrics.WebSocketMetrics;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * How traffic reaches the metrics: the data messages of one read in one call per opcode once the
 * read is handled; each message sent, and each control frame either way, at once.
 */
class TrafficReportingTest {
    private static final String ANSWER = "answer";

    private final List<String> calls = new ArrayList<>();
    private final WebSocketMetrics metrics = new WebSocketMetrics() {
        @Override
        public synchronized void messagesReceived(int opcode, long messages, long payloadBytes, long wireBytes) {
            calls.add("in " + opcode + " x" + messages + " " + payloadBytes + "/" + wireBytes);
        }

        @Override
        public synchronized void messageSent(int opcode, long payloadBytes, long wireBytes) {
            calls.add("out " + opcode + " " + payloadBytes + "/" + wireBytes);
        }
    };
    private final MemoryTransport transport = new MemoryTransport();
    /** What the listener does with each whole message. */
    private Runnable onMessage = () -> { };
    private final WebSocketProtocol server = new WebSocketProtocol(Role.SERVER,
            ProtocolConfig.defaults().withMetrics(metrics), ExtensionChain.empty(), transport, new ProtocolListener() {
                @Override
                public void onMessageStart(int opcode) {
                }

                @Override
                public void onMessageData(ByteBuffer data) {
                }

                @Override
                public void onMessageEnd() {
                    onMessage.run();
                }

                @Override
                public void onClose(CloseStatus status) {
                }
            });

    @Test
    void theMessagesOfOneReadAreReportedTogetherOnceItIsHandled() {
        server.start();
        List<String> reportedBeforeEachAnswer = new ArrayList<>();
        onMessage = () -> {
            reportedBeforeEachAnswer.add(String.join(", ", calls));
            send(ANSWER);
        };
        server.receive(frames(3, "hello"));
        // In: 3 x (2-byte header + 4-byte key + 5); out: 2-byte header + 6, each.
        assertEquals(List.of("out 1 6/8", "out 1 6/8", "out 1 6/8", "in 1 x3 15/33"), calls);
        assertEquals(List.of("", "out 1 6/8", "out 1 6/8, out 1 6/8"), reportedBeforeEachAnswer);
        server.receive(frames(1, "hi"));
        assertEquals("in 1 x1 2/8", calls.get(calls.size() - 1));
    }

    @Test
    void messagesSentFromAnyThreadAreReportedAtOnce() throws InterruptedException {
        server.start();
        send(ANSWER);
        assertEquals(List.of("out 1 6/8"), calls);
        Thread other = new Thread(() -> send("second"));
        other.start();
        other.join();
        assertEquals(List.of("out 1 6/8", "out 1 6/8"), calls);
    }

    @Test
    void controlFramesAreReportedAtOnceAndDataOnceTheReadIsHandled() {
        server.start();
        ByteBuffer input = ByteBuffer.allocate(64);
        input.put(masked(Opcode.TEXT, "ab")).put(masked(Opcode.PING, "p")).flip();
        onMessage = () -> send(ANSWER);
        server.receive(input);
        // The ping (1 + 6 bytes) is reported as it arrives and its pong as it leaves; the text waits for the read's end.
        assertEquals(List.of("out 1 6/8", "in 9 x1 1/7", "out 10 1/3", "in 1 x1 2/8"), calls);
    }

    private void send(String text) {
        try {
            server.send(new TextMessage(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ByteBuffer frames(int count, String text) {
        ByteBuffer all = ByteBuffer.allocate(count * (6 + text.length()));
        for (int i = 0; i < count; i++) {
            all.put(masked(Opcode.TEXT, text));
        }
        return all.flip();
    }

    private static ByteBuffer masked(int opcode, String text) {
        return new FrameEncoder(Role.CLIENT).encode(
                new Frame(true, 0, opcode, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8))));
    }
}

package io.wspy.server.interop;

import io.wspy.frame.CloseStatus;
import io.wspy.server.testing.TestCertificates;
import io.wspy.server.conformance.EchoServerSpec;
import io.wspy.server.conformance.EchoServerUnderTest;
import io.wspy.server.conformance.ServersUnderTest;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The JDK's {@code java.net.http.WebSocket} client against every server implementation, over TCP
 * and over TLS: the
 * interop exchange (text, binary, fragmented, 8 MiB, 1,000 messages, ping, close with code and
 * reason) checked on both ends. It needs nothing installed, so it runs in the plain build.
 */
@Timeout(120)
class JdkClientTest {
    /** Collects whole messages, pongs and the close. */
    static final class Recorder implements WebSocket.Listener {
        final LinkedBlockingQueue<Object> events = new LinkedBlockingQueue<>();
        private final StringBuilder text = new StringBuilder();
        private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                events.add(text.toString());
                text.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            byte[] chunk = new byte[data.remaining()];
            data.get(chunk);
            binary.writeBytes(chunk);
            if (last) {
                events.add(binary.toByteArray());
                binary.reset();
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket ws, ByteBuffer message) {
            events.add("pong:" + StandardCharsets.UTF_8.decode(message));
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            events.add("close:" + statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            events.add("error:" + error);
        }

        Object next() throws InterruptedException {
            Object e = events.poll(30, TimeUnit.SECONDS);
            if (e == null) {
                throw new AssertionError("the JDK client received nothing within 30 s");
            }
            return e;
        }
    }

    static List<ServersUnderTest.Named> servers() {
        return ServersUnderTest.allWithTls();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void jdkClientAgainstOurServer(ServersUnderTest.Named server) throws Exception {
        try (EchoServerUnderTest echo = server.factory().start(EchoServerSpec.standard())) {
            Recorder r = new Recorder();
            // Trusting the test CA, for the servers over TLS.
            HttpClient http = HttpClient.newBuilder().sslContext(TestCertificates.get().clientContext()).build();
            WebSocket ws = http.newWebSocketBuilder()
                    .buildAsync(echo.uri(), r).get(10, TimeUnit.SECONDS);
            ws.sendText(Exchange.TEXT, true).get();
            assertEquals(Exchange.TEXT, r.next());
            byte[] all = new byte[256];
            for (int i = 0; i < all.length; i++) {
                all[i] = (byte) i;
            }
            ws.sendBinary(ByteBuffer.wrap(all), true).get();
            assertArrayEquals(all, (byte[]) r.next());
            ws.sendText("frag", false).get();
            ws.sendText("men", false).get();
            ws.sendText("ted ✓", true).get();
            assertEquals("fragmented ✓", r.next());
            byte[] large = Exchange.farRepeats(Exchange.LARGE);
            ws.sendBinary(ByteBuffer.wrap(large), true).get();
            assertArrayEquals(large, (byte[]) r.next(), "8 MiB");
            CompletableFuture<WebSocket> sent = CompletableFuture.completedFuture(ws);
            for (int i = 0; i < Exchange.MANY; i++) {
                String m = "message " + i;
                sent = sent.thenCompose(w -> w.sendText(m, true));
            }
            sent.get(30, TimeUnit.SECONDS);
            for (int i = 0; i < Exchange.MANY; i++) {
                assertEquals("message " + i, r.next());
            }
            ws.sendPing(ByteBuffer.wrap("ping from the JDK".getBytes(StandardCharsets.UTF_8))).get();
            assertEquals("pong:ping from the JDK", r.next());
            ws.sendClose(4004, "bye from the JDK").get();
            assertEquals("close:4004", r.next(), "our server echoed the close code");
            assertEquals(new CloseStatus(4004, "bye from the JDK"), echo.awaitClose(PeerPairs.START),
                    "what our server received");
        }
    }
}

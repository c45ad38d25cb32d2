package io.wspy.ssl;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The JDK's {@code java.net.http.WebSocket} over wss:// against our TLS server. */
@Timeout(60)
class JdkClientWssTest {
    private static final TestCertificates CERTS = TestCertificates.get();

    /** Collects what the JDK client receives; whole binary messages are kept. */
    static final class Recorder implements WebSocket.Listener {
        final LinkedBlockingQueue<Object> events = new LinkedBlockingQueue<>();
        private final StringBuilder text = new StringBuilder();
        private ByteBuffer binary = ByteBuffer.allocate(0);

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                events.add("text:" + text);
                text.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            ByteBuffer grown = ByteBuffer.allocate(binary.remaining() + data.remaining());
            binary = grown.put(binary).put(data).flip();
            if (last) {
                byte[] whole = new byte[binary.remaining()];
                binary.get(whole);
                events.add(whole);
                binary = ByteBuffer.allocate(0);
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
            Object e = events.poll(20, TimeUnit.SECONDS);
            if (e == null) {
                throw new AssertionError("nothing received within 20 s");
            }
            return e;
        }
    }

    static WebSocket connect(java.net.URI uri, Recorder recorder) throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(CERTS.client().sslContext()).build();
        return client.newWebSocketBuilder().buildAsync(uri, recorder).get(20, TimeUnit.SECONDS);
    }

    @Test
    void jdkClientExchangesEverythingOverWss() throws Exception {
        try (TlsEchoServer server = new TlsEchoServer(CERTS.server("server-rsa"), WssLoopbackTest.serverOptions())) {
            Recorder recorder = new Recorder();
            WebSocket ws = connect(server.uri("localhost"), recorder);
            ws.sendText("héllo", true).get();
            assertEquals("text:héllo", recorder.next());
            byte[] large = WssLoopbackTest.random(4 << 20);
            ws.sendBinary(ByteBuffer.wrap(large), true).get();
            assertArrayEquals(large, (byte[]) recorder.next());
            ws.sendText("frag", false).get();
            ws.sendText("mented", true).get();
            assertEquals("text:fragmented", recorder.next());
            ws.sendBinary(ByteBuffer.wrap(Arrays.copyOf(large, 1000)), false).get();
            ws.sendBinary(ByteBuffer.wrap(Arrays.copyOfRange(large, 1000, 3000)), true).get();
            assertArrayEquals(Arrays.copyOf(large, 3000), (byte[]) recorder.next());
            ws.sendPing(ByteBuffer.wrap("anyone?".getBytes(StandardCharsets.UTF_8))).get();
            assertEquals("pong:anyone?", recorder.next());
            ws.sendClose(4000, "bye").get();
            assertEquals("close:4000", recorder.next());
            assertEquals("4000 bye", server.nextClose());
            assertEquals(true, server.nextConnection().isSecure());
        }
    }
}

package io.wspy.connection;

import io.wspy.handshake.ServerHandshakeConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.http.HttpClient;
import java.net.http.WebSocket.Listener;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Our server with the JDK's {@code java.net.http.WebSocket} as an independent client. */
@Timeout(30)
class JdkClientInteropTest {
    /** Collects what the JDK client receives, as strings. */
    static final class Recorder implements Listener {
        final LinkedBlockingQueue<String> events = new LinkedBlockingQueue<>();
        private final StringBuilder text = new StringBuilder();
        private ByteBuffer binary = ByteBuffer.allocate(0);

        @Override
        public CompletionStage<?> onText(java.net.http.WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                events.add("text:" + text);
                text.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(java.net.http.WebSocket ws, ByteBuffer data, boolean last) {
            ByteBuffer grown = ByteBuffer.allocate(binary.remaining() + data.remaining());
            binary = grown.put(binary).put(data).flip();
            if (last) {
                events.add("binary:" + binary.remaining());
                binary = ByteBuffer.allocate(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPong(java.net.http.WebSocket ws, ByteBuffer message) {
            events.add("pong:" + java.nio.charset.StandardCharsets.UTF_8.decode(message));
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(java.net.http.WebSocket ws, int statusCode, String reason) {
            events.add("close:" + statusCode + " " + reason);
            return null;
        }

        @Override
        public void onError(java.net.http.WebSocket ws, Throwable error) {
            events.add("error:" + error);
        }

        String next() throws InterruptedException {
            String e = events.poll(10, TimeUnit.SECONDS);
            if (e == null) {
                throw new AssertionError("nothing received within 10 s");
            }
            return e;
        }
    }

    private static java.net.http.WebSocket connect(EchoServerFixture server, Recorder recorder, String... protocols)
            throws Exception {
        java.net.http.WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
        if (protocols.length > 0) {
            builder.subprotocols(protocols[0], java.util.Arrays.copyOfRange(protocols, 1, protocols.length));
        }
        return builder.buildAsync(server.uri("/"), recorder).get(10, TimeUnit.SECONDS);
    }

    @Test
    void textBinaryFragmentedAndPing() throws Exception {
        try (EchoServerFixture server = new EchoServerFixture()) {
            Recorder recorder = new Recorder();
            java.net.http.WebSocket ws = connect(server, recorder);
            ws.sendText("héllo", true).get();
            assertEquals("text:héllo", recorder.next());
            ws.sendBinary(ByteBuffer.allocate(70_000), true).get();
            assertEquals("binary:70000", recorder.next());
            ws.sendText("frag", false).get();
            ws.sendText("mented", true).get();
            assertEquals("text:fragmented", recorder.next());
            ws.sendPing(ByteBuffer.wrap("are you there".getBytes())).get();
            assertEquals("pong:are you there", recorder.next());
            ws.sendClose(4000, "custom").get();
            assertEquals("close:4000 ", recorder.next());
            assertEquals("4000 custom", server.nextClose());
        }
    }

    @Test
    void serverInitiatedCloseCarriesCodeAndReason() throws Exception {
        try (EchoServerFixture server = new EchoServerFixture()) {
            Recorder recorder = new Recorder();
            connect(server, recorder);
            Connection serverSide = awaitConnection(server);
            serverSide.close(1001, "going away");
            assertEquals("close:1001 going away", recorder.next());
        }
    }

    @Test
    void subprotocolIsNegotiated() throws Exception {
        ServerOptions options = ServerOptions.defaults().withHandshake(
                ServerHandshakeConfig.builder().subprotocols("chat.v2", "chat.v1").build());
        try (EchoServerFixture server = new EchoServerFixture(options)) {
            java.net.http.WebSocket ws = connect(server, new Recorder(), "chat.v1", "other");
            assertEquals("chat.v1", ws.getSubprotocol());
            assertEquals("chat.v1", awaitConnection(server).subprotocol());
        }
    }

    static Connection awaitConnection(EchoServerFixture server) throws InterruptedException {
        for (int i = 0; i < 500 && server.connections.isEmpty(); i++) {
            Thread.sleep(10);
        }
        return server.connections.get(0);
    }

}

package io.wspy.ssl;

import io.wspy.ssl.internal.TlsChannel;
import io.wspy.connection.ClientOptions;
import io.wspy.connection.Connection;
import io.wspy.connection.WebSocket;
import io.wspy.extensions.PerMessageDeflate;
import io.wspy.frame.CloseCode;
import io.wspy.frame.Frame;
import io.wspy.frame.FrameEncoder;
import io.wspy.frame.FrameReader;
import io.wspy.frame.Opcode;
import io.wspy.frame.Role;
import io.wspy.handshake.ClientHandshake;
import io.wspy.handshake.ClientHandshakeConfig;
import io.wspy.handshake.ServerHandshakeConfig;
import io.wspy.protocol.BinaryMessage;
import io.wspy.protocol.MessageWriter;
import io.wspy.protocol.TextMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import javax.net.ssl.SSLSocket;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * WebSocket over {@link TlsChannel} in a one-thread selector loop, the way AsyncServer is to run
 * it ({@link WebSocketOverTlsChannel}), against our client, the JDK's client and a hand-driven
 * TLS socket that controls how frames fall into records.
 */
@Timeout(120)
class WebSocketOverTlsChannelTest {
    private static final TestCertificates CERTS = TestCertificates.get();
    private static final ScheduledExecutorService TIMERS = Executors.newSingleThreadScheduledExecutor();

    @AfterAll
    static void stopTimers() {
        TIMERS.shutdownNow();
    }

    private static WebSocketOverTlsChannel.Shared shared(ServerHandshakeConfig handshake) {
        return new WebSocketOverTlsChannel.Shared(handshake, WssLoopbackTest.LARGE, TIMERS);
    }

    private static SelectorTlsServer server(WebSocketOverTlsChannel.Shared shared) throws Exception {
        return new SelectorTlsServer(CERTS.server("server-rsa"), c -> new WebSocketOverTlsChannel(c, shared));
    }

    private static URI uri(SelectorTlsServer server) {
        return URI.create("wss://localhost:" + server.port() + "/");
    }

    @Test
    void ourClientExchangesEverythingAndClosesCleanly() throws Exception {
        WebSocketOverTlsChannel.Shared shared = shared(ServerHandshakeConfig.defaults());
        try (SelectorTlsServer server = server(shared)) {
            Connection client = new Connection(WebSocket.connect(uri(server),
                    WssLoopbackTest.clientOptions(CERTS.client())));
            assertTrue(client.isSecure());
            client.sendText("héllo");
            assertEquals(new TextMessage("héllo"), client.receive());
            byte[] large = WssLoopbackTest.random(4 << 20);
            client.sendBinary(large);
            assertArrayEquals(large, ((BinaryMessage) client.receive()).bytes());
            try (MessageWriter writer = client.beginMessage(Opcode.BINARY)) {
                writer.write(ByteBuffer.wrap(large, 0, 100_000));
                writer.write(ByteBuffer.wrap(large, 100_000, 100_000));
            }
            assertArrayEquals(java.util.Arrays.copyOf(large, 200_000), ((BinaryMessage) client.receive()).bytes());
            client.close(CloseCode.NORMAL_CLOSURE, "done");
            assertEquals(CloseCode.NORMAL_CLOSURE, client.closeStatus().code());
            assertEquals("1000 done", shared.nextClose());
        }
    }

    @Test
    void permessageDeflateOverTheTlsChannel() throws Exception {
        WebSocketOverTlsChannel.Shared shared = shared(ServerHandshakeConfig.builder()
                .extensions(List.of(PerMessageDeflate.builder().build())).build());
        try (SelectorTlsServer server = server(shared)) {
            ClientOptions options = WssLoopbackTest.clientOptions(CERTS.client()).withHandshake(
                    ClientHandshakeConfig.builder().extensions(List.of(PerMessageDeflate.builder().build())).build());
            Connection client = new Connection(WebSocket.connect(uri(server), options));
            assertTrue(client.extensions().startsWith("permessage-deflate"), client.extensions());
            String text = "squeezable ".repeat(200_000);
            client.sendText(text);
            assertEquals(new TextMessage(text), client.receive());
            client.close();
            assertEquals("1000 ", shared.nextClose());
        }
    }

    @Test
    void theJdkClientTalksToIt() throws Exception {
        WebSocketOverTlsChannel.Shared shared = shared(ServerHandshakeConfig.defaults());
        try (SelectorTlsServer server = server(shared)) {
            JdkClientWssTest.Recorder recorder = new JdkClientWssTest.Recorder();
            java.net.http.WebSocket ws = JdkClientWssTest.connect(uri(server), recorder);
            ws.sendText("from the JDK", true).get();
            assertEquals("text:from the JDK", recorder.next());
            byte[] data = WssLoopbackTest.random(1 << 20);
            ws.sendBinary(ByteBuffer.wrap(data), true).get();
            assertArrayEquals(data, (byte[]) recorder.next());
            ws.sendClose(1000, "").get();
            assertEquals("close:1000", recorder.next());
            assertEquals("1000 ", shared.nextClose());
        }
    }

    @Test
    void severalFramesInOneRecordAndOneFrameAcrossManyRecords() throws Exception {
        WebSocketOverTlsChannel.Shared shared = shared(ServerHandshakeConfig.defaults());
        try (SelectorTlsServer server = server(shared);
             SSLSocket socket = CERTS.client().enable(new Socket("127.0.0.1", server.port()), "localhost",
                     server.port())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            ClientHandshake handshake = ClientHandshake.start(uri(server), ClientHandshakeConfig.defaults());
            out.write(handshake.request().toBytes());
            ClientHandshake.Outcome outcome = null;
            ByteBuffer rest = null;
            byte[] buffer = new byte[4096];
            while (outcome == null) {
                int n = in.read(buffer);
                rest = ByteBuffer.wrap(buffer, 0, n);
                outcome = handshake.receive(rest);
            }
            assertInstanceOf(ClientHandshake.Accepted.class, outcome);
            assertEquals(0, rest.remaining());

            // Three frames in one write: SSLSocket puts them in one record, which the server unwraps at once.
            FrameEncoder encoder = new FrameEncoder(Role.CLIENT);
            ByteArrayOutputStream three = new ByteArrayOutputStream();
            for (String word : List.of("one", "two", "three")) {
                write(three, encoder.encode(Frame.text(word)));
            }
            shared.chunkSizes.clear();
            out.write(three.toByteArray());
            // One frame of 100 kB: about seven records.
            byte[] big = WssLoopbackTest.random(100_000);
            write(out, encoder.encode(Frame.binary(big)));

            FrameReader reader = new FrameReader(Role.CLIENT);
            List<Frame> echoed = new ArrayList<>();
            while (echoed.size() < 4) {
                Frame f = reader.poll();
                if (f != null) {
                    echoed.add(f);
                    continue;
                }
                int n = in.read(buffer);
                assertTrue(n > 0, "the server hung up early");
                reader.feed(buffer, 0, n);
            }
            assertEquals(List.of("one", "two", "three"),
                    List.of(echoed.get(0).payloadText(), echoed.get(1).payloadText(), echoed.get(2).payloadText()));
            assertArrayEquals(big, echoed.get(3).payloadBytes());
            assertEquals(three.size(), shared.chunkSizes.get(0), "the three frames came out of one record");
            assertTrue(shared.chunkSizes.size() >= 1 + 100_000 / 16_384,
                    "the big frame came out of several records: " + shared.chunkSizes);
            write(out, encoder.encode(Frame.close(1000, "bye")));
            Frame close = null;
            while (close == null) {
                close = reader.poll();
                if (close == null) {
                    int n = in.read(buffer);
                    assertTrue(n > 0, "the server hung up before its close frame");
                    reader.feed(buffer, 0, n);
                }
            }
            assertEquals(Opcode.CLOSE, close.opcode());
            assertEquals(-1, in.read(), "the server ends TLS after its close frame");
            socket.close();
            assertEquals("1000 bye", shared.nextClose());
        }
    }

    @Test
    void aHundredJdkClientsAtOnce() throws Exception {
        int clients = 100;
        WebSocketOverTlsChannel.Shared shared = shared(ServerHandshakeConfig.defaults());
        try (SelectorTlsServer server = server(shared)) {
            HttpClient http = HttpClient.newBuilder().sslContext(CERTS.client().sslContext()).build();
            List<JdkClientWssTest.Recorder> recorders = new ArrayList<>();
            List<CompletableFuture<java.net.http.WebSocket>> opening = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                JdkClientWssTest.Recorder r = new JdkClientWssTest.Recorder();
                recorders.add(r);
                opening.add(http.newWebSocketBuilder().buildAsync(uri(server), r));
            }
            List<java.net.http.WebSocket> sockets = new ArrayList<>();
            for (CompletableFuture<java.net.http.WebSocket> f : opening) {
                sockets.add(f.get(60, TimeUnit.SECONDS));
            }
            assertEquals(clients, server.open.get());
            for (int i = 0; i < clients; i++) {
                sockets.get(i).sendText("client " + i, true);
            }
            for (int i = 0; i < clients; i++) {
                assertEquals("text:client " + i, recorders.get(i).next());
            }
            for (java.net.http.WebSocket ws : sockets) {
                ws.sendClose(1000, "");
            }
            for (int i = 0; i < clients; i++) {
                assertEquals("1000 ", shared.nextClose());
            }
            assertEquals(clients, server.maxOpen.get());
        }
    }

    private static void write(OutputStream out, ByteBuffer bytes) throws java.io.IOException {
        out.write(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
    }
}

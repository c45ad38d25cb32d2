package io.wspy.ssl;

import io.wspy.connection.ClientOptions;
import io.wspy.connection.Connection;
import io.wspy.connection.ServerOptions;
import io.wspy.connection.Session;
import io.wspy.connection.WebSocket;
import io.wspy.extensions.PerMessageDeflate;
import io.wspy.frame.CloseCode;
import io.wspy.frame.Frame;
import io.wspy.frame.Opcode;
import io.wspy.handshake.ClientHandshakeConfig;
import io.wspy.handshake.ServerHandshakeConfig;
import io.wspy.protocol.BinaryMessage;
import io.wspy.protocol.Message;
import io.wspy.protocol.MessageWriter;
import io.wspy.protocol.ProtocolConfig;
import io.wspy.protocol.TextMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Our wss:// client against our blocking TLS server socket. */
@Timeout(60)
class WssLoopbackTest {
    private static final TestCertificates CERTS = TestCertificates.get();
    static final ProtocolConfig LARGE = ProtocolConfig.defaults().withMaxMessageSize(8 << 20)
            .withMaxFrameSize(8 << 20);

    static ServerOptions serverOptions() {
        return ServerOptions.defaults().withProtocol(LARGE);
    }

    static ClientOptions clientOptions(ClientTls tls) {
        return tls.applyTo(ClientOptions.defaults().withProtocol(LARGE));
    }

    static byte[] random(int size) {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        return data;
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void echoesTextBinaryLargeAndFragmentedThenClosesCleanly(String protocol) throws Exception {
        ServerTls tls = ServerTls.builder(CERTS.key("server-rsa")).protocols(protocol).build();
        try (TlsEchoServer server = new TlsEchoServer(tls, serverOptions())) {
            Connection client = new Connection(WebSocket.connect(server.uri("localhost"),
                    clientOptions(CERTS.client())));
            client.sendText("héllo");
            assertEquals(new TextMessage("héllo"), client.receive());
            byte[] large = random(4 << 20);
            client.sendBinary(large);
            assertArrayEquals(large, ((BinaryMessage) client.receive()).bytes());
            try (MessageWriter writer = client.beginMessage(Opcode.TEXT)) {
                writer.write(ByteBuffer.wrap("frag".getBytes(StandardCharsets.UTF_8)));
                writer.write(ByteBuffer.wrap("mented".getBytes(StandardCharsets.UTF_8)));
            }
            assertEquals(new TextMessage("fragmented"), client.receive());

            Connection serverSide = server.nextConnection();
            for (Session s : List.of(client, serverSide)) {
                assertTrue(s.isSecure());
                assertEquals(protocol, s.sslSession().getProtocol());
            }
            assertEquals("CN=localhost", client.peerCertificates().get(0).getSubjectX500Principal().getName());
            assertEquals(2, client.peerCertificates().size());
            assertEquals(List.of(), serverSide.peerCertificates(), "no client certificate was asked for");

            client.close(CloseCode.NORMAL_CLOSURE, "done");
            assertEquals(CloseCode.NORMAL_CLOSURE, client.closeStatus().code());
            assertEquals("1000 done", server.nextClose());
        }
    }

    @Test
    void serverClosesFirstOverTls() throws Exception {
        try (TlsEchoServer server = new TlsEchoServer(CERTS.server("server-ec"), serverOptions())) {
            Connection client = new Connection(WebSocket.connect(server.uri("localhost"),
                    clientOptions(CERTS.client())));
            CompletableFuture<Message> pulled = CompletableFuture.supplyAsync(client::receive);
            server.nextConnection().close(CloseCode.GOING_AWAY, "bye");
            assertEquals(null, pulled.get(10, TimeUnit.SECONDS));
            assertEquals(CloseCode.GOING_AWAY, client.closeStatus().code());
            assertEquals("bye", client.closeStatus().reason());
            // The client echoes the code (not the reason), and the server reports what it received.
            assertEquals("1001 ", server.nextClose());
        }
    }

    @Test
    void permessageDeflateOverTls() throws Exception {
        ServerOptions options = serverOptions().withHandshake(ServerHandshakeConfig.builder()
                .extensions(List.of(PerMessageDeflate.builder().build())).build());
        try (TlsEchoServer server = new TlsEchoServer(CERTS.server("server-ec"), options)) {
            ClientOptions clientOptions = clientOptions(CERTS.client()).withHandshake(ClientHandshakeConfig.builder()
                    .extensions(List.of(PerMessageDeflate.builder().build())).build());
            Connection client = new Connection(WebSocket.connect(server.uri("localhost"), clientOptions));
            assertTrue(client.extensions().startsWith("permessage-deflate"), client.extensions());
            String text = "a compressible line of text over TLS\n".repeat(100_000);
            client.sendText(text);
            assertEquals(new TextMessage(text), client.receive());
            byte[] noise = random(1 << 20);
            client.sendBinary(noise);
            assertArrayEquals(noise, ((BinaryMessage) client.receive()).bytes());
            client.close();
            assertEquals("1000 ", server.nextClose());
        }
    }

    @Test
    void wssOnAPlainSocketGetsTls() throws Exception {
        try (TlsEchoServer server = new TlsEchoServer(CERTS.server("server-rsa"), serverOptions())) {
            Socket plain = new Socket("127.0.0.1", server.port());
            WebSocket ws = WebSocket.upgradeClient(plain, server.uri("localhost"), clientOptions(CERTS.client()));
            assertTrue(ws.isSecure());
            ws.send(Frame.text("over TLS"));
            assertEquals("over TLS", ws.recv().payloadText());
            ws.close();
        }
    }

    @Test
    void tlsIsEnabledOnPlainSocketsBeforeTheHandshakeAndRefusedAfter() throws Exception {
        ServerTls serverTls = CERTS.server("server-ec");
        try (ServerSocket listening = new ServerSocket()) {
            listening.bind(new InetSocketAddress("127.0.0.1", 0));
            CompletableFuture<SocketEndpoint> accepted = CompletableFuture.supplyAsync(() -> {
                try {
                    return new SocketEndpoint(listening.accept()).enableTls(serverTls);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            SocketEndpoint client = new SocketEndpoint(new Socket("127.0.0.1", listening.getLocalPort()));
            assertFalse(client.isSecure());
            CompletableFuture<WebSocket> clientSide = CompletableFuture.supplyAsync(() -> {
                try {
                    return client.enableTls(CERTS.client(), "localhost", listening.getLocalPort())
                            .upgradeClient(java.net.URI.create("wss://localhost/"), ClientOptions.defaults());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            SocketEndpoint server = accepted.get(10, TimeUnit.SECONDS);
            assertTrue(server.isSecure());
            try (WebSocket serverWs = server.upgradeServer(ServerOptions.defaults());
                 WebSocket clientWs = clientSide.get(10, TimeUnit.SECONDS)) {
                assertTrue(serverWs.isSecure());
                assertTrue(clientWs.isSecure());
                clientWs.send(Frame.text("hello"));
                assertEquals("hello", serverWs.recv().payloadText());

                IllegalStateException after = assertThrows(IllegalStateException.class,
                        () -> server.enableTls(serverTls));
                assertTrue(after.getMessage().contains("before the WebSocket handshake"), after.getMessage());
                assertThrows(IllegalStateException.class,
                        () -> client.enableTls(CERTS.client(), "localhost", 1));
                assertThrows(IllegalStateException.class, () -> server.upgradeServer(ServerOptions.defaults()));
            }
        }
    }

    @Test
    void tlsCannotBeEnabledTwice() throws Exception {
        try (ServerSocket listening = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
             Socket socket = new Socket(listening.getInetAddress(), listening.getLocalPort());
             Socket other = listening.accept()) {
            SocketEndpoint endpoint = new SocketEndpoint(other).enableTls(CERTS.server("server-ec"));
            IllegalStateException twice = assertThrows(IllegalStateException.class,
                    () -> endpoint.enableTls(CERTS.server("server-ec")));
            assertEquals("TLS is already enabled on this socket", twice.getMessage());
            assertTrue(socket.isConnected());
        }
        assertThrows(IllegalArgumentException.class, () -> new SocketEndpoint(new Socket()));
    }
}

package io.wspy.server;

import io.wspy.connection.ClientOptions;
import io.wspy.connection.Connection;
import io.wspy.connection.Session;
import io.wspy.connection.WebSocket;
import io.wspy.extensions.PerMessageDeflate;
import io.wspy.frame.CloseCode;
import io.wspy.frame.Opcode;
import io.wspy.handshake.ClientHandshakeConfig;
import io.wspy.handshake.HandshakeException;
import io.wspy.handshake.ServerHandshakeConfig;
import io.wspy.handshake.Upgrade;
import io.wspy.protocol.BinaryMessage;
import io.wspy.protocol.Message;
import io.wspy.protocol.MessageWriter;
import io.wspy.protocol.ProtocolConfig;
import io.wspy.protocol.TextMessage;
import io.wspy.ssl.ClientAuth;
import io.wspy.ssl.ClientTls;
import io.wspy.ssl.ServerTls;
import io.wspy.server.testing.TestCertificates;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static io.wspy.server.Recorder.next;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Both servers over TLS: {@code wss://} with our client and the JDK's, large, fragmented and
 * compressed messages, mutual TLS with the client's certificate seen by the handler, many clients
 * at once, and a client that stalls in the TLS handshake.
 */
@Timeout(120)
class TlsServerTest {
    private static final TestCertificates CERTS = TestCertificates.get();
    private static final ProtocolConfig LARGE = ProtocolConfig.defaults().withMaxMessageSize(8 << 20)
            .withMaxFrameSize(8 << 20);

    @RegisterExtension
    final ServerFixture fixture = new ServerFixture();
    private final Recorder handler = fixture.handler;
    private WebSocketServer server;

    static Stream<Arguments> kindsAndProtocols() {
        return Stream.of(ServerKind.values()).flatMap(kind -> Stream.of("TLSv1.3", "TLSv1.2")
                .map(protocol -> Arguments.of(kind, protocol)));
    }

    private WebSocketServer start(ServerKind kind, ServerTls tls) throws Exception {
        return start(kind, tls, b -> b);
    }

    private WebSocketServer start(ServerKind kind, ServerTls tls, UnaryOperator<ServerConfig.Builder> options)
            throws Exception {
        server = fixture.start(kind, handler, b -> options.apply(b.tls(tls).protocol(LARGE)));
        return server;
    }

    private URI uri() {
        return URI.create("wss://127.0.0.1:" + server.port() + "/");
    }

    private Connection connect(ClientOptions options) throws IOException {
        Connection c = new Connection(WebSocket.connect(uri(), options.withProtocol(LARGE)));
        fixture.closeAfter(c.webSocket());
        return c;
    }

    private Connection connect(ClientTls tls) throws IOException {
        return connect(tls.applyTo(ClientOptions.defaults()));
    }

    private static byte[] random(int size) {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        return data;
    }

    private static String subject(X509Certificate c) {
        return c.getSubjectX500Principal().getName();
    }

    // ---------------------------------------------------------------- our client

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("kindsAndProtocols")
    void ourClientExchangesTextBinaryLargeAndFragmentedMessages(ServerKind kind, String protocol) throws Exception {
        start(kind, ServerTls.builder(CERTS.key("server")).protocols(protocol).build());
        Connection client = connect(CERTS.client());
        client.sendText("héllo over TLS");
        assertEquals(new TextMessage("héllo over TLS"), client.receive());
        byte[] large = random(4 << 20);
        client.sendBinary(large);
        assertArrayEquals(large, ((BinaryMessage) client.receive()).bytes(), "4 MiB");
        try (MessageWriter writer = client.beginMessage(Opcode.TEXT)) {
            writer.write(ByteBuffer.wrap("frag".getBytes(StandardCharsets.UTF_8)));
            writer.write(ByteBuffer.wrap("men".getBytes(StandardCharsets.UTF_8)));
            writer.write(ByteBuffer.wrap("ted".getBytes(StandardCharsets.UTF_8)));
        }
        assertEquals(new TextMessage("fragmented"), client.receive());
        // A burst larger than what an AsyncServer holds for a busy handler: reading pauses and resumes.
        List<byte[]> burst = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            burst.add(random((512 << 10) + i));
            client.sendBinary(burst.get(i));
        }
        for (byte[] sent : burst) {
            assertArrayEquals(sent, ((BinaryMessage) client.receive()).bytes());
        }

        Session session = next(handler.opened);
        assertTrue(session.isSecure());
        assertEquals(protocol, session.sslSession().getProtocol());
        assertEquals(List.of(), session.peerCertificates(), "no client certificate was asked for");
        assertEquals(protocol, client.sslSession().getProtocol());
        assertEquals("CN=localhost", subject(client.peerCertificates().get(0)));

        client.close(CloseCode.NORMAL_CLOSURE, "done");
        assertEquals(CloseCode.NORMAL_CLOSURE, client.closeStatus().code());
        assertEquals("1000 done", next(handler.closes));
        assertTrue(handler.errors.isEmpty(), handler.errors.toString());
    }

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void permessageDeflateOverTls(ServerKind kind) throws Exception {
        start(kind, CERTS.server(), b -> b.handshake(ServerHandshakeConfig.builder()
                .extensions(List.of(PerMessageDeflate.builder().build())).build()));
        Connection client = connect(CERTS.clientOptions().withHandshake(ClientHandshakeConfig.builder()
                .extensions(List.of(PerMessageDeflate.builder().build())).build()));
        assertTrue(client.extensions().startsWith("permessage-deflate"), client.extensions());
        String text = "a compressible line of text over TLS\n".repeat(100_000);
        client.sendText(text);
        assertEquals(new TextMessage(text), client.receive());
        byte[] noise = random(1 << 20);
        client.sendBinary(noise);
        assertArrayEquals(noise, ((BinaryMessage) client.receive()).bytes());
        assertTrue(next(handler.opened).extensions().startsWith("permessage-deflate"));
        client.close();
        assertEquals("1000 ", next(handler.closes));
    }

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void stopSendsGoingAwayOverTls(ServerKind kind) throws Exception {
        start(kind, CERTS.server());
        Connection client = connect(CERTS.client());
        next(handler.opened);
        CompletableFuture<Message> pulled = CompletableFuture.supplyAsync(client::receive);
        server.stop();
        assertNull(pulled.get(10, TimeUnit.SECONDS));
        assertEquals(CloseCode.GOING_AWAY, client.closeStatus().code());
        assertEquals("1001 ", next(handler.closes), "the client echoed the code");
    }

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void plainConnectionsSayTheyAreNotSecure(ServerKind kind) throws Exception {
        server = fixture.start(kind, handler, b -> b);
        Connection client = new Connection(WebSocket.connect(URI.create("ws://127.0.0.1:" + server.port() + "/")));
        fixture.closeAfter(client.webSocket());
        client.sendText("plain");
        assertEquals(new TextMessage("plain"), client.receive());
        Session session = next(handler.opened);
        assertFalse(session.isSecure());
        assertNull(session.sslSession());
        assertEquals(List.of(), session.peerCertificates());
    }

    // ---------------------------------------------------------------- the JDK's client

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void jdkClientOverWss(ServerKind kind) throws Exception {
        start(kind, CERTS.server());
        HttpClient http = HttpClient.newBuilder().sslContext(CERTS.clientContext()).build();
        JdkClient client = new JdkClient();
        client.socket = http.newWebSocketBuilder().buildAsync(uri(), client).get(10, TimeUnit.SECONDS);
        client.socket.sendText("Hello, World!", true).join();
        assertEquals("Hello, World!", client.next());
        byte[] data = random(1 << 20);
        client.socket.sendBinary(ByteBuffer.wrap(data), true).join();
        assertArrayEquals(data, (byte[]) client.next());
        client.socket.sendText("frag", false).join();
        client.socket.sendText("mented", true).join();
        assertEquals("fragmented", client.next());
        assertTrue(next(handler.opened).isSecure());
        client.socket.sendClose(4000, "bye").join();
        assertEquals("4000 ", client.awaitClose());
        assertEquals("4000 bye", next(handler.closes));
    }

    // ---------------------------------------------------------------- mutual TLS

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void theUpgradeHookReadsTheClientCertificate(ServerKind kind) throws Exception {
        start(kind, CERTS.server(ClientAuth.REQUEST),
                b -> b.upgrade(request -> request.peerCertificates().isEmpty()
                        ? Upgrade.reject(403, "a client certificate is required")
                        : Upgrade.accept().withAttachment(subject(request.peerCertificates().get(0)))));
        Connection client = connect(CERTS.client("client"));
        assertEquals("CN=wspy test client", next(handler.opened).attachment());
        client.close();
        HandshakeException refused = assertThrows(HandshakeException.class,
                () -> connect(CERTS.client()));
        assertEquals(403, refused.status());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("kindsAndProtocols")
    void aRequiredClientCertificateIsSeenByTheHandler(ServerKind kind, String protocol) throws Exception {
        start(kind, ServerTls.builder(CERTS.key("server")).protocols(protocol)
                .clientAuth(ClientAuth.REQUIRE, CERTS.caTrust()).build());
        Connection client = connect(CERTS.client("client"));
        client.sendText("it is me");
        assertEquals(new TextMessage("it is me"), client.receive());
        Session session = next(handler.opened);
        List<X509Certificate> chain = session.peerCertificates();
        assertEquals("CN=wspy test client", subject(chain.get(0)));
        assertEquals("CN=wspy-server Test CA", subject(chain.get(1)));
        assertEquals("CN=wspy test client", session.sslSession().getPeerPrincipal().getName());
        client.close();
        assertEquals("1000 ", next(handler.closes));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("kindsAndProtocols")
    void clientsWithoutATrustedCertificateAreRefused(ServerKind kind, String protocol) throws Exception {
        start(kind, ServerTls.builder(CERTS.key("server")).protocols(protocol)
                .clientAuth(ClientAuth.REQUIRE, CERTS.caTrust()).build());
        assertRefused(() -> connect(CERTS.client()));
        SSLContext rogue = CERTS.insisting("rogue");
        assertRefused(() -> connect(ClientOptions.defaults().withSslContext(rogue)));
        assertTrue(handler.opened.isEmpty(), "no refused client reached onOpen");
        Connection good = connect(CERTS.client("client"));
        good.sendText("still serving");
        assertEquals(new TextMessage("still serving"), good.receive());
        assertEquals("CN=wspy test client", subject(next(handler.opened).peerCertificates().get(0)));
    }

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void aRequestedCertificateIsOptional(ServerKind kind) throws Exception {
        start(kind, CERTS.server(ClientAuth.REQUEST));
        Connection anonymous = connect(CERTS.client());
        anonymous.sendText("anonymous");
        assertEquals(new TextMessage("anonymous"), anonymous.receive());
        assertEquals(List.of(), next(handler.opened).peerCertificates());
        Connection known = connect(CERTS.client("client"));
        known.sendText("known");
        assertEquals(new TextMessage("known"), known.receive());
        assertEquals("CN=wspy test client", subject(next(handler.opened).peerCertificates().get(0)));
    }

    /**
     * The TLS handshake fails: depending on timing the client reads the server's alert, or finds
     * the connection gone while it writes; either way no WebSocket handshake took place.
     */
    private static void assertRefused(Executable connect) {
        IOException e = assertThrows(IOException.class, connect);
        assertTrue(e instanceof SSLException || e instanceof SocketException, e.toString());
        assertFalse(e instanceof HandshakeException, e.toString());
    }

    // ---------------------------------------------------------------- load and stalls

    @ParameterizedTest
    @EnumSource(value = ServerKind.class, names = {"ASYNC", "ASYNC_OFF_LOOP"})
    void manyConcurrentTlsClients(ServerKind kind) throws Exception {
        int clients = 200;
        int messages = 3;
        start(kind, CERTS.server());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Connection>> opening = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                opening.add(pool.submit(() -> connect(CERTS.client())));
            }
            List<Connection> open = new ArrayList<>();
            for (Future<Connection> f : opening) {
                open.add(f.get(60, TimeUnit.SECONDS));
            }
            for (int i = 0; i < clients; i++) {
                next(handler.opened);
            }
            assertEquals(clients, server.clients().size(), "every client is connected at once");
            List<Future<?>> talking = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                Connection c = open.get(i);
                String name = "client " + i;
                talking.add(pool.submit(() -> {
                    for (int m = 0; m < messages; m++) {
                        c.sendText(name + " says " + m);
                    }
                    for (int m = 0; m < messages; m++) {
                        assertEquals(new TextMessage(name + " says " + m), c.receive());
                    }
                    c.close();
                    return null;
                }));
            }
            for (Future<?> f : talking) {
                f.get(60, TimeUnit.SECONDS);
            }
            for (int i = 0; i < clients; i++) {
                assertEquals("1000 ", next(handler.closes));
            }
            assertEquals(clients * messages, handler.messages.size());
            assertTrue(handler.errors.isEmpty(), handler.errors.toString());
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void aClientStalledInTheTlsHandshakeIsDroppedAtTheTimeout(ServerKind kind) throws Exception {
        start(kind, CERTS.server(), b -> b.handshakeTimeout(Duration.ofSeconds(1)));
        try (Socket trickler = new Socket("127.0.0.1", server.port());
             SSLSocket silent = (SSLSocket) CERTS.clientContext().getSocketFactory()
                     .createSocket("127.0.0.1", server.port())) {
            CompletableFuture<Integer> trickled = CompletableFuture.supplyAsync(() -> trickle(trickler));
            // TLS done, but the HTTP upgrade never comes: the same timeout covers both.
            silent.startHandshake();

            Connection other = connect(CERTS.client());
            other.sendText("served meanwhile");
            assertEquals(new TextMessage("served meanwhile"), other.receive());

            trickler.setSoTimeout(30_000);
            drain(trickler.getInputStream());
            assertFalse(trickled.isDone(), "cut off long before the end of the trickle");
            silent.setSoTimeout(30_000);
            drain(silent.getInputStream());
            assertEquals(-1, trickled.get(20, TimeUnit.SECONDS), "the trickler's writes fail once cut off");
            assertEquals(1, server.clients().size(), "only the client that completed its handshake is a client");
        }
    }

    private static final int TRICKLE_BYTES = 100;

    /** Sends a TLS record header promising 512 bytes, then one byte every 100 ms; -1 once cut off. */
    private static int trickle(Socket socket) {
        try {
            OutputStream out = socket.getOutputStream();
            out.write(new byte[] {0x16, 0x03, 0x01, 0x02, 0x00});
            for (int sent = 0; sent < TRICKLE_BYTES; sent++) {
                Thread.sleep(100);
                out.write(1);
                out.flush();
            }
            return TRICKLE_BYTES;
        } catch (IOException closedByServer) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -2;
        }
    }

    /** Reads until the server ends the connection (an alert, close_notify or a reset may come first). */
    private static void drain(InputStream in) throws IOException {
        byte[] buffer = new byte[1024];
        try {
            int n;
            do {
                n = in.read(buffer);
            } while (n >= 0);
        } catch (SSLException | SocketException endedByServer) {
            // Ended all the same.
        }
    }
}

package io.wspy.server;

import io.wspy.connection.ClientOptions;
import io.wspy.connection.Connection;
import io.wspy.connection.Session;
import io.wspy.frame.CloseCode;
import io.wspy.frame.Frame;
import io.wspy.frame.Opcode;
import io.wspy.handshake.BasicAuthenticator;
import io.wspy.handshake.ClientHandshakeConfig;
import io.wspy.handshake.Credentials;
import io.wspy.handshake.HttpHeaders;
import io.wspy.handshake.HttpResponse;
import io.wspy.handshake.PasswordLookup;
import io.wspy.handshake.ServerHandshakeConfig;
import io.wspy.protocol.BinaryMessage;
import io.wspy.protocol.Message;
import io.wspy.protocol.ProtocolConfig;
import io.wspy.protocol.TextMessage;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import static io.wspy.server.Recorder.next;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** One suite, every server: each test runs against the threaded Server and AsyncServer (on and off its loops). */
@Timeout(60)
class ServerIntegrationTest {
    @RegisterExtension
    final ServerFixture fixture = new ServerFixture();
    private final Recorder handler = fixture.handler;
    private WebSocketServer server;

    private WebSocketServer start(ServerKind kind) throws Exception {
        return start(kind, b -> b);
    }

    private WebSocketServer start(ServerKind kind, UnaryOperator<ServerConfig.Builder> options) throws Exception {
        server = fixture.start(kind, handler, options);
        return server;
    }

    private URI uri(String path) {
        return URI.create("ws://127.0.0.1:" + server.port() + path);
    }

    private RawClient raw(String path) throws IOException {
        RawClient c = RawClient.upgraded(server.port(), path);
        fixture.closeAfter(c);
        return c;
    }

    private Connection ours(String path) throws IOException {
        Connection c = new Connection(io.wspy.connection.WebSocket.connect(uri(path)));
        fixture.closeAfter(c.webSocket());
        return c;
    }

    // ---------------------------------------------------------------- the JDK's client

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void jdkClientGetsTextAndBinaryEchoed(ServerKind kind) throws Exception {
        start(kind);
        JdkClient client = JdkClient.connect(uri("/"));
        client.socket.sendText("Hello, World!", true).join();
        assertEquals("Hello, World!", client.next());
        byte[] data = new byte[100_000];
        new java.util.Random(1).nextBytes(data);
        client.socket.sendBinary(ByteBuffer.wrap(data), true).join();
        assertArrayEquals(data, (byte[]) client.next());
        Session session = next(handler.opened);
        assertEquals("/", session.request().path());
        assertNull(session.subprotocol());
    }

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void aServerThatKeepsNoUpgradeRequestAnswersItOnlyInOnOpen(ServerKind kind) throws Exception {
        CompletableFuture<String> pathInOnOpen = new CompletableFuture<>();
        Recorder reading = new Recorder() {
            @Override
            public void onOpen(Session client) {
                pathInOnOpen.complete(client.request().path() + "?" + client.request().query());
                super.onOpen(client);
            }
        };
        server = fixture.start(kind, reading, b -> b.keepUpgradeRequest(false));
        Connection client = ours("/room/7?user=ann");
        client.send(new TextMessage("after open"));
        assertEquals("after open", ((TextMessage) client.receive()).text());
        assertEquals("/room/7?user=ann", pathInOnOpen.get(10, TimeUnit.SECONDS));
        Session session = next(reading.opened);
        IllegalStateException e = assertThrows(IllegalStateException.class, session::request);
        assertTrue(e.getMessage().contains("keepUpgradeRequest(false)"), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void largeMessagesSpanningManyReadsAndWritesAreEchoedWhole(ServerKind kind) throws Exception {
        start(kind, b -> b.protocol(ProtocolConfig.defaults().withMaxMessageSize(4 << 20).withMaxFrameSize(4 << 20)));
        JdkClient client = JdkClient.connect(uri("/"));
        java.util.Random random = new java.util.Random(19);
        // Around the size from which a message's payload is queued by reference, a message read
        // in many pieces, and one larger than the NIO loop's write staging buffer.
        int[] sizes = {16 * 1024, 4095, 4096, (1 << 20) + 3, 100, (3 << 20) + 7, 64 * 1024 + 1};
        List<byte[]> sent = new ArrayList<>();
        for (int size : sizes) {
            byte[] data = new byte[size];
            random.nextBytes(data);
            sent.add(data);
            client.socket.sendBinary(ByteBuffer.wrap(data), true).join();
        }
        for (byte[] data : sent) {
            assertArrayEquals(data, ((BinaryMessage) next(handler.messages)).bytes(), "received by the server");
            assertArrayEquals(data, (byte[]) client.next(), "echoed, " + data.length + " bytes");
        }
    }

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void fragmentedMessageArrivesWhole(ServerKind kind) throws Exception {
        start(kind);
        JdkClient client = JdkClient.connect(uri("/"));
        client.socket.sendText("frag", false).join();
        client.socket.sendText("men", false).join();
        client.socket.sendText("ted", true).join();
        assertEquals(new TextMessage("fragmented"), next(handler.messages));
        assertEquals("fragmented", client.next());
    }

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void pingsAndPongsBothWays(ServerKind kind) throws Exception {
        start(kind);
        JdkClient client = JdkClient.connect(uri("/"));
        client.socket.sendPing(ByteBuffer.wrap("from client".getBytes(StandardCharsets.UTF_8))).join();
        assertEquals("from client", next(client.pongs), "the server answers a ping");
        assertEquals("from client", next(handler.pings));
        next(handler.opened).ping("from server".getBytes(StandardCharsets.UTF_8));
        assertEquals("from server", next(handler.pongs), "the JDK client answers the server's ping");
    }

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void closeCodesAndReasonsTravelBothWays(ServerKind kind) throws Exception {
        start(kind);
        JdkClient first = JdkClient.connect(uri("/"));
        next(handler.opened);
        first.socket.sendClose(4000, "client done").join();
        assertEquals("4000 client done", next(handler.closes));
        assertEquals("4000 ", first.awaitClose().substring(0, 5), "the server echoes the code");

        JdkClient second = JdkClient.connect(uri("/"));
        next(handler.opened).close(4001, "server done");
        assertEquals("4001 server done", second.awaitClose());
        assertEquals("4001 ", next(handler.closes), "the server reports the client's echo");
    }

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void subprotocolIsNegotiated(ServerKind kind) throws Exception {
        start(kind, b -> b.handshake(ServerHandshakeConfig.builder().subprotocols("chat", "superchat").build()));
        JdkClient client = JdkClient.connect(uri("/"), "superchat", "other");
        assertEquals("superchat", client.socket.getSubprotocol());
        assertEquals("superchat", next(handler.opened).subprotocol());
    }

    // ---------------------------------------------------------------- our own client

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void ownClientExchangesMessagesFromManyThreads(ServerKind kind) throws Exception {
        start(kind);
        Connection client = ours("/mine?x=1");
        int threads = 4;
        int each = 50;
        List<Thread> senders = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread sender = new Thread(() -> {
                for (int i = 0; i < each; i++) {
                    try {
                        client.sendText(id + ":" + i);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            });
            senders.add(sender);
            sender.start();
        }
        for (Thread s : senders) {
            s.join();
        }
        int[] nextPerSender = new int[threads];
        for (int i = 0; i < threads * each; i++) {
            String[] parts = ((TextMessage) client.receive()).text().split(":");
            int id = Integer.parseInt(parts[0]);
            assertEquals(nextPerSender[id]++, Integer.parseInt(parts[1]), "each sender's messages stay in order");
        }
        assertEquals("/mine", next(handler.opened).request().path());
        client.close(CloseCode.NORMAL_CLOSURE, "bye");
        assertEquals(CloseCode.NORMAL_CLOSURE, client.closeStatus().code());
        assertEquals("1000 bye", next(handler.closes));
    }

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void thousandConcurrentClientsLoseNothing(ServerKind kind) throws Exception {
        start(kind, b -> b.keepalive(Duration.ZERO, Duration.ZERO));
        int clients = 1000;
        int messages = 3;
        List<CompletableFuture<JdkClient>> connecting = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            connecting.add(JdkClient.connectAsync(uri("/")));
        }
        List<JdkClient> connected = new ArrayList<>();
        for (CompletableFuture<JdkClient> f : connecting) {
            connected.add(f.get(30, TimeUnit.SECONDS));
        }
        for (int i = 0; i < clients; i++) {
            for (int m = 0; m < messages; m++) {
                connected.get(i).socket.sendText(i + "/" + m, true).join();
            }
        }
        for (int i = 0; i < clients; i++) {
            for (int m = 0; m < messages; m++) {
                assertEquals(i + "/" + m, connected.get(i).next());
            }
        }
        assertEquals(clients * messages, handler.messages.size());
        assertEquals(clients, server.clients().size());
        for (JdkClient c : connected) {
            c.socket.sendClose(CloseCode.NORMAL_CLOSURE, "");
        }
        for (int i = 0; i < clients; i++) {
            assertEquals("1000 ", next(handler.closes));
        }
    }

    // ---------------------------------------------------------------- misbehaving clients

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void clientVanishingMidFrameIsReportedAsAbnormal(ServerKind kind) throws Exception {
        start(kind);
        RawClient client = raw("/");
        byte[] frame = client.encode(Frame.text("this frame never finishes"));
        client.send(java.util.Arrays.copyOf(frame, 10));
        client.socket.setSoLinger(true, 0);
        client.close();
        assertEquals(CloseCode.ABNORMAL_CLOSURE + " ", next(handler.closes));
        JdkClient other = JdkClient.connect(uri("/"));
        other.socket.sendText("still serving", true).join();
        assertEquals("still serving", other.next());
    }

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void halfClosingClientStillGetsItsEcho(ServerKind kind) throws Exception {
        start(kind);
        RawClient client = raw("/");
        client.send(Frame.text("last words"));
        client.socket.shutdownOutput();
        Frame echo = client.readFrame();
        assertEquals("last words", echo.payloadText());
        assertNull(client.readFrame(), "then the server closes the connection");
        assertEquals(CloseCode.ABNORMAL_CLOSURE + " ", next(handler.closes));
    }

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void protocolViolationClosesWith1002(ServerKind kind) throws Exception {
        start(kind);
        RawClient client = raw("/");
        client.send(new byte[] {(byte) 0x81, 0x02, 'h', 'i'});
        Frame close = client.readFrame();
        assertEquals(Opcode.CLOSE, close.opcode());
        assertEquals(CloseCode.PROTOCOL_ERROR, close.payload().getShort(0));
        client.close();
        assertInstanceOf(io.wspy.frame.ProtocolException.class, next(handler.errors));
        assertTrue(next(handler.closes).startsWith("1002 "));
    }

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void failingHandlerClosesItsClientWith1011Only(ServerKind kind) throws Exception {
        WebSocketHandler failing = new Recorder() {
            @Override
            public void onMessage(Session client, Message message) {
                if (message instanceof TextMessage && ((TextMessage) message).text().equals("boom")) {
                    throw new IllegalStateException("handler bug");
                }
                super.onMessage(client, message);
            }

            @Override
            public void onError(Session client, Throwable error) {
                handler.errors.add(error);
            }
        };
        server = fixture.start(kind, failing, b -> b);
        JdkClient victim = JdkClient.connect(uri("/"));
        JdkClient bystander = JdkClient.connect(uri("/"));
        victim.socket.sendText("boom", true).join();
        assertEquals("1011 internal error", victim.awaitClose());
        assertEquals("handler bug", next(handler.errors).getMessage());
        bystander.socket.sendText("fine", true).join();
        assertEquals("fine", bystander.next());
    }

    // ---------------------------------------------------------------- slow readers

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void slowReaderGetsEverythingOrIsClosedBySpecifiedPolicy(ServerKind kind) throws Exception {
        int limit = 64 * 1024;
        start(kind, b -> b.outboundQueue(limit, SlowReaderPolicy.CLOSE)
                .protocol(ProtocolConfig.defaults().withCloseTimeout(Duration.ofMillis(300))));
        RawClient client = raw("/");
        Session session = next(handler.opened);
        byte[] chunk = new byte[8 * 1024];
        if (kind == ServerKind.THREADED) {
            // No queue: the sender blocks until the client reads, and nothing is lost.
            int count = 2000;
            Thread sender = new Thread(() -> {
                try {
                    for (int i = 0; i < count; i++) {
                        session.sendBinary(chunk.clone());
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            sender.start();
            for (int i = 0; i < count; i++) {
                assertEquals(chunk.length, client.readFrame().length());
            }
            sender.join();
            assertEquals(0, session.bufferedAmount());
            return;
        }
        // AsyncServer: the queue fills up (the client reads nothing) and the client is closed with 1008.
        int sent = 0;
        try {
            while (true) {
                session.sendBinary(chunk.clone());
                sent++;
                assertTrue(session.bufferedAmount() <= limit + chunk.length + 14, "queue stays bounded");
            }
        } catch (io.wspy.protocol.ConnectionClosedException expected) {
            assertEquals(CloseCode.POLICY_VIOLATION, expected.status().code());
        }
        assertTrue(sent >= limit / chunk.length, "the queue took at least its limit: " + sent);
        assertEquals("1008 outbound queue full", next(handler.closes));
    }

    // ---------------------------------------------------------------- life cycle and limits

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void stopClosesEveryClientWith1001(ServerKind kind) throws Exception {
        start(kind);
        JdkClient jdk = JdkClient.connect(uri("/"));
        Connection own = ours("/");
        next(handler.opened);
        next(handler.opened);
        CompletableFuture<Message> ownReceives = CompletableFuture.supplyAsync(own::receive);
        server.stop();
        assertEquals("1001 server shutting down", jdk.awaitClose());
        assertNull(ownReceives.get(Recorder.WAIT_SECONDS, TimeUnit.SECONDS), "our client sees the end");
        assertEquals(CloseCode.GOING_AWAY, own.closeStatus().code());
        assertEquals("1001 ", next(handler.closes), "the clients echo the code");
        assertEquals("1001 ", next(handler.closes));
        assertTrue(server.clients().isEmpty());
        assertThrows(java.net.ConnectException.class, () -> new java.net.Socket("127.0.0.1", server.port()).close());
    }

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void plainHttpIsServedOnTheSamePort(ServerKind kind) throws Exception {
        start(kind, b -> b.httpHandler(request -> new HttpResponse("HTTP/1.1", 200, "OK",
                HttpHeaders.of("Content-Type", "text/plain", "Content-Length", "5", "Connection", "close"),
                "hello".getBytes(StandardCharsets.US_ASCII))));
        java.net.http.HttpResponse<String> page = JdkClient.HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/page")).build(),
                BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertEquals("hello", page.body());
        JdkClient ws = JdkClient.connect(uri("/"));
        ws.socket.sendText("and WebSockets", true).join();
        assertEquals("and WebSockets", ws.next());
    }

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void defaultHttpAnswerIs426(ServerKind kind) throws Exception {
        start(kind);
        try (RawClient c = new RawClient(server.port())) {
            c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
            assertTrue(c.readHead().startsWith("HTTP/1.1 426 "));
        }
    }

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void failedHandshakesAreAnsweredWithTheirStatus(ServerKind kind) throws Exception {
        start(kind, b -> b.handshake(ServerHandshakeConfig.builder().paths("/ws").trustedOrigins("http://good.example")
                .authenticator(new BasicAuthenticator("test", user -> user.equals("ann") ? "secret" : null)).build()));
        assertEquals(404, status(RawClient.upgradeRequest("/elsewhere", "Origin: http://good.example\r\n")));
        assertEquals(403, status(RawClient.upgradeRequest("/ws", "Origin: http://evil.example\r\n")));
        assertEquals(401, status(RawClient.upgradeRequest("/ws", "Origin: http://good.example\r\n")));
        assertEquals(426, status(RawClient.upgradeRequest("/ws", "").replace("Version: 13", "Version: 8")));
        assertEquals(400, status(RawClient.upgradeRequest("/ws", "").replace(RawClient.KEY, "short")));
        assertEquals(431, status(RawClient.upgradeRequest("/ws", "X-Big: " + "x".repeat(9000) + "\r\n")));

        ClientOptions options = ClientOptions.defaults().withHandshake(ClientHandshakeConfig.builder()
                .origin("http://good.example").credentials(new Credentials("ann", "secret")).build());
        Connection ann = new Connection(io.wspy.connection.WebSocket.connect(uri("/ws"), options));
        fixture.closeAfter(ann.webSocket());
        assertEquals("ann", next(handler.opened).user());
        ann.sendText("authenticated");
        assertEquals(new TextMessage("authenticated"), ann.receive());
    }

    private int status(String request) throws IOException {
        try (RawClient c = new RawClient(server.port())) {
            c.send(request);
            String head = c.readHead();
            return Integer.parseInt(head.substring(9, 12));
        }
    }

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void slowHandshakeIsDroppedAfterTheHandshakeTimeout(ServerKind kind) throws Exception {
        start(kind, b -> b.handshakeTimeout(Duration.ofMillis(200)));
        try (RawClient c = new RawClient(server.port())) {
            c.send("GET / HTTP/1.1\r\nHost: x\r\n");
            assertEquals("", c.readToEnd(), "closed without an answer");
        }
    }

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void connectionsBeyondTheLimitGet503(ServerKind kind) throws Exception {
        start(kind, b -> b.maxConnections(2));
        JdkClient first = JdkClient.connect(uri("/"));
        JdkClient.connect(uri("/"));
        CompletionException refused = assertThrows(CompletionException.class,
                () -> JdkClient.connect(uri("/")));
        assertEquals(503, ((WebSocketHandshakeException) refused.getCause()).getResponse().statusCode());
        first.socket.sendClose(CloseCode.NORMAL_CLOSURE, "").join();
        next(handler.closes);
        JdkClient again = connectWhenFreed();
        again.socket.sendText("room again", true).join();
        assertEquals("room again", again.next());
    }

    /** The slot of a closed client frees once its socket is closed, just after its onClose. */
    private JdkClient connectWhenFreed() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Recorder.WAIT_SECONDS);
        while (true) {
            try {
                return JdkClient.connect(uri("/"));
            } catch (CompletionException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(20);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void idleClientIsClosedWith1001(ServerKind kind) throws Exception {
        start(kind, b -> b.idleTimeout(Duration.ofMillis(300)).keepalive(Duration.ZERO, Duration.ZERO));
        JdkClient client = JdkClient.connect(uri("/"));
        assertEquals("1001 idle timeout", client.awaitClose());
        assertEquals("1001 ", next(handler.closes));
    }

    /**
     * The idle clock restarts on any bytes read, on every server alike: a client that sends one
     * frame a byte at a time, each byte well within the idle timeout but the whole frame slower
     * than it, stays connected and gets its answer; silent afterwards, it is closed as idle.
     */
    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void tricklingClientGetsTheSameOutcomeOnEveryServer(ServerKind kind) throws Exception {
        Duration idle = Duration.ofMillis(1000);
        start(kind, b -> b.idleTimeout(idle).keepalive(Duration.ZERO, Duration.ZERO));
        RawClient client = raw("/");
        byte[] frame = client.encode(new Frame(true, 0, Opcode.TEXT,
                ByteBuffer.wrap("trickling".getBytes(StandardCharsets.UTF_8))));
        long gapMillis = idle.toMillis() / 10;
        assertTrue(frame.length * gapMillis > idle.toMillis(), "the whole frame takes longer than the idle timeout");
        for (byte b : frame) {
            client.send(new byte[] {b});
            Thread.sleep(gapMillis);
        }
        Frame echo = client.readFrame();
        assertEquals("trickling", StandardCharsets.UTF_8.decode(echo.payload()).toString());
        assertTrue(handler.closes.isEmpty(), "still open after a frame slower than the idle timeout");
        Frame close = client.readFrame();
        assertEquals(Opcode.CLOSE, close.opcode(), "closed once silent for the idle timeout");
        assertEquals(CloseCode.GOING_AWAY, io.wspy.frame.CloseStatus.parse(close.payload()).code());
        client.send(new Frame(true, 0, Opcode.CLOSE, io.wspy.frame.CloseStatus.of(CloseCode.GOING_AWAY).encode()));
        client.close();
        assertEquals("1001 ", next(handler.closes));
    }

    /**
     * A password lookup that blocks (a slow user store) holds up only its own handshake: the
     * echoes of clients already open complete while it is still blocked. The async server runs it
     * off its loop (one loop here, so every client shares it); the threaded server on the
     * client's own thread. Not on {@code ASYNC}, whose loop runs it by design.
     */
    @ParameterizedTest
    @EnumSource(value = ServerKind.class, names = {"THREADED", "ASYNC_OFF_LOOP"})
    void aBlockingPasswordLookupDoesNotDelayOtherClients(ServerKind kind) throws Exception {
        CountDownLatch lookupBlocked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean lookupReturned = new java.util.concurrent.atomic.AtomicBoolean();
        PasswordLookup lookup = user -> {
            if (user.equals("slow")) {
                lookupBlocked.countDown();
                try {
                    release.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                lookupReturned.set(true);
            }
            return "secret";
        };
        start(kind, b -> b.selectorThreads(1)
                .handshake(ServerHandshakeConfig.builder().authenticator(new BasicAuthenticator("test", lookup)).build()));
        List<Connection> open = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            open.add(authenticated("fast" + i));
        }
        CompletableFuture<Connection> slow = CompletableFuture.supplyAsync(() -> {
            try {
                return authenticated("slow");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertTrue(lookupBlocked.await(10, TimeUnit.SECONDS), "the slow lookup started");
        for (Connection c : open) {
            c.send(new TextMessage("while the lookup blocks"));
            assertEquals(new TextMessage("while the lookup blocks"), c.receive());
        }
        boolean echoedWhileBlocked = !lookupReturned.get();
        release.countDown();
        assertTrue(echoedWhileBlocked, "the other clients' echoes came back while the lookup was still blocked");
        Connection late = slow.get(10, TimeUnit.SECONDS);
        late.send(new TextMessage("at last"));
        assertEquals(new TextMessage("at last"), late.receive());
    }

    private Connection authenticated(String user) throws IOException {
        ClientOptions options = ClientOptions.defaults().withHandshake(ClientHandshakeConfig.builder()
                .credentials(new Credentials(user, "secret")).build());
        Connection c = new Connection(io.wspy.connection.WebSocket.connect(uri("/"), options));
        fixture.closeAfter(c.webSocket());
        return c;
    }

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void keepaliveDropsAPeerThatNoLongerAnswers(ServerKind kind) throws Exception {
        // A short interval and a generous deadline: the JDK client answers in time even on a busy machine.
        start(kind, b -> b.protocol(ProtocolConfig.defaults().withKeepalive(Duration.ofMillis(100), Duration.ofMillis(1500))
                        .withCloseTimeout(Duration.ofMillis(200))));
        JdkClient alive = JdkClient.connect(uri("/"));
        RawClient dead = raw("/");
        Frame ping = dead.readFrame();
        assertEquals(Opcode.PING, ping.opcode(), "the server pings");
        assertEquals(CloseCode.ABNORMAL_CLOSURE + " ", next(handler.closes), "the silent peer is dropped");
        alive.socket.sendText("still here", true).join();
        assertEquals("still here", alive.next(), "the JDK client answers pings and stays");
    }

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void broadcastReachesEveryClient(ServerKind kind) throws Exception {
        start(kind);
        List<JdkClient> clients = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            clients.add(JdkClient.connect(uri("/")));
            next(handler.opened);
        }
        assertEquals(5, server.broadcast(new TextMessage("news")));
        Session skipped = server.clients().iterator().next();
        assertEquals(4, server.broadcast(new BinaryMessage(new byte[] {7}), c -> c != skipped));
        assertEquals(5, server.broadcast(new TextMessage("end")));
        int binaries = 0;
        for (JdkClient c : clients) {
            assertEquals("news", c.next());
            Object m = c.next();
            if (m instanceof byte[]) {
                assertArrayEquals(new byte[] {7}, (byte[]) m);
                binaries++;
                m = c.next();
            }
            assertEquals("end", m);
        }
        assertEquals(4, binaries);
    }

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void onSentReportsWrittenMessagesOnAsyncServerOnly(ServerKind kind) throws Exception {
        start(kind, b -> b.reportSent(true));
        JdkClient client = JdkClient.connect(uri("/"));
        client.socket.sendText("echo me", true).join();
        assertEquals("echo me", client.next());
        if (kind.isAsync()) {
            assertEquals(new TextMessage("echo me"), next(handler.sent));
        } else {
            assertTrue(handler.sent.isEmpty(), "Server never calls onSent");
        }
    }
}

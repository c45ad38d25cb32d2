package io.wspy.client;

import io.wspy.connection.ClientOptions;
import io.wspy.connection.Session;
import io.wspy.extensions.DeflateFrame;
import io.wspy.extensions.PerMessageDeflate;
import io.wspy.frame.CloseCode;
import io.wspy.handshake.BasicAuthenticator;
import io.wspy.handshake.ClientHandshakeConfig;
import io.wspy.handshake.Credentials;
import io.wspy.handshake.DigestAuthenticator;
import io.wspy.handshake.ServerHandshakeConfig;
import io.wspy.protocol.BinaryMessage;
import io.wspy.protocol.Message;
import io.wspy.protocol.TextMessage;
import io.wspy.server.AsyncServer;
import io.wspy.server.HandlerExecution;
import io.wspy.server.Server;
import io.wspy.server.ServerConfig;
import io.wspy.server.testing.TestCertificates;
import io.wspy.ssl.ClientAuth;
import io.wspy.server.WebSocketHandler;
import io.wspy.server.WebSocketServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The non-blocking client against wspy's own servers, over loopback. */
class AsyncClientTest {
    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    static final WebSocketHandler ECHO = new WebSocketHandler() {
        @Override
        public void onMessage(Session client, Message message) {
            try {
                client.send(message);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    };

    private WebSocketServer server(boolean async, UnaryOperator<ServerConfig.Builder> options) throws IOException {
        ServerConfig config = options.apply(ServerConfig.builder().address(new InetSocketAddress("127.0.0.1", 0))
                .selectorThreads(1).shutdownTimeout(java.time.Duration.ofSeconds(2))).build();
        WebSocketServer server = async ? new AsyncServer(config, ECHO) : new Server(config, ECHO);
        server.start();
        resources.add(server::stop);
        return server;
    }

    private AsyncClient client(UnaryOperator<AsyncClient.Builder> options) {
        AsyncClient client = options.apply(AsyncClient.builder()).build();
        resources.add(client);
        return client;
    }

    static URI uri(String scheme, WebSocketServer server) {
        return URI.create(scheme + "://127.0.0.1:" + server.port() + "/");
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void echoesAgainstBothServers(boolean async) throws Exception {
        WebSocketServer server = server(async, b -> b);
        AsyncClient client = client(b -> b);
        Events events = new Events();
        Session s = client.connect(uri("ws", server), events).get(Events.WAIT_SECONDS, TimeUnit.SECONDS);
        assertEquals(s, events.opened.poll());
        s.send(new TextMessage("hello"));
        assertEquals("hello", ((TextMessage) events.message()).text());
        byte[] big = new byte[300_000];
        new Random(1).nextBytes(big);
        s.send(new BinaryMessage(big));
        assertArrayEquals(big, ((BinaryMessage) events.message()).bytes());
        s.ping("are you there".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals("are you there", events.pongs.poll(Events.WAIT_SECONDS, TimeUnit.SECONDS));
        s.close(CloseCode.NORMAL_CLOSURE, "done");
        assertEquals(CloseCode.NORMAL_CLOSURE, events.close());
        assertTrue(events.errors.isEmpty(), () -> "errors: " + events.errors);
    }

    @Test
    void handlersRunOffTheLoop() throws Exception {
        WebSocketServer server = server(true, b -> b);
        AsyncClient client = client(b -> b.handlerExecution(HandlerExecution.OFF_LOOP).selectorThreads(2));
        List<Events> all = new ArrayList<>();
        List<Session> sessions = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Events events = new Events();
            all.add(events);
            sessions.add(client.connect(uri("ws", server), events).get(Events.WAIT_SECONDS, TimeUnit.SECONDS));
        }
        for (int i = 0; i < sessions.size(); i++) {
            sessions.get(i).send(new TextMessage("m" + i));
        }
        for (int i = 0; i < sessions.size(); i++) {
            assertEquals("m" + i, ((TextMessage) all.get(i).message()).text());
        }
        assertEquals(20, client.connections());
    }

    @Test
    void wssWithTheTestCertificate() throws Exception {
        TestCertificates certs = TestCertificates.get();
        WebSocketServer server = server(true, b -> b.tls(certs.server()));
        AsyncClient client = client(b -> b.options(certs.client().applyTo(ClientOptions.defaults())));
        Events events = new Events();
        Session s = client.connect(uri("wss", server), events).get(Events.WAIT_SECONDS, TimeUnit.SECONDS);
        assertTrue(s.isSecure());
        s.send(new TextMessage("secret"));
        assertEquals("secret", ((TextMessage) events.message()).text());
        s.close(CloseCode.NORMAL_CLOSURE, "");
        assertEquals(CloseCode.NORMAL_CLOSURE, events.close());
    }

    @Test
    void showsAClientCertificateTheServerRequires() throws Exception {
        TestCertificates certs = TestCertificates.get();
        ServerConfig config = ServerConfig.builder().address(new InetSocketAddress("127.0.0.1", 0)).selectorThreads(1)
                .shutdownTimeout(java.time.Duration.ofSeconds(2)).tls(certs.server(ClientAuth.REQUIRE)).build();
        WebSocketServer server = new AsyncServer(config, WebSocketHandler.onMessage((client, message) ->
                client.sendText(client.peerCertificates().get(0).getSubjectX500Principal().getName())));
        server.start();
        resources.add(server::stop);

        AsyncClient withCertificate = client(b -> b.options(certs.client("client").applyTo(ClientOptions.defaults())));
        Events events = new Events();
        Session s = withCertificate.connect(uri("wss", server), events).get(Events.WAIT_SECONDS, TimeUnit.SECONDS);
        s.sendText("who am I?");
        assertEquals("CN=wspy test client", ((TextMessage) events.message()).text());

        AsyncClient without = client(b -> b.options(certs.client().applyTo(ClientOptions.defaults())));
        ExecutionException refused = assertThrows(ExecutionException.class,
                () -> without.connect(uri("wss", server), new Events()).get(Events.WAIT_SECONDS, TimeUnit.SECONDS));
        assertInstanceOf(IOException.class, refused.getCause(), () -> "refused: " + refused.getCause());
    }

    @ParameterizedTest
    @ValueSource(strings = {"permessage-deflate", "deflate-frame"})
    void compresses(String extension) throws Exception {
        io.wspy.frame.extension.ExtensionFactory factory = extension.equals("deflate-frame") ? DeflateFrame.builder().build()
                : PerMessageDeflate.builder().build();
        WebSocketServer server = server(true, b -> b.handshake(ServerHandshakeConfig.builder()
                .extensions(List.of(factory)).build()));
        AsyncClient client = client(b -> b.options(ClientOptions.defaults().withHandshake(
                ClientHandshakeConfig.builder().extensions(List.of(factory)).build())));
        Events events = new Events();
        Session s = client.connect(uri("ws", server), events).get(Events.WAIT_SECONDS, TimeUnit.SECONDS);
        assertTrue(s.extensions().startsWith(extension), s.extensions());
        String text = "compress me ".repeat(10_000);
        s.send(new TextMessage(text));
        assertEquals(text, ((TextMessage) events.message()).text());
    }

    @ParameterizedTest
    @ValueSource(strings = {"basic", "digest"})
    void authenticates(String scheme) throws Exception {
        io.wspy.handshake.Authenticator authenticator = scheme.equals("basic")
                ? new BasicAuthenticator("test", user -> user.equals("ann") ? "secret" : null)
                : DigestAuthenticator.builder("test").passwords(user -> user.equals("ann") ? "secret" : null).build();
        WebSocketServer server = server(true, b -> b.handshake(ServerHandshakeConfig.builder()
                .authenticator(authenticator).build()));
        AsyncClient client = client(b -> b);
        Events events = new Events();
        Session s = client.connect(URI.create("ws://ann:secret@127.0.0.1:" + server.port() + "/"), events)
                .get(Events.WAIT_SECONDS, TimeUnit.SECONDS);
        s.send(new TextMessage("in"));
        assertEquals("in", ((TextMessage) events.message()).text());
    }

    /**
     * Non-default permessage-deflate parameters, asked for by the client or set by the server:
     * what was agreed shows in the negotiated header, and messages whose repeats lie beyond the
     * small windows (and repeat across messages, without context takeover) come back intact.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"client asks", "server sets"})
    void deflateWithNonDefaultParameters(String who) throws Exception {
        boolean clientAsks = who.equals("client asks");
        PerMessageDeflate clientSide = clientAsks
                ? PerMessageDeflate.builder().serverNoContextTakeover(true).clientNoContextTakeover(true)
                        .serverMaxWindowBits(10).clientMaxWindowBits(9).build()
                : PerMessageDeflate.builder().build();
        PerMessageDeflate serverSide = clientAsks ? PerMessageDeflate.builder().build()
                : PerMessageDeflate.builder().lean().serverMaxWindowBits(9).clientMaxWindowBits(10).build();
        WebSocketServer server = server(true, b -> b.handshake(ServerHandshakeConfig.builder()
                .extensions(List.of(serverSide)).build()));
        AsyncClient client = client(b -> b.options(ClientOptions.defaults().withHandshake(
                ClientHandshakeConfig.builder().extensions(List.of(clientSide)).build())));
        Events events = new Events();
        Session s = client.connect(uri("ws", server), events).get(Events.WAIT_SECONDS, TimeUnit.SECONDS);
        List<String> agreed = List.of(s.extensions().split("\\s*;\\s*"));
        assertEquals(clientAsks
                ? List.of("permessage-deflate", "server_no_context_takeover", "client_no_context_takeover",
                        "server_max_window_bits=10")
                : List.of("permessage-deflate", "server_no_context_takeover", "client_no_context_takeover",
                        "server_max_window_bits=9", "client_max_window_bits=10"), agreed);
        byte[] large = io.wspy.server.interop.Exchange.farRepeats(1 << 20);
        for (int i = 0; i < 3; i++) {
            s.send(new BinaryMessage(large));
            assertArrayEquals(large, ((BinaryMessage) events.message()).bytes(), "message " + i);
            s.sendText("the same words again and again " + i);
            assertEquals("the same words again and again " + i, ((TextMessage) events.message()).text());
        }
        s.close(CloseCode.NORMAL_CLOSURE, "");
        assertEquals(CloseCode.NORMAL_CLOSURE, events.close());
    }

    @Test
    void wssThroughAConnectProxy() throws Exception {
        TestCertificates certs = TestCertificates.get();
        WebSocketServer server = server(true, b -> b.tls(certs.server()));
        java.util.Queue<String> tunnels = new java.util.concurrent.ConcurrentLinkedQueue<>();
        RawPeer proxy = RawPeer.connectProxy(null, 0, tunnels);
        resources.add(proxy);
        AsyncClient client = client(b -> b.options(certs.client().applyTo(ClientOptions.defaults())
                .withProxy(new InetSocketAddress("127.0.0.1", proxy.port()), null)));
        Events events = new Events();
        URI uri = URI.create("wss://localhost:" + server.port() + "/");
        Session s = client.connect(uri, events).get(Events.WAIT_SECONDS, TimeUnit.SECONDS);
        assertTrue(s.isSecure());
        s.sendText("through the tunnel");
        assertEquals("through the tunnel", ((TextMessage) events.message()).text());
        assertEquals(List.of("localhost:" + server.port()), List.copyOf(tunnels), "the proxy's tunnels");
        s.close(CloseCode.NORMAL_CLOSURE, "");
        assertEquals(CloseCode.NORMAL_CLOSURE, events.close());
    }

    /** A server that reports the close code and reason each client sent. */
    private WebSocketServer closeRecorder(java.util.concurrent.BlockingQueue<String> closes) throws IOException {
        WebSocketServer server = new AsyncServer(ServerConfig.builder().address(new InetSocketAddress("127.0.0.1", 0))
                .selectorThreads(1).shutdownTimeout(java.time.Duration.ofSeconds(2)).build(), new WebSocketHandler() {
                    @Override
                    public void onClose(Session client, int code, String reason) {
                        closes.add(code + " " + reason);
                    }
                });
        server.start();
        resources.add(server::stop);
        return server;
    }

    @Test
    void closingTheClientSaysGoingAwayInAClientsWords() throws Exception {
        java.util.concurrent.BlockingQueue<String> closes = new java.util.concurrent.LinkedBlockingQueue<>();
        WebSocketServer server = closeRecorder(closes);
        Events events = new Events();
        try (AsyncClient client = AsyncClient.create()) {
            client.connect(uri("ws", server), events).get(Events.WAIT_SECONDS, TimeUnit.SECONDS);
        }
        assertEquals("1001 client closing", closes.poll(Events.WAIT_SECONDS, TimeUnit.SECONDS), "what the server received");
        assertEquals(CloseCode.GOING_AWAY, events.close());

        try (io.wspy.connection.Connection blocking = new io.wspy.connection.Connection(
                io.wspy.connection.WebSocket.connect(uri("ws", server)))) {
            assertTrue(blocking.isOpen());
        }
        assertEquals("1000 ", closes.poll(Events.WAIT_SECONDS, TimeUnit.SECONDS), "what the server received from the blocking client");
    }
}

package io.wspy.client;

import io.wspy.connection.ClientOptions;
import io.wspy.connection.Session;
import io.wspy.extensions.PerMessageDeflate;
import io.wspy.frame.CloseCode;
import io.wspy.handshake.ClientHandshakeConfig;
import io.wspy.handshake.Credentials;
import io.wspy.handshake.HandshakeException;
import io.wspy.protocol.TextMessage;
import io.wspy.server.AsyncServer;
import io.wspy.server.ServerConfig;
import io.wspy.server.testing.Borrowed;
import io.wspy.server.testing.TestCertificates;
import io.wspy.server.WebSocketServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLHandshakeException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How the non-blocking client fails: each fault gives its documented error, and nothing is left
 * behind: no thread, no descriptor, no buffer borrowed from a pool (the faults run with
 * permessage-deflate offered, so the client's zlib streams are counted too).
 */
class ClientFaultTest {
    private static final long SETTLE_MILLIS = 5_000;

    private final List<AutoCloseable> resources = new ArrayList<>();
    private final PerMessageDeflate deflate = PerMessageDeflate.builder().build();

    @AfterEach
    void tearDown() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    private <T extends AutoCloseable> T keep(T resource) {
        resources.add(resource);
        return resource;
    }

    private WebSocketServer echoServer(ServerConfig.Builder config) throws IOException {
        WebSocketServer server = new AsyncServer(config.address(new InetSocketAddress("127.0.0.1", 0))
                .shutdownTimeout(Duration.ofSeconds(2)).build(), AsyncClientTest.ECHO);
        server.start();
        resources.add(server::stop);
        return server;
    }

    private static Throwable failure(CompletableFuture<Session> future) {
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> future.get(Events.WAIT_SECONDS, TimeUnit.SECONDS));
        return e.getCause();
    }

    private static long openFiles() throws IOException {
        try (var files = Files.list(Path.of("/proc/self/fd"))) {
            return files.count();
        }
    }

    private static Set<String> clientThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("wspy-client")).collect(java.util.stream.Collectors.toSet());
    }

    /** Client options offering permessage-deflate with the factory whose streams are counted. */
    private ClientOptions withDeflate(ClientOptions options) {
        return options.withHandshake(ClientHandshakeConfig.builder().extensions(List.of(deflate)).build());
    }

    /**
     * After a client closed: no client thread, at most {@code filesBefore} descriptors (give or
     * take 2 that may belong to the test runner), no buffer borrowed. A peer's own socket may
     * close a moment after the client's, so the counts are given a few seconds to settle.
     */
    private void assertNothingLeftBehind(long filesBefore) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SETTLE_MILLIS);
        while (System.nanoTime() < deadline && (!clientThreads().isEmpty() || openFiles() > filesBefore + 2
                || Borrowed.buffers(deflate) != 0)) {
            Thread.sleep(20);
        }
        assertTrue(clientThreads().isEmpty(), () -> "threads left: " + clientThreads());
        assertTrue(openFiles() <= filesBefore + 2, () -> "descriptors before " + filesBefore + ", after " + safeOpenFiles());
        assertEquals(0, Borrowed.buffers(deflate), "buffers borrowed and not given back");
    }

    @Test
    void connectsToAClosedPortFailNamingTheAddressAndLeaveNothing() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        long filesBefore = openFiles();
        URI uri = URI.create("ws://127.0.0.1:" + port + "/x");
        try (AsyncClient client = AsyncClient.builder().selectorThreads(2).options(withDeflate(ClientOptions.defaults()))
                .build()) {
            List<CompletableFuture<Session>> futures = new ArrayList<>();
            for (int i = 0; i < 10_000; i++) {
                futures.add(client.connect(uri, new Events()));
            }
            for (CompletableFuture<Session> f : futures) {
                Throwable cause = failure(f);
                assertInstanceOf(ConnectException.class, cause);
                assertTrue(cause.getMessage().contains("127.0.0.1:" + port) && cause.getMessage().contains(uri.toString()),
                        cause.getMessage());
            }
            assertEquals(0, client.connections());
        }
        // The selector's own descriptors are gone with the loops.
        assertNothingLeftBehind(filesBefore);
    }

    private static long safeOpenFiles() {
        try {
            return openFiles();
        } catch (IOException e) {
            return -1;
        }
    }

    @Test
    void closingTheClientFailsConnectsStillPendingAndStopsItsThreads() throws Exception {
        RawPeer silent = keep(new RawPeer(s -> Thread.sleep(30_000)));
        URI uri = URI.create("ws://127.0.0.1:" + silent.port() + "/");
        List<CompletableFuture<Session>> futures = new ArrayList<>();
        long filesBefore = openFiles();
        try (AsyncClient client = AsyncClient.builder().options(withDeflate(ClientOptions.defaults())).build()) {
            for (int i = 0; i < 200; i++) {
                futures.add(client.connect(uri, new Events()));
            }
        }
        for (CompletableFuture<Session> f : futures) {
            Throwable cause = assertInstanceOf(IOException.class, failure(f));
            assertTrue(cause.getMessage().contains("client") && cause.getMessage().contains(uri.toString()),
                    cause.getMessage());
        }
        // The silent peer's ends of the connections are its own descriptors, not the client's.
        silent.close();
        assertNothingLeftBehind(filesBefore);
    }

    @Test
    void followsARedirect() throws Exception {
        WebSocketServer server = echoServer(ServerConfig.builder());
        RawPeer redirector = keep(new RawPeer(s -> {
            RawPeer.readHead(s.getInputStream());
            RawPeer.write(s, "HTTP/1.1 302 Found\r\nLocation: ws://127.0.0.1:" + server.port()
                    + "/there\r\nContent-Length: 0\r\n\r\n");
        }));
        AsyncClient client = keep(AsyncClient.create());
        Events events = new Events();
        Session s = client.connect(URI.create("ws://127.0.0.1:" + redirector.port() + "/here"), events)
                .get(Events.WAIT_SECONDS, TimeUnit.SECONDS);
        assertEquals("/there", s.request().target());
        s.send(new TextMessage("moved"));
        assertEquals("moved", ((TextMessage) events.message()).text());
    }

    @Test
    void aRedirectLoopEndsWithAHandshakeError() throws Exception {
        int[] port = new int[1];
        RawPeer loop = keep(new RawPeer(s -> {
            RawPeer.readHead(s.getInputStream());
            RawPeer.write(s, "HTTP/1.1 302 Found\r\nLocation: ws://127.0.0.1:" + port[0] + "/again\r\nContent-Length: 0\r\n\r\n");
        }));
        port[0] = loop.port();
        long filesBefore = openFiles();
        try (AsyncClient client = AsyncClient.builder().options(withDeflate(ClientOptions.defaults())).build()) {
            Throwable cause = failure(client.connect(URI.create("ws://127.0.0.1:" + loop.port() + "/"), new Events()));
            HandshakeException e = assertInstanceOf(HandshakeException.class, cause);
            assertEquals(302, e.status());
            assertTrue(e.getMessage().contains("redirects") && e.getMessage().contains("127.0.0.1:" + loop.port()),
                    e.getMessage());
            assertEquals(0, client.connections());
        }
        assertNothingLeftBehind(filesBefore);
    }

    /** A CONNECT proxy: answers 200 (checking the credentials if any are expected) and pipes both ways. */
    private RawPeer proxy(String expectedAuthorization, int refuseWith) throws IOException {
        return keep(RawPeer.connectProxy(expectedAuthorization, refuseWith, new java.util.concurrent.ConcurrentLinkedQueue<>()));
    }

    @Test
    void tunnelsThroughAProxyWithCredentials() throws Exception {
        WebSocketServer server = echoServer(ServerConfig.builder());
        String basic = "Basic " + java.util.Base64.getEncoder().encodeToString("p:q".getBytes());
        RawPeer proxy = proxy(basic, 0);
        AsyncClient client = keep(AsyncClient.builder().options(ClientOptions.defaults()
                .withProxy(new InetSocketAddress("127.0.0.1", proxy.port()), new Credentials("p", "q"))).build());
        Events events = new Events();
        Session s = client.connect(AsyncClientTest.uri("ws", server), events).get(Events.WAIT_SECONDS, TimeUnit.SECONDS);
        s.send(new TextMessage("via proxy"));
        assertEquals("via proxy", ((TextMessage) events.message()).text());
    }

    @Test
    void bothClientsUseTheJdkProxySelector() throws Exception {
        WebSocketServer server = echoServer(ServerConfig.builder());
        RawPeer proxy = proxy(null, 0);
        java.util.List<URI> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.net.ProxySelector previous = java.net.ProxySelector.getDefault();
        java.net.ProxySelector.setDefault(new java.net.ProxySelector() {
            @Override
            public List<java.net.Proxy> select(URI uri) {
                asked.add(uri);
                return List.of(new java.net.Proxy(java.net.Proxy.Type.HTTP, new InetSocketAddress("127.0.0.1", proxy.port())));
            }

            @Override
            public void connectFailed(URI uri, java.net.SocketAddress sa, IOException ioe) {
            }
        });
        try {
            URI uri = AsyncClientTest.uri("ws", server);
            AsyncClient client = keep(AsyncClient.create());
            Events events = new Events();
            Session s = client.connect(uri, events).get(Events.WAIT_SECONDS, TimeUnit.SECONDS);
            s.send(new TextMessage("async via selector"));
            assertEquals("async via selector", ((TextMessage) events.message()).text());
            try (io.wspy.connection.Connection blocking = new io.wspy.connection.Connection(
                    io.wspy.connection.WebSocket.connect(uri))) {
                blocking.sendText("blocking via selector");
                assertEquals(new TextMessage("blocking via selector"), blocking.receive());
            }
            // java.net.Socket also asks, with socket:// URIs, for a SOCKS proxy of its own.
            URI asHttp = URI.create("http://127.0.0.1:" + server.port() + "/");
            assertEquals(List.of(asHttp, asHttp), asked.stream().filter(u -> u.getScheme().equals("http")).toList());
        } finally {
            java.net.ProxySelector.setDefault(previous);
        }
    }

    @Test
    void theBlockingClientNamesTheAddressItCouldNotReach() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        URI uri = URI.create("ws://127.0.0.1:" + port + "/b");
        ConnectException e = assertThrows(ConnectException.class, () -> io.wspy.connection.WebSocket.connect(uri));
        assertTrue(e.getMessage().contains("127.0.0.1:" + port) && e.getMessage().contains(uri.toString()), e.getMessage());
    }

    @Test
    void aProxyThatRefusesGivesItsStatus() throws Exception {
        RawPeer proxy = proxy(null, 403);
        long filesBefore = openFiles();
        try (AsyncClient client = AsyncClient.builder().options(withDeflate(ClientOptions.defaults()
                .withProxy(new InetSocketAddress("127.0.0.1", proxy.port()), null))).build()) {
            URI uri = URI.create("ws://example.invalid:9/");
            HandshakeException e = assertInstanceOf(HandshakeException.class, failure(client.connect(uri, new Events())));
            assertEquals(403, e.status());
            assertTrue(e.getMessage().contains(uri.toString()), e.getMessage());
        }
        assertNothingLeftBehind(filesBefore);
    }

    @Test
    void aServerThatVanishesMidMessageIsReportedWith1006() throws Exception {
        RawPeer server = keep(new RawPeer(s -> {
            RawPeer.accept(s, "permessage-deflate");
            OutputStream out = s.getOutputStream();
            // A whole compressed message (the client's decompressor now holds a stream), then a
            // compressed 100-byte text frame cut after 10 bytes.
            byte[] hello = compressed("hello");
            out.write(new byte[]{(byte) 0xC1, (byte) hello.length});
            out.write(hello);
            out.write(new byte[]{(byte) 0xC1, 100});
            out.write(compressed("0123456789".repeat(20)), 0, 10);
            out.flush();
        }));
        long filesBefore = openFiles();
        try (AsyncClient client = AsyncClient.builder().options(withDeflate(ClientOptions.defaults())).build()) {
            Events events = new Events();
            Session s = client.connect(URI.create("ws://127.0.0.1:" + server.port() + "/"), events)
                    .get(Events.WAIT_SECONDS, TimeUnit.SECONDS);
            assertEquals("permessage-deflate", s.extensions());
            assertEquals("hello", ((TextMessage) events.message()).text());
            assertEquals(CloseCode.ABNORMAL_CLOSURE, events.close());
            assertTrue(events.messages.isEmpty());
        }
        assertNothingLeftBehind(filesBefore);
    }

    /** {@code text} deflated as permessage-deflate sends it: raw deflate, sync flush, the last 4 bytes cut. */
    private static byte[] compressed(String text) {
        java.util.zip.Deflater deflater = new java.util.zip.Deflater(java.util.zip.Deflater.DEFAULT_COMPRESSION, true);
        try {
            deflater.setInput(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            byte[] out = new byte[1024];
            int n = deflater.deflate(out, 0, out.length, java.util.zip.Deflater.SYNC_FLUSH);
            return java.util.Arrays.copyOf(out, n - 4);
        } finally {
            deflater.end();
        }
    }

    @Test
    void aDeadServerIsDetectedByTheKeepalive() throws Exception {
        RawPeer server = keep(new RawPeer(s -> {
            RawPeer.accept(s);
            // Reads nothing, answers nothing, keeps the connection open.
            Thread.sleep(30_000);
        }));
        AsyncClient client = keep(AsyncClient.builder().options(ClientOptions.defaults().withProtocol(
                ClientOptions.defaults().protocol().withKeepalive(Duration.ofMillis(200), Duration.ofMillis(300))
                        .withCloseTimeout(Duration.ofMillis(500))))
                .build());
        Events events = new Events();
        client.connect(URI.create("ws://127.0.0.1:" + server.port() + "/"), events).get(Events.WAIT_SECONDS, TimeUnit.SECONDS);
        assertEquals(CloseCode.ABNORMAL_CLOSURE, events.close());
    }

    @Test
    void aSilentServerTimesTheHandshakeOutNamingTheUri() throws Exception {
        RawPeer server = keep(new RawPeer(s -> Thread.sleep(30_000)));
        AsyncClient client = keep(AsyncClient.builder().options(ClientOptions.defaults()
                .withTimeouts(Duration.ofSeconds(5), Duration.ofMillis(300))).build());
        URI uri = URI.create("ws://127.0.0.1:" + server.port() + "/slow");
        Throwable cause = failure(client.connect(uri, new Events()));
        assertInstanceOf(SocketTimeoutException.class, cause);
        assertTrue(cause.getMessage().contains(uri.toString()), cause.getMessage());
    }

    @Test
    void anUntrustedCertificateFailsTheTlsHandshake() throws Exception {
        WebSocketServer server = echoServer(ServerConfig.builder().tls(TestCertificates.get().server()));
        long filesBefore = openFiles();
        try (AsyncClient client = AsyncClient.builder().options(withDeflate(ClientOptions.defaults())).build()) {
            URI uri = AsyncClientTest.uri("wss", server);
            Throwable cause = failure(client.connect(uri, new Events()));
            assertTrue(cause.getMessage().contains(uri.toString()), cause.getMessage());
            Throwable root = cause;
            while (root.getCause() != null && !(root instanceof SSLHandshakeException)) {
                root = root.getCause();
            }
            assertInstanceOf(SSLHandshakeException.class, root);
        }
        assertNothingLeftBehind(filesBefore);
    }

    @Test
    void theHandshakeRequestCarriesSubprotocolsAndHeaders() throws Exception {
        CompletableFuture<String> request = new CompletableFuture<>();
        RawPeer server = keep(new RawPeer(s -> {
            String head = RawPeer.readHead(s.getInputStream());
            request.complete(head);
            RawPeer.write(s, "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
        }));
        AsyncClient client = keep(AsyncClient.builder().options(ClientOptions.defaults().withHandshake(
                ClientHandshakeConfig.builder().subprotocols("chat", "superchat")
                        .headers(io.wspy.handshake.HttpHeaders.builder().add("X-Token", "t1").build()).build())).build());
        HandshakeException e = assertInstanceOf(HandshakeException.class,
                failure(client.connect(URI.create("ws://127.0.0.1:" + server.port() + "/"), new Events())));
        assertEquals(400, e.status());
        String head = request.get(Events.WAIT_SECONDS, TimeUnit.SECONDS);
        assertEquals("chat, superchat", RawPeer.header(head, "Sec-WebSocket-Protocol"));
        assertEquals("t1", RawPeer.header(head, "X-Token"));
    }
}

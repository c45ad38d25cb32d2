package io.wspy.ssl;

import io.wspy.ssl.internal.TlsChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link TlsChannel} in a one-thread selector loop ({@link SelectorTlsServer}) with the JDK's
 * {@link SSLSocket} as the peer, and in client mode against an {@link SSLServerSocket}.
 */
@Timeout(120)
class TlsChannelTest {
    private static final TestCertificates CERTS = TestCertificates.get();
    private static final SelectorTlsServer.Handler ECHO = (conn, data) -> conn.send(data);

    private static SSLSocket connect(SelectorTlsServer server) throws IOException {
        Socket plain = new Socket("127.0.0.1", server.port());
        plain.setSoTimeout(20_000);
        return CERTS.client().enable(plain, "localhost", server.port());
    }

    /** Sends {@code payload} from another thread while reading as many bytes back. */
    private static byte[] exchange(Socket socket, byte[] payload) throws Exception {
        CompletableFuture<Void> sent = CompletableFuture.runAsync(() -> {
            try {
                socket.getOutputStream().write(payload);
                socket.getOutputStream().flush();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        byte[] back = socket.getInputStream().readNBytes(payload.length);
        sent.get(20, TimeUnit.SECONDS);
        return back;
    }

    private static String readToEnd(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @ParameterizedTest
    @CsvSource({"TLSv1.3, 65536", "TLSv1.3, 1000", "TLSv1.2, 65536", "TLSv1.2, 1000"})
    void echoesSmallAndLargePayloads(String protocol, int readBuffer) throws Exception {
        ServerTls tls = ServerTls.builder(CERTS.key("server-ec")).protocols(protocol).build();
        try (SelectorTlsServer server = new SelectorTlsServer(tls, c -> ECHO, c -> c, readBuffer, false);
             SSLSocket socket = connect(server)) {
            assertEquals(protocol, socket.getSession().getProtocol());
            assertArrayEquals(ascii("hello"), exchange(socket, ascii("hello")));
            byte[] large = WssLoopbackTest.random(4 << 20);
            assertArrayEquals(large, exchange(socket, large));
            TlsChannel serverSide = server.connections.get(0).tls;
            assertTrue(serverSide.isHandshakeComplete());
            assertEquals(protocol, serverSide.session().getProtocol());
            assertTrue(server.taskBatches.get() > 0, "the handshake's tasks ran on the executor");
        }
    }

    @Test
    void tasksMayRunOnTheLoopThreadWithAnInlineExecutor() throws Exception {
        try (SelectorTlsServer server = new SelectorTlsServer(CERTS.server("server-rsa"), c -> ECHO, c -> c, 4096, true);
             SSLSocket socket = connect(server)) {
            byte[] payload = WssLoopbackTest.random(50_000);
            assertArrayEquals(payload, exchange(socket, payload));
            assertTrue(server.taskBatches.get() > 0);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void mutualTlsOnTheChannelAcceptsTrustedClientsAndRefusesOthers(String protocol) throws Exception {
        ServerTls tls = ServerTls.builder(CERTS.key("server-ec")).clientAuth(ClientAuth.REQUIRE, CERTS.caTrust())
                .protocols(protocol).build();
        try (SelectorTlsServer server = new SelectorTlsServer(tls, c -> ECHO)) {
            ClientTls withCertificate = ClientTls.builder().trust(CERTS.caTrust()).keyMaterial(CERTS.key("client"))
                    .build();
            try (SSLSocket socket = withCertificate.enable(new Socket("127.0.0.1", server.port()), "localhost",
                    server.port())) {
                assertArrayEquals(ascii("mine"), exchange(socket, ascii("mine")));
                java.security.cert.Certificate[] seen = server.connections.get(0).tls.session().getPeerCertificates();
                assertEquals("CN=wspy test client",
                        ((java.security.cert.X509Certificate) seen[0]).getSubjectX500Principal().getName());
            }
            Socket plain = new Socket("127.0.0.1", server.port());
            plain.setSoTimeout(20_000);
            IOException refused = assertThrows(IOException.class, () -> {
                SSLSocket anonymous = CERTS.client().enable(plain, "localhost", server.port());
                anonymous.getInputStream().read();
            });
            if (protocol.equals("TLSv1.3")) {
                // The client has sent its last handshake flight: the server's alert reaches it and says why.
                assertTrue(refused instanceof javax.net.ssl.SSLException && refused.getMessage().contains("certificate"),
                        refused.toString());
            } else {
                // Under TLS 1.2 the client may still be writing its flight when the server hangs up.
                assertTrue(refused instanceof javax.net.ssl.SSLException
                        || refused instanceof java.net.SocketException, refused.toString());
            }
            plain.close();
        }
    }

    /** Reads at most one byte per call; writes at most one byte per call, and every other call none. */
    static final class TrickleChannel implements ByteChannel {
        private final ByteChannel channel;
        private boolean stalled;

        TrickleChannel(ByteChannel channel) {
            this.channel = channel;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            if (!dst.hasRemaining()) {
                return 0;
            }
            ByteBuffer one = dst.duplicate();
            one.limit(one.position() + 1);
            int n = channel.read(one);
            if (n > 0) {
                dst.position(dst.position() + n);
            }
            return n;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            stalled = !stalled;
            if (stalled || !src.hasRemaining()) {
                return 0;
            }
            ByteBuffer one = src.duplicate();
            one.limit(one.position() + 1);
            int n = channel.write(one);
            src.position(src.position() + n);
            return n;
        }

        @Override
        public boolean isOpen() {
            return channel.isOpen();
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void recordsArriveOneByteAtATimeAndLeaveThroughAStallingSocket(String protocol) throws Exception {
        ServerTls tls = ServerTls.builder(CERTS.key("server-rsa")).protocols(protocol).build();
        try (SelectorTlsServer server = new SelectorTlsServer(tls, c -> ECHO, TrickleChannel::new, 1000, false);
             SSLSocket socket = connect(server)) {
            assertArrayEquals(ascii("x"), exchange(socket, ascii("x")));
            // More than a record (16 KiB): the echo leaves as records split over many partial writes.
            byte[] payload = WssLoopbackTest.random(20_000);
            assertArrayEquals(payload, exchange(socket, payload));
        }
    }

    @Test
    void tlsOneThreeHalfCloseLetsTheServerSayLastWords() throws Exception {
        LinkedBlockingQueue<String> events = new LinkedBlockingQueue<>();
        SelectorTlsServer.Handler lastWords = new SelectorTlsServer.Handler() {
            @Override
            public void onData(SelectorTlsServer.Conn conn, ByteBuffer data) {
                conn.send(data);
            }

            @Override
            public void onEnd(SelectorTlsServer.Conn conn) {
                events.add("end");
                conn.send(ByteBuffer.wrap(ascii(" and goodbye")));
            }

            @Override
            public void onClosed(SelectorTlsServer.Conn conn, IOException error) {
                events.add("closed " + error);
            }
        };
        try (SelectorTlsServer server = new SelectorTlsServer(CERTS.server("server-ec"), c -> lastWords);
             SSLSocket socket = connect(server)) {
            assertEquals("TLSv1.3", socket.getSession().getProtocol());
            socket.getOutputStream().write(ascii("hello"));
            socket.shutdownOutput();
            // The server reads our close_notify as its end of stream, writes, then sends its own.
            assertEquals("hello and goodbye", readToEnd(socket.getInputStream()));
            assertEquals("end", events.poll(10, TimeUnit.SECONDS));
            socket.close();
            assertEquals("closed null", events.poll(10, TimeUnit.SECONDS));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void serverShutdownSendsCloseNotifyAndRefusesFurtherWrites(String protocol) throws Exception {
        LinkedBlockingQueue<String> events = new LinkedBlockingQueue<>();
        SelectorTlsServer.Handler quitter = new SelectorTlsServer.Handler() {
            @Override
            public void onData(SelectorTlsServer.Conn conn, ByteBuffer data) {
                conn.send(ByteBuffer.wrap(ascii("ok")));
                conn.shutdown();
            }

            @Override
            public void onEnd(SelectorTlsServer.Conn conn) {
                try {
                    conn.tls.write(ByteBuffer.wrap(ascii("too late")));
                    events.add("written");
                } catch (ClosedChannelException expected) {
                    events.add("write refused");
                } catch (IOException e) {
                    events.add("write failed " + e);
                }
            }

            @Override
            public void onClosed(SelectorTlsServer.Conn conn, IOException error) {
                events.add("closed " + error);
            }
        };
        ServerTls tls = ServerTls.builder(CERTS.key("server-ec")).protocols(protocol).build();
        try (SelectorTlsServer server = new SelectorTlsServer(tls, c -> quitter);
             SSLSocket socket = connect(server)) {
            socket.getOutputStream().write(ascii("quit"));
            // SSLSocket reports the server's close_notify as the end of the stream.
            assertEquals("ok", readToEnd(socket.getInputStream()));
            socket.close();
            assertEquals("write refused", events.poll(10, TimeUnit.SECONDS));
            assertEquals("closed null", events.poll(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void aPeerThatDropsTcpWithoutCloseNotifyIsAnEndOfStream() throws Exception {
        LinkedBlockingQueue<String> events = new LinkedBlockingQueue<>();
        SelectorTlsServer.Handler recorder = new SelectorTlsServer.Handler() {
            @Override
            public void onData(SelectorTlsServer.Conn conn, ByteBuffer data) {
                conn.send(data);
            }

            @Override
            public void onEnd(SelectorTlsServer.Conn conn) {
                events.add("end");
            }
        };
        try (SelectorTlsServer server = new SelectorTlsServer(CERTS.server("server-ec"), c -> recorder)) {
            Socket plain = new Socket("127.0.0.1", server.port());
            SSLSocket tls = CERTS.client().enable(plain, "localhost", server.port());
            assertArrayEquals(ascii("ping"), exchange(tls, ascii("ping")));
            plain.close();
            assertEquals("end", events.poll(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void twoHundredConnectionsShareOneSelectorThread() throws Exception {
        int clients = 200;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (SelectorTlsServer server = new SelectorTlsServer(CERTS.server("server-ec"), c -> ECHO)) {
            List<Future<SSLSocket>> connecting = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                connecting.add(pool.submit(() -> connect(server)));
            }
            List<SSLSocket> sockets = new ArrayList<>();
            for (Future<SSLSocket> f : connecting) {
                sockets.add(f.get(60, TimeUnit.SECONDS));
            }
            assertEquals(clients, server.open.get(), "all connections are open at once");
            List<Future<byte[]>> echoes = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                SSLSocket s = sockets.get(i);
                byte[] message = ascii("client " + i);
                echoes.add(pool.submit(() -> exchange(s, message)));
            }
            for (int i = 0; i < clients; i++) {
                assertArrayEquals(ascii("client " + i), echoes.get(i).get(60, TimeUnit.SECONDS));
            }
            for (SSLSocket s : sockets) {
                s.close();
            }
            for (int i = 0; i < 1000 && server.open.get() > 0; i++) {
                Thread.sleep(10);
            }
            assertEquals(0, server.open.get(), "every connection saw its peer close");
            assertEquals(clients, server.maxOpen.get());
            assertTrue(server.taskBatches.get() >= clients, "each handshake delegated its tasks");
        } finally {
            pool.shutdownNow();
        }
    }

    // ---------------------------------------------------------------- client mode

    /** A client-mode TlsChannel driven by a small selector loop on the test thread. */
    private static final class ClientPump implements AutoCloseable {
        final Selector selector = Selector.open();
        final SocketChannel socket;
        final TlsChannel tls;
        final SelectionKey key;
        final ExecutorService tasks = Executors.newSingleThreadExecutor();

        ClientPump(int port, String host) throws IOException {
            socket = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
            socket.configureBlocking(false);
            tls = new TlsChannel(socket, CERTS.client().newEngine(host, port), tasks, selector::wakeup);
            key = socket.register(selector, tls.interestOps(false));
        }

        /** Writes {@code out} while reading until {@code expected} bytes came back. */
        byte[] exchange(byte[] out, int expected) throws IOException {
            ByteBuffer pending = ByteBuffer.wrap(out);
            ByteBuffer in = ByteBuffer.allocate(8192);
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (received.size() < expected) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("stuck after " + received.size() + " bytes");
                }
                selector.select(100);
                selector.selectedKeys().clear();
                tls.flush();
                int n;
                while ((n = tls.read(in.clear())) > 0) {
                    received.write(in.array(), 0, n);
                }
                if (n < 0) {
                    break;
                }
                while (pending.hasRemaining() && tls.write(pending) > 0) {
                    continue;
                }
                key.interestOps(tls.interestOps(pending.hasRemaining()));
            }
            return received.toByteArray();
        }

        @Override
        public void close() throws IOException {
            tls.close();
            selector.close();
            tasks.shutdownNow();
        }
    }

    private static Thread blockingEcho(SSLServerSocket listening) {
        Thread t = new Thread(() -> {
            try (Socket s = listening.accept()) {
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream();
                byte[] buffer = new byte[8192];
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    out.write(buffer, 0, n);
                }
            } catch (IOException ignored) {
                // The client went away; the test checks what it received.
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Test
    void clientModeAgainstAnSslServerSocket() throws Exception {
        try (SSLServerSocket listening = CERTS.server("server-rsa").bind(new InetSocketAddress("127.0.0.1", 0))) {
            blockingEcho(listening);
            try (ClientPump client = new ClientPump(listening.getLocalPort(), "localhost")) {
                assertEquals(SelectionKey.OP_READ | SelectionKey.OP_WRITE, client.tls.interestOps(false),
                        "a client speaks first");
                byte[] payload = WssLoopbackTest.random(1 << 20);
                assertArrayEquals(payload, client.exchange(payload, payload.length));
                assertTrue(client.tls.isHandshakeComplete());
                assertEquals("CN=localhost", ((java.security.cert.X509Certificate) client.tls.session()
                        .getPeerCertificates()[0]).getSubjectX500Principal().getName());
            }
        }
    }

    @Test
    void clientModeRefusesACertificateForAnotherName() throws Exception {
        try (SSLServerSocket listening = CERTS.server("server-ec").bind(new InetSocketAddress("127.0.0.1", 0))) {
            blockingEcho(listening);
            try (ClientPump client = new ClientPump(listening.getLocalPort(), "127.0.0.1")) {
                SSLHandshakeException e = assertThrows(SSLHandshakeException.class,
                        () -> client.exchange(ascii("hi"), 2));
                assertTrue(CertificateCheckTest.causedBy(e, CertificateException.class), e.toString());
            }
        }
    }

    @Test
    void argumentsAreChecked() throws Exception {
        try (ServerSocketChannel listening = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
             SocketChannel channel = SocketChannel.open(listening.getLocalAddress());
             SocketChannel accepted = listening.accept()) {
            var engine = CERTS.server("server-ec").newEngine(null);
            assertThrows(IllegalArgumentException.class, () -> new TlsChannel(null, engine, Runnable::run, () -> { }));
            assertThrows(IllegalArgumentException.class, () -> new TlsChannel(accepted, engine, null, () -> { }));
            TlsChannel tls = new TlsChannel(accepted, engine, Runnable::run, () -> { });
            assertEquals(SelectionKey.OP_READ, tls.interestOps(true), "a server waits for the ClientHello");
            assertEquals(false, tls.isHandshakeComplete());
            tls.close();
            assertEquals(false, tls.isOpen());
            assertThrows(ClosedChannelException.class, () -> tls.write(ByteBuffer.wrap(ascii("x"))));
            assertEquals(0, tls.interestOps(true));
        }
        assertTrue(Arrays.asList(CERTS.server("server-ec").newEngine(null).getEnabledProtocols())
                .containsAll(List.of("TLSv1.3", "TLSv1.2")));
    }
}

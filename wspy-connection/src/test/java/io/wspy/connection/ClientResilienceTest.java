package io.wspy.connection;

import io.wspy.frame.CloseCode;
import io.wspy.handshake.Credentials;
import io.wspy.handshake.HandshakeException;
import io.wspy.protocol.Message;
import io.wspy.protocol.ProtocolConfig;
import io.wspy.protocol.TextMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The client's harder cases over real sockets: proxies, concurrent senders, dead servers, reconnects. */
@Timeout(60)
class ClientResilienceTest {
    /** A minimal HTTP CONNECT proxy that demands Basic credentials and then relays bytes both ways. */
    private static final class ConnectProxy implements AutoCloseable {
        final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        final List<String> requests = new ArrayList<>();

        ConnectProxy() throws IOException {
            Thread t = new Thread(() -> {
                while (!socket.isClosed()) {
                    try {
                        Socket client = socket.accept();
                        String head = readHead(client.getInputStream());
                        synchronized (requests) {
                            requests.add(head);
                        }
                        if (!head.contains("Proxy-Authorization: Basic dXNlcjpwYXNz")) {
                            client.getOutputStream().write("HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 0\r\n\r\n"
                                    .getBytes(StandardCharsets.US_ASCII));
                            client.close();
                            continue;
                        }
                        String[] target = head.split(" ")[1].split(":");
                        Socket upstream = new Socket(target[0], Integer.parseInt(target[1]));
                        client.getOutputStream().write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                        relay(client, upstream);
                        relay(upstream, client);
                    } catch (IOException stopped) {
                        return;
                    }
                }
            });
            t.setDaemon(true);
            t.start();
        }

        private static void relay(Socket from, Socket to) {
            Thread t = new Thread(() -> {
                try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                    in.transferTo(out);
                } catch (IOException done) {
                    // One side closed.
                }
            });
            t.setDaemon(true);
            t.start();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        for (int c = in.read(); c >= 0; c = in.read()) {
            head.append((char) c);
            if (head.toString().endsWith("\r\n\r\n")) {
                break;
            }
        }
        return head.toString();
    }

    @Test
    void connectsThroughAnHttpProxy() throws Exception {
        try (EchoServerFixture server = new EchoServerFixture(); ConnectProxy proxy = new ConnectProxy()) {
            InetSocketAddress address = (InetSocketAddress) proxy.socket.getLocalSocketAddress();
            ClientOptions options = ClientOptions.defaults().withProxy(address, new Credentials("user", "pass"));
            Connection c = new Connection(WebSocket.connect(server.uri("/through"), options));
            c.sendText("tunnelled");
            assertEquals(new TextMessage("tunnelled"), c.receive());
            c.close();
            assertTrue(proxy.requests.get(0).startsWith("CONNECT 127.0.0.1:" + server.socket.localPort() + " HTTP/1.1"));

            ClientOptions wrong = ClientOptions.defaults().withProxy(address, new Credentials("user", "wrong"));
            HandshakeException refused = assertThrows(HandshakeException.class, () -> WebSocket.connect(server.uri("/"), wrong));
            assertEquals(407, refused.status());
        }
    }

    @Test
    void manyThreadsSendingOnOneSocketKeepTheStreamValid() throws Exception {
        int threads = 8;
        int perThread = 300;
        try (EchoServerFixture server = new EchoServerFixture()) {
            ClientOptions options = ClientOptions.defaults().withProtocol(ProtocolConfig.defaults().withFragmentSize(5));
            LinkedBlockingQueue<Message> echoes = new LinkedBlockingQueue<>();
            Connection client = new Connection(WebSocket.connect(server.uri("/"), options)) {
                @Override
                protected void onMessage(Message message) {
                    echoes.add(message);
                }
            };
            Thread reader = new Thread(client::receiveForever);
            reader.start();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> sent = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                sent.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < perThread; i++) {
                        client.sendText(id + ":" + i + ":" + "y".repeat(i % 40));
                        if (i % 50 == 0) {
                            client.ping(new byte[] {(byte) id});
                        }
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : sent) {
                f.get();
            }
            pool.shutdown();
            Map<Integer, Integer> next = new HashMap<>();
            for (int n = 0; n < threads * perThread; n++) {
                Message m = echoes.poll(10, TimeUnit.SECONDS);
                assertTrue(m != null, "echo " + n + " missing");
                String[] parts = ((TextMessage) m).text().split(":");
                int id = Integer.parseInt(parts[0]);
                int i = Integer.parseInt(parts[1]);
                assertEquals(next.getOrDefault(id, 0), i, "per-thread order");
                next.put(id, i + 1);
                assertEquals("y".repeat(i % 40), parts.length > 2 ? parts[2] : "");
            }
            client.close();
            reader.join(10_000);
            assertEquals(CloseCode.NORMAL_CLOSURE, client.closeStatus().code());
        }
    }

    @Test
    void keepaliveDetectsADeadServer() throws Exception {
        try (WebSocketServerSocket silent = new WebSocketServerSocket(new InetSocketAddress("127.0.0.1", 0),
                ServerOptions.defaults())) {
            List<WebSocket> accepted = new ArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    accepted.add(silent.accept());
                } catch (IOException ignored) {
                    // The test failed elsewhere.
                }
            });
            acceptor.start();
            ClientOptions options = ClientOptions.defaults().withProtocol(ProtocolConfig.defaults()
                    .withKeepalive(Duration.ofMillis(100), Duration.ofMillis(200)));
            LinkedBlockingQueue<Integer> closed = new LinkedBlockingQueue<>();
            Connection client = new Connection(WebSocket.connect(
                    java.net.URI.create("ws://127.0.0.1:" + silent.localPort() + "/"), options)) {
                @Override
                protected void onClose(int code, String reason) {
                    closed.add(code);
                }
            };
            Thread reader = new Thread(client::receiveForever);
            reader.start();
            // The server completed the handshake, then never reads nor answers: the pong never comes.
            assertEquals(CloseCode.ABNORMAL_CLOSURE, closed.poll(20, TimeUnit.SECONDS));
            reader.join(10_000);
            acceptor.join(1000);
            for (WebSocket ws : accepted) {
                ws.close();
            }
        }
    }

    @Test
    void reconnectorBacksOffAndConnectsOnceTheServerIsUp() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        List<Long> waits = new ArrayList<>();
        WebSocketServerSocket[] server = new WebSocketServerSocket[1];
        Reconnector reconnector = Reconnector.to(java.net.URI.create("ws://127.0.0.1:" + port + "/"), ClientOptions.defaults())
                .backoff(Duration.ofMillis(100), Duration.ofMillis(400))
                .sleeper(millis -> {
                    waits.add(millis);
                    if (waits.size() == 3) {
                        try {
                            server[0] = new WebSocketServerSocket(new InetSocketAddress("127.0.0.1", port), ServerOptions.defaults());
                            Thread t = new Thread(() -> {
                                try {
                                    server[0].accept();
                                } catch (IOException ignored) {
                                    // Closed at the end of the test.
                                }
                            });
                            t.setDaemon(true);
                            t.start();
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }
                }).build();
        try (WebSocket ws = reconnector.connect()) {
            assertEquals(3, waits.size(), "three failed attempts before the server came up");
            assertTrue(waits.get(0) <= 100 && waits.get(1) <= 200 && waits.get(2) <= 400, waits.toString());
        } finally {
            server[0].close();
        }
        for (int attempt = 1; attempt < 40; attempt++) {
            long d = reconnector.delayBefore(attempt);
            assertTrue(d >= 0 && d <= 400, "delay within [0, ceiling]: " + d);
        }
        Reconnector limited = Reconnector.to(java.net.URI.create("ws://127.0.0.1:" + port + "/"), ClientOptions.defaults())
                .maxAttempts(2).sleeper(millis -> { }).build();
        assertThrows(IOException.class, limited::connect);
    }
}

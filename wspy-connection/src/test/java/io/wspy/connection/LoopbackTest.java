package io.wspy.connection;

import io.wspy.frame.CloseCode;
import io.wspy.frame.Frame;
import io.wspy.frame.Opcode;
import io.wspy.protocol.Message;
import io.wspy.protocol.TextMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(20)
class LoopbackTest {
    private final WebSocketServerSocket server;
    private Thread serverThread;

    LoopbackTest() throws Exception {
        server = new WebSocketServerSocket(new InetSocketAddress("127.0.0.1", 0), ServerOptions.defaults());
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        if (serverThread != null) {
            serverThread.join(5000);
        }
    }

    private URI uri(String path) {
        return URI.create("ws://127.0.0.1:" + server.localPort() + path);
    }

    /** Serves one connection at a time with an echoing Connection, like the seed's example. */
    private void serveEcho(List<String> closes) {
        serverThread = new Thread(() -> {
            try {
                while (true) {
                    WebSocket client = server.accept();
                    new Connection(client) {
                        @Override
                        protected void onMessage(Message message) {
                            try {
                                send(message);
                            } catch (java.io.IOException e) {
                                throw new java.io.UncheckedIOException(e);
                            }
                        }

                        @Override
                        protected void onClose(int code, String reason) {
                            closes.add(code + " " + reason);
                        }
                    }.receiveForever();
                }
            } catch (java.io.IOException stopped) {
                // The server socket was closed by the test.
            }
        });
        serverThread.start();
    }

    @Test
    void frameLevelEndpointsExchangeFrames() throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        List<Frame> received = new CopyOnWriteArrayList<>();
        serverThread = new Thread(() -> {
            try (WebSocket client = server.accept()) {
                client.send(Frame.text("Hello, Client!"));
                received.add(client.recv());
                done.countDown();
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        serverThread.start();
        try (WebSocket sock = WebSocket.connect(uri("/my/path"))) {
            assertEquals("Hello, Client!", sock.recv().payloadText());
            sock.send(Frame.text("Hello, Server!"));
            assertTrue(done.await(5, TimeUnit.SECONDS));
        }
        assertEquals("Hello, Server!", received.get(0).payloadText());
        assertTrue(received.get(0).isMasked(), "a client's frames arrive masked");
    }

    @Test
    void plainConnectionsHaveNoTlsSession() throws Exception {
        List<Connection> accepted = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        serverThread = new Thread(() -> {
            try {
                accepted.add(new Connection(server.accept()));
                done.countDown();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        serverThread.start();
        Connection client = new Connection(WebSocket.connect(uri("/")));
        try {
            assertTrue(done.await(5, TimeUnit.SECONDS));
            for (Session session : List.of(client, accepted.get(0))) {
                assertFalse(session.isSecure());
                assertNull(session.sslSession());
                assertEquals(List.of(), session.peerCertificates());
            }
            assertNull(client.webSocket().sslSession());
        } finally {
            // Neither end reads, so a closing handshake would wait for its timeout: just drop both.
            client.webSocket().close();
            accepted.get(0).webSocket().close();
        }
    }

    @Test
    void connectionsEchoAndCloseCleanly() throws Exception {
        List<String> serverCloses = new CopyOnWriteArrayList<>();
        serveEcho(serverCloses);
        Connection client = new Connection(WebSocket.connect(uri("/")));
        client.sendText("hello");
        assertEquals(new TextMessage("hello"), client.receive());
        client.sendBinary(new byte[100_000]);
        assertEquals(100_000, client.receive().length());
        try (var writer = client.beginMessage(Opcode.TEXT)) {
            writer.write(java.nio.ByteBuffer.wrap("frag".getBytes()));
            writer.write(java.nio.ByteBuffer.wrap("mented".getBytes()));
        }
        assertEquals(new TextMessage("fragmented"), client.receive());
        client.close(CloseCode.NORMAL_CLOSURE, "done");
        assertEquals(CloseCode.NORMAL_CLOSURE, client.closeStatus().code());
        // The server saw the client's code and reason.
        long until = System.nanoTime() + 5_000_000_000L;
        while (serverCloses.isEmpty() && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        assertEquals(List.of("1000 done"), serverCloses);
    }

    @Test
    void sessionShowsTheUpgradeRequestAndUser() throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        List<String> seen = new CopyOnWriteArrayList<>();
        serverThread = new Thread(() -> {
            try (Connection client = new Connection(server.accept())) {
                seen.add(client.request().path() + "?" + client.request().query());
                seen.add(String.valueOf(client.user()));
                seen.add(String.valueOf(client.bufferedAmount()));
                done.countDown();
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        serverThread.start();
        try (Connection client = new Connection(WebSocket.connect(uri("/room?id=7")))) {
            assertTrue(done.await(5, TimeUnit.SECONDS));
            assertEquals("/room?id=7", client.request().target(), "a client's request is the one it sent");
        }
        assertEquals(List.of("/room?id=7", "null", "0"), seen);
    }
}

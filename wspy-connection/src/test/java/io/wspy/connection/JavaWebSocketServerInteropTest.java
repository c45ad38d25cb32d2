package io.wspy.connection;

import io.wspy.frame.Opcode;
import io.wspy.protocol.BinaryMessage;
import io.wspy.protocol.MessageWriter;
import io.wspy.protocol.TextMessage;
import org.java_websocket.framing.Framedata;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Our client against an independent server: Java-WebSocket's echo server. */
@Timeout(30)
class JavaWebSocketServerInteropTest {
    private final LinkedBlockingQueue<String> serverEvents = new LinkedBlockingQueue<>();
    private final CountDownLatch started = new CountDownLatch(1);
    private WebSocketServer server;

    @BeforeEach
    void start() throws Exception {
        server = new WebSocketServer(new InetSocketAddress("127.0.0.1", 0)) {
            @Override
            public void onOpen(org.java_websocket.WebSocket conn, ClientHandshake handshake) {
                serverEvents.add("open " + handshake.getResourceDescriptor());
            }

            @Override
            public void onClose(org.java_websocket.WebSocket conn, int code, String reason, boolean remote) {
                serverEvents.add("close " + code + " " + reason);
            }

            @Override
            public void onMessage(org.java_websocket.WebSocket conn, String message) {
                conn.send(message);
            }

            @Override
            public void onMessage(org.java_websocket.WebSocket conn, ByteBuffer message) {
                conn.send(message);
            }

            @Override
            public void onWebsocketPing(org.java_websocket.WebSocket conn, Framedata f) {
                serverEvents.add("ping " + java.nio.charset.StandardCharsets.UTF_8.decode(f.getPayloadData().duplicate()));
                super.onWebsocketPing(conn, f);
            }

            @Override
            public void onError(org.java_websocket.WebSocket conn, Exception ex) {
                serverEvents.add("error " + ex);
            }

            @Override
            public void onStart() {
                started.countDown();
            }
        };
        server.setReuseAddr(true);
        server.start();
        assertTrue(started.await(10, TimeUnit.SECONDS));
    }

    @AfterEach
    void stop() throws Exception {
        server.stop(2000);
    }

    private URI uri(String path) {
        return URI.create("ws://127.0.0.1:" + server.getPort() + path);
    }

    private String nextServerEvent() throws InterruptedException {
        String e = serverEvents.poll(10, TimeUnit.SECONDS);
        if (e == null) {
            throw new AssertionError("no server event within 10 s");
        }
        return e;
    }

    @Test
    void messagesPingsAndCloseWithAnIndependentServer() throws Exception {
        LinkedBlockingQueue<String> pongs = new LinkedBlockingQueue<>();
        Connection client = new Connection(WebSocket.connect(uri("/chat?room=1"))) {
            @Override
            protected void onPong(byte[] payload) {
                pongs.add(new String(payload, java.nio.charset.StandardCharsets.UTF_8));
            }
        };
        assertEquals("open /chat?room=1", nextServerEvent());

        client.sendText("grüße");
        assertEquals(new TextMessage("grüße"), client.receive());

        byte[] big = new byte[1 << 20];
        new java.util.Random(1).nextBytes(big);
        client.send(new BinaryMessage(big));
        assertArrayEquals(big, ((BinaryMessage) client.receive()).bytes());

        try (MessageWriter writer = client.beginMessage(Opcode.TEXT)) {
            writer.write(ByteBuffer.wrap("in ".getBytes()));
            writer.write(ByteBuffer.wrap("three ".getBytes()));
            writer.finish(ByteBuffer.wrap("parts".getBytes()));
        }
        assertEquals(new TextMessage("in three parts"), client.receive());

        client.ping("hello?".getBytes());
        assertEquals("ping hello?", nextServerEvent());
        client.sendText("flush");
        client.receive();
        assertEquals("hello?", pongs.poll(10, TimeUnit.SECONDS));

        client.close(4001, "bye now");
        assertEquals("close 4001 bye now", nextServerEvent());
        assertEquals(4001, client.closeStatus().code());
    }

    @Test
    void streamsAreSentAsFragmentedMessages() throws Exception {
        Connection client = new Connection(WebSocket.connect(uri("/")));
        byte[] data = new byte[100_000];
        new java.util.Random(2).nextBytes(data);
        client.send(new java.io.ByteArrayInputStream(data));
        assertArrayEquals(data, ((BinaryMessage) client.receive()).bytes());
        String text = "ü€𝄞".repeat(10_000);
        client.send(new java.io.StringReader(text));
        assertEquals(text, ((TextMessage) client.receive()).text());
        client.close();
    }
}

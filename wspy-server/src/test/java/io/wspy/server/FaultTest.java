package io.wspy.server;

import io.wspy.connection.ClientOptions;
import io.wspy.connection.Connection;
import io.wspy.connection.Reconnector;
import io.wspy.connection.WebSocket;
import io.wspy.frame.CloseCode;
import io.wspy.frame.CloseStatus;
import io.wspy.frame.Frame;
import io.wspy.frame.Opcode;
import io.wspy.protocol.Message;
import io.wspy.protocol.TextMessage;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.wspy.server.Recorder.next;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Faults from the network and from peers, against both servers: a reset in the middle of a frame,
 * a half-close in the middle of a frame, frames sent after a close frame, and the server restarting
 * while clients reconnect with {@link Reconnector}. (A peer that stops reading is in
 * {@link AttackTest}.) Each ends the one connection cleanly and leaves the server serving.
 */
@Timeout(120)
class FaultTest {
    @RegisterExtension
    final ServerFixture fixture = new ServerFixture();
    private final Recorder handler = fixture.handler;
    private WebSocketServer server;

    private RawClient upgraded() throws IOException {
        RawClient c = RawClient.upgraded(server.port(), "/");
        fixture.closeAfter(c);
        return c;
    }

    private void assertEchoes() throws IOException {
        try (RawClient good = RawClient.upgraded(server.port(), "/")) {
            good.send(Frame.text("ping?"));
            assertEquals("ping?", good.readFrame().payloadText());
        }
    }

    private void awaitNoClients() throws InterruptedException {
        for (int i = 0; i < 500 && !server.clients().isEmpty(); i++) {
            Thread.sleep(20);
        }
        assertEquals(0, server.clients().size());
    }

    /** A peer that resets (SO_LINGER 0) halfway through a frame: 1006 for it, nothing else disturbed. */
    @ParameterizedTest
    @EnumSource(names = {"THREADED", "ASYNC"})
    void resetInTheMiddleOfAFrame(ServerKind kind) throws Exception {
        server = fixture.start(kind, handler, b -> b);
        RawClient c = upgraded();
        next(handler.opened);
        byte[] frame = c.encode(Frame.binary(new byte[1000]));
        c.send(java.util.Arrays.copyOf(frame, 300));
        c.socket.setSoLinger(true, 0);
        c.close();
        assertEquals(CloseCode.ABNORMAL_CLOSURE + " ", next(handler.closes));
        assertTrue(handler.messages.isEmpty());
        awaitNoClients();
        assertEchoes();
    }

    /** A peer that half-closes halfway through a frame: 1006 for it, and the server closes its side too. */
    @ParameterizedTest
    @EnumSource(names = {"THREADED", "ASYNC"})
    void halfCloseInTheMiddleOfAFrame(ServerKind kind) throws Exception {
        server = fixture.start(kind, handler, b -> b);
        RawClient c = upgraded();
        next(handler.opened);
        byte[] frame = c.encode(Frame.text("never finished"));
        c.send(java.util.Arrays.copyOf(frame, 5));
        c.socket.shutdownOutput();
        assertNull(c.readFrame(), "the server should close without a word");
        assertEquals(CloseCode.ABNORMAL_CLOSURE + " ", next(handler.closes));
        awaitNoClients();
        assertEchoes();
    }

    /** Frames after the peer's close frame are ignored: the close is answered and nothing is delivered. */
    @ParameterizedTest
    @EnumSource(names = {"THREADED", "ASYNC"})
    void framesAfterTheCloseFrameAreIgnored(ServerKind kind) throws Exception {
        server = fixture.start(kind, handler, b -> b);
        RawClient c = upgraded();
        next(handler.opened);
        c.send(Frame.close(CloseCode.NORMAL_CLOSURE, "done"));
        c.send(Frame.text("after the close"));
        c.send(Frame.ping("after the close".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        Frame answer = c.readFrame();
        assertEquals(Opcode.CLOSE, answer.opcode());
        assertEquals(CloseCode.NORMAL_CLOSURE, CloseStatus.parse(answer.payload()).code());
        assertNull(c.readFrame(), "nothing after the close frame, then the end of the stream");
        c.close();
        assertEquals(CloseCode.NORMAL_CLOSURE + " done", next(handler.closes));
        assertTrue(handler.messages.isEmpty() && handler.pings.isEmpty(), "frames after the close were delivered");
        assertEchoes();
    }

    /**
     * The server stops (every client gets 1001) and a new one starts on the same port: twenty
     * clients under {@link Reconnector} come back by themselves, with back-off, and exchange
     * messages again.
     */
    @ParameterizedTest
    @EnumSource(names = {"THREADED", "ASYNC"})
    void clientsReconnectWhenTheServerRestarts(ServerKind kind) throws Exception {
        server = fixture.start(kind, handler, b -> b);
        int port = server.port();
        URI uri = URI.create("ws://127.0.0.1:" + port + "/");
        int clients = 20;
        AtomicInteger[] echoes = new AtomicInteger[clients];
        CountDownLatch firstRound = new CountDownLatch(clients);
        CountDownLatch secondRound = new CountDownLatch(clients);
        List<Reconnector> reconnectors = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            int id = i;
            echoes[i] = new AtomicInteger();
            Reconnector r = Reconnector.to(uri, ClientOptions.defaults())
                    .backoff(Duration.ofMillis(20), Duration.ofMillis(300)).build();
            reconnectors.add(r);
            Thread t = new Thread(() -> {
                try {
                    r.runForever(ws -> new Greeter(ws, id, echoes[id], firstRound, secondRound));
                } catch (IOException | InterruptedException stopped) {
                    // stop() was called.
                }
            }, "reconnecting-client-" + id);
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
        assertTrue(firstRound.await(30, TimeUnit.SECONDS), "not every client connected");
        server.stop();
        server = fixture.start(kind, handler, b -> b.address(new InetSocketAddress("127.0.0.1", port)));
        assertTrue(secondRound.await(60, TimeUnit.SECONDS), "not every client came back after the restart");
        for (int i = 0; i < clients; i++) {
            assertTrue(echoes[i].get() >= 2, "client " + i + " got " + echoes[i] + " echoes");
        }
        for (Reconnector r : reconnectors) {
            r.stop();
        }
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(10));
        }
        awaitNoClients();
    }

    /** Greets the server on every connection and counts the echoes, one per connection. */
    private static final class Greeter extends Connection {
        private final int id;
        private final AtomicInteger echoes;
        private final CountDownLatch firstRound;
        private final CountDownLatch secondRound;

        Greeter(WebSocket webSocket, int id, AtomicInteger echoes, CountDownLatch firstRound,
                CountDownLatch secondRound) throws IOException {
            super(webSocket);
            this.id = id;
            this.echoes = echoes;
            this.firstRound = firstRound;
            this.secondRound = secondRound;
        }

        @Override
        protected void onOpen() {
            try {
                send(new TextMessage("hello from " + id));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        protected void onMessage(Message message) {
            assertEquals("hello from " + id, ((TextMessage) message).text());
            int n = echoes.incrementAndGet();
            if (n == 1) {
                firstRound.countDown();
            } else if (n == 2) {
                secondRound.countDown();
            }
        }
    }
}

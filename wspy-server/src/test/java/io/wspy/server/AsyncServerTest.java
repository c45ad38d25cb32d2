package io.wspy.server;

import io.wspy.connection.Session;
import io.wspy.frame.CloseCode;
import io.wspy.frame.Frame;
import io.wspy.frame.Opcode;
import io.wspy.protocol.BinaryMessage;
import io.wspy.protocol.ConnectionClosedException;
import io.wspy.protocol.Message;
import io.wspy.protocol.ProtocolConfig;
import io.wspy.protocol.TextMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import static io.wspy.server.Recorder.next;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What only AsyncServer has: outbound queues and their policies, onSent, handlers on or off the loops. */
@Timeout(60)
class AsyncServerTest {
    private static final int LIMIT = 32 * 1024;
    private static final byte[] CHUNK = new byte[8 * 1024];

    @RegisterExtension
    final ServerFixture fixture = new ServerFixture();
    private final Recorder handler = fixture.handler;
    private AsyncServer server;

    private AsyncServer start(WebSocketHandler events, UnaryOperator<ServerConfig.Builder> options) throws IOException {
        server = new AsyncServer(options.apply(ServerConfig.builder()
                .address(new InetSocketAddress("127.0.0.1", 0))
                .selectorThreads(1)
                .reportSent(true)
                .shutdownTimeout(Duration.ofSeconds(2))).build(), events);
        fixture.started(server).start();
        return server;
    }

    private RawClient raw() throws IOException {
        RawClient c = RawClient.upgraded(server.port(), "/");
        fixture.closeAfter(c);
        return c;
    }

    private URI uri() {
        return URI.create("ws://127.0.0.1:" + server.port() + "/");
    }

    @Test
    void failPolicyRefusesTheMessageAndOnSentSignalsRoomAgain() throws Exception {
        start(handler, b -> b.outboundQueue(LIMIT, SlowReaderPolicy.FAIL));
        RawClient client = raw();
        Session session = next(handler.opened);
        int accepted = 0;
        try {
            while (true) {
                session.sendBinary(CHUNK.clone());
                accepted++;
            }
        } catch (SendQueueFullException expected) {
            assertTrue(expected.getMessage().contains("the limit is " + LIMIT), expected.getMessage());
        }
        assertTrue(accepted >= LIMIT / CHUNK.length, "refused only once the queue is full: " + accepted);
        assertTrue(session.isOpen(), "the client stays connected");
        for (int i = 0; i < accepted; i++) {
            assertEquals(CHUNK.length, client.readFrame().length());
        }
        for (int i = 0; i < accepted; i++) {
            assertEquals(CHUNK.length, next(handler.sent).length(), "every accepted message is reported sent");
        }
        assertEquals(0, session.bufferedAmount());
        session.sendText("room again");
        assertEquals("room again", client.readFrame().payloadText());
    }

    @Test
    void dropPolicyDiscardsWhatDoesNotFit() throws Exception {
        start(handler, b -> b.outboundQueue(LIMIT, SlowReaderPolicy.DROP));
        RawClient client = raw();
        Session session = next(handler.opened);
        int sent = 2000;
        for (int i = 0; i < sent; i++) {
            byte[] chunk = CHUNK.clone();
            java.nio.ByteBuffer.wrap(chunk).putInt(0, i);
            session.sendBinary(chunk);
        }
        BlockingQueue<Integer> received = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try {
                for (Frame f = client.readFrame(); f.opcode() == Opcode.BINARY; f = client.readFrame()) {
                    received.add(f.payload().getInt(0));
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        reader.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Recorder.WAIT_SECONDS);
        while (session.bufferedAmount() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        session.sendText("end");
        reader.join();
        List<Integer> numbers = new ArrayList<>(received);
        assertTrue(numbers.size() > 0 && numbers.size() < sent, "some fit, the rest was dropped: " + numbers.size());
        for (int i = 1; i < numbers.size(); i++) {
            assertTrue(numbers.get(i) > numbers.get(i - 1), "what arrives stays in order");
        }
    }

    @Test
    void blockPolicyHoldsTheSenderUntilTheClientReads() throws Exception {
        start(handler, b -> b.outboundQueue(LIMIT, SlowReaderPolicy.BLOCK));
        RawClient client = raw();
        Session session = next(handler.opened);
        int count = 1000;
        long[] mostQueued = new long[1];
        Thread sender = new Thread(() -> {
            try {
                for (int i = 0; i < count; i++) {
                    byte[] chunk = CHUNK.clone();
                    chunk[0] = (byte) i;
                    session.sendBinary(chunk);
                    mostQueued[0] = Math.max(mostQueued[0], session.bufferedAmount());
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        sender.start();
        for (int i = 0; i < count; i++) {
            Frame f = client.readFrame();
            assertEquals((byte) i, f.payload().get(0), "in order, none lost");
        }
        sender.join();
        assertTrue(mostQueued[0] <= LIMIT + CHUNK.length + 14, "the queue never grew past the limit: " + mostQueued[0]);
    }

    @Test
    void blockPolicyGivesUpAfterTheBlockTimeoutWith1008() throws Exception {
        start(handler, b -> b.outboundQueue(LIMIT, SlowReaderPolicy.BLOCK).blockTimeout(Duration.ofMillis(100))
                .protocol(ProtocolConfig.defaults().withCloseTimeout(Duration.ofMillis(200))));
        raw();
        Session session = next(handler.opened);
        ConnectionClosedException e = assertThrows(ConnectionClosedException.class, () -> {
            while (true) {
                session.sendBinary(CHUNK.clone());
            }
        });
        assertEquals(CloseCode.POLICY_VIOLATION, e.status().code());
        assertEquals("1008 outbound queue full", next(handler.closes));
    }

    @Test
    void blockPolicyCannotWaitOnASelectorLoop() throws Exception {
        BlockingQueue<Throwable> failures = new LinkedBlockingQueue<>();
        start(new WebSocketHandler() {
            @Override
            public void onMessage(Session client, Message message) {
                try {
                    while (true) {
                        client.sendBinary(CHUNK.clone());
                    }
                } catch (IOException e) {
                    failures.add(e);
                }
            }
        }, b -> b.outboundQueue(LIMIT, SlowReaderPolicy.BLOCK));
        RawClient client = raw();
        client.send(Frame.text("flood me"));
        Throwable failure = next(failures);
        assertInstanceOf(SendQueueFullException.class, failure);
        assertTrue(failure.getMessage().contains("selector loop"), failure.getMessage());
    }

    @Test
    void handlersRunOnTheLoopsByDefault() throws Exception {
        start(handler, b -> b);
        JdkClient.connect(uri());
        next(handler.opened);
        assertTrue(handler.threads.get(0).startsWith("wspy-loop-"), handler.threads.get(0));
    }

    @Test
    void slowHandlerOffTheLoopsHoldsUpOnlyItsOwnClient() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Recorder slow = new Recorder() {
            @Override
            public void onMessage(Session client, Message message) {
                if (message.equals(new TextMessage("slow"))) {
                    entered.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                super.onMessage(client, message);
            }
        };
        start(slow, b -> b.handlerExecution(HandlerExecution.OFF_LOOP));
        JdkClient stuck = JdkClient.connect(uri());
        JdkClient other = JdkClient.connect(uri());
        stuck.socket.sendText("slow", true).join();
        stuck.socket.sendText("queued behind", true).join();
        assertTrue(entered.await(Recorder.WAIT_SECONDS, TimeUnit.SECONDS), "the slow event has started");
        other.socket.sendText("fast", true).join();
        assertEquals("fast", other.next(), "another client is served meanwhile");
        assertFalse(slow.threads.get(0).startsWith("wspy-loop-"), slow.threads.get(0));
        release.countDown();
        assertEquals("slow", stuck.next());
        assertEquals("queued behind", stuck.next(), "a client's events stay in order");
    }

    @Test
    void readingPausesAndResumesWhenHandlersFallBehind() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Recorder blocked = new Recorder() {
            @Override
            public void onMessage(Session client, Message message) {
                entered.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                super.onMessage(client, message);
            }
        };
        blocked.echo = false;
        start(blocked, b -> b.handlerExecution(HandlerExecution.OFF_LOOP).maxPendingInboundBytes(16 * 1024));
        RawClient client = raw();
        int count = 200;
        Thread writer = new Thread(() -> {
            try {
                for (int i = 0; i < count; i++) {
                    byte[] chunk = CHUNK.clone();
                    chunk[0] = (byte) i;
                    client.send(new Frame(true, 0, Opcode.BINARY, java.nio.ByteBuffer.wrap(chunk)));
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        writer.start();
        assertTrue(entered.await(Recorder.WAIT_SECONDS, TimeUnit.SECONDS));
        release.countDown();
        for (int i = 0; i < count; i++) {
            assertEquals((byte) i, ((BinaryMessage) next(blocked.messages)).data().get(0), "in order, none lost");
        }
        writer.join();
    }

    @Test
    void stopFromAnEventOnTheLoopIsRefused() throws Exception {
        BlockingQueue<Throwable> failures = new LinkedBlockingQueue<>();
        start(new WebSocketHandler() {
            @Override
            public void onMessage(Session client, Message message) {
                try {
                    server.stop();
                } catch (IllegalStateException e) {
                    failures.add(e);
                }
            }
        }, b -> b);
        JdkClient client = JdkClient.connect(uri());
        client.socket.sendText("stop!", true).join();
        assertInstanceOf(IllegalStateException.class, next(failures));
        assertTrue(server.isRunning());
    }

    @Test
    void bufferedAmountIsZeroOnceWritten() throws Exception {
        start(handler, b -> b);
        JdkClient client = JdkClient.connect(uri());
        client.socket.sendText("x", true).join();
        assertEquals("x", client.next());
        assertEquals(new TextMessage("x"), next(handler.sent));
        assertEquals(0, next(handler.opened).bufferedAmount());
    }

    @Test
    void handlerExecutorCanBeTheApplications() throws Exception {
        java.util.concurrent.ExecutorService own = java.util.concurrent.Executors.newFixedThreadPool(2,
                task -> new Thread(task, "app-pool"));
        fixture.closeAfter(own::shutdown);
        start(handler, b -> b.handlerExecution(HandlerExecution.OFF_LOOP).handlerExecutor(own));
        JdkClient.connect(uri());
        next(handler.opened);
        assertEquals("app-pool", handler.threads.get(0));
    }

    @Test
    void closedClientRefusesSends() throws Exception {
        start(handler, b -> b);
        JdkClient client = JdkClient.connect(uri());
        Session session = next(handler.opened);
        client.socket.sendClose(CloseCode.NORMAL_CLOSURE, "").join();
        next(handler.closes);
        assertFalse(session.isOpen());
        assertThrows(ConnectionClosedException.class, () -> session.sendText("too late"));
        assertEquals(0, server.broadcast(new TextMessage("nobody")));
    }
}

package io.wspy.server;

import io.wspy.connection.Session;
import io.wspy.extensions.PerMessageDeflate;
import io.wspy.frame.CloseCode;
import io.wspy.frame.CloseStatus;
import io.wspy.frame.Frame;
import io.wspy.frame.FrameHeader;
import io.wspy.frame.Opcode;
import io.wspy.handshake.ServerHandshakeConfig;
import io.wspy.protocol.BinaryMessage;
import io.wspy.protocol.Message;
import io.wspy.protocol.ProtocolConfig;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import java.util.zip.Deflater;

import static io.wspy.server.Recorder.next;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Attacks a public server meets, each against both servers: every one meets a limit with a clear
 * outcome (an HTTP error, a close code or a dropped connection), a well-behaved client is served
 * meanwhile, and memory stays bounded (by the server's own accounting where it has one, or by the
 * heap after garbage collection, with generous bounds). No assertion depends on timing.
 */
@Timeout(120)
class AttackTest {
    /** Heap growth allowed for an attack whose unprotected cost would be hundreds of MiB. */
    private static final long HEAP_SLACK = 64L << 20;

    @RegisterExtension
    final ServerFixture fixture = new ServerFixture();
    private final Recorder handler = fixture.handler;
    private WebSocketServer server;

    private void start(ServerKind kind, UnaryOperator<ServerConfig.Builder> options) throws Exception {
        server = fixture.start(kind, handler, options);
    }

    private RawClient connect() throws IOException {
        RawClient c = new RawClient(server.port());
        fixture.closeAfter(c);
        return c;
    }

    private RawClient upgraded(String extraHeaders) throws IOException {
        RawClient c = connect();
        c.send(RawClient.upgradeRequest("/", extraHeaders));
        String head = c.readHead();
        assertTrue(head.startsWith("HTTP/1.1 101"), head);
        return c;
    }

    /** A well-behaved client gets its message echoed: the server is still responsive. */
    private void assertResponsive() throws Exception {
        try (RawClient good = RawClient.upgraded(server.port(), "/")) {
            good.send(Frame.text("still there?"));
            Frame echo = good.readFrame();
            assertNotNull(echo, "the well-behaved client got no answer");
            assertEquals("still there?", echo.payloadText());
            good.send(Frame.close(CloseCode.NORMAL_CLOSURE, ""));
            good.readFrame();
        }
    }

    static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /**
     * The highest use of the heap's long-lived pools (old generation, where large arrays go) since
     * the last {@link #resetPeaks()}: a short-lived allocation of a gigabyte shows here even though
     * it is garbage by the time the test looks.
     */
    private static long oldGenerationPeak() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (isOldGeneration(pool)) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (isOldGeneration(pool)) {
                pool.resetPeakUsage();
            }
        }
    }

    private static boolean isOldGeneration(MemoryPoolMXBean pool) {
        return pool.getType() == MemoryType.HEAP && (pool.getName().contains("Old") || pool.getName().contains("Tenured"));
    }

    /** The close frame the server ends with, or fails if the connection ends without one. */
    private static CloseStatus closeFrom(RawClient c) throws IOException {
        for (Frame f = c.readFrame(); f != null; f = c.readFrame()) {
            if (f.opcode() == Opcode.CLOSE) {
                return CloseStatus.parse(f.payload());
            }
        }
        throw new AssertionError("the connection ended without a close frame");
    }

    // ---------------------------------------------------------------- handshake attacks

    /**
     * Slowloris: clients trickle their request a byte at a time. Each is dropped, unanswered, at the
     * handshake timeout, long before its request is complete; the server serves others meanwhile.
     */
    @ParameterizedTest
    @EnumSource(names = {"THREADED", "ASYNC"})
    void slowlorisIsDroppedAtTheHandshakeTimeout(ServerKind kind) throws Exception {
        start(kind, b -> b.handshakeTimeout(Duration.ofMillis(300)));
        byte[] request = RawClient.upgradeRequest("/", "X-Padding: " + "p".repeat(200) + "\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        int clients = 10;
        AtomicLong[] sent = new AtomicLong[clients];
        List<Thread> tricklers = new ArrayList<>();
        List<RawClient> slowClients = new ArrayList<>();
        CountDownLatch dropped = new CountDownLatch(clients);
        for (int i = 0; i < clients; i++) {
            RawClient slow = connect();
            slowClients.add(slow);
            AtomicLong count = new AtomicLong();
            sent[i] = count;
            Thread t = new Thread(() -> {
                try {
                    OutputStream out = slow.socket.getOutputStream();
                    for (byte b : request) {
                        out.write(b);
                        out.flush();
                        count.incrementAndGet();
                        Thread.sleep(100);
                    }
                } catch (IOException | InterruptedException e) {
                    dropped.countDown(); // the server closed the connection under the writer
                    return;
                }
                dropped.countDown();
            });
            t.setDaemon(true);
            t.start();
            tricklers.add(t);
        }
        assertResponsive();
        assertTrue(dropped.await(60, TimeUnit.SECONDS));
        for (int i = 0; i < clients; i++) {
            assertTrue(sent[i].get() < request.length, "a slow client got to send its whole request");
        }
        for (RawClient slow : slowClients) {
            assertEquals("", readQuietly(slow), "a slow client was answered instead of dropped");
        }
        assertEquals(0, server.clients().size());
    }

    /** What is left to read, or "" if the connection was reset. */
    private static String readQuietly(RawClient c) {
        try {
            return c.readToEnd();
        } catch (SocketException reset) {
            return "";
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Too many header lines: 431, then the connection is closed. */
    @ParameterizedTest
    @EnumSource(names = {"THREADED", "ASYNC"})
    void tooManyHeadersGet431(ServerKind kind) throws Exception {
        start(kind, b -> b);
        RawClient c = connect();
        c.send(RawClient.upgradeRequest("/", "X-Flood: 1\r\n".repeat(101)));
        assertTrue(c.readHead().startsWith("HTTP/1.1 431 "));
        assertResponsive();
    }

    /** A header larger than the whole head limit: 431. */
    @ParameterizedTest
    @EnumSource(names = {"THREADED", "ASYNC"})
    void hugeHeaderGets431(ServerKind kind) throws Exception {
        start(kind, b -> b);
        RawClient c = connect();
        c.send(RawClient.upgradeRequest("/", "X-Huge: " + "h".repeat(9000) + "\r\n"));
        assertTrue(c.readHead().startsWith("HTTP/1.1 431 "));
        assertResponsive();
    }

    /** A request-target over the limit: 414. */
    @ParameterizedTest
    @EnumSource(names = {"THREADED", "ASYNC"})
    void hugeTargetGets414(ServerKind kind) throws Exception {
        start(kind, b -> b);
        RawClient c = connect();
        c.send(RawClient.upgradeRequest("/" + "t".repeat(5000), ""));
        assertTrue(c.readHead().startsWith("HTTP/1.1 414 "));
        assertResponsive();
    }

    /**
     * An endless header: the server answers 431 once the head limit is passed and drops the
     * connection (at once, or after the close timeout it gives the response to be read) without
     * keeping what it reads; the sender is cut off.
     */
    @ParameterizedTest
    @EnumSource(names = {"THREADED", "ASYNC"})
    void endlessHeadersAreCutOffWith431(ServerKind kind) throws Exception {
        start(kind, b -> b.protocol(ProtocolConfig.defaults().withCloseTimeout(Duration.ofMillis(500))));
        RawClient c = connect();
        CountDownLatch cutOff = new CountDownLatch(1);
        Thread flooder = new Thread(() -> {
            byte[] lines = "X-Flood: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n".repeat(1000)
                    .getBytes(StandardCharsets.ISO_8859_1);
            try {
                OutputStream out = c.socket.getOutputStream();
                out.write("GET / HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.ISO_8859_1));
                while (true) {
                    out.write(lines);
                }
            } catch (IOException e) {
                cutOff.countDown();
            }
        });
        flooder.setDaemon(true);
        flooder.start();
        long before = usedHeapAfterGc();
        assertTrue(c.readHead().startsWith("HTTP/1.1 431 "));
        assertTrue(cutOff.await(60, TimeUnit.SECONDS), "the endless header was never cut off");
        assertTrue(usedHeapAfterGc() - before < HEAP_SLACK);
        assertResponsive();
    }

    // ---------------------------------------------------------------- frame attacks

    /** A frame header whose 64-bit length has the top bit set (2^63): 1002 at once, no payload needed. */
    @ParameterizedTest
    @EnumSource(names = {"THREADED", "ASYNC"})
    void twoToTheSixtyThirdByteFrameGets1002(ServerKind kind) throws Exception {
        start(kind, b -> b);
        long before = usedHeapAfterGc();
        RawClient c = upgraded("");
        c.send(hugeFrameHeader(Long.MIN_VALUE, 0));
        assertEquals(CloseCode.PROTOCOL_ERROR, closeFrom(c).code());
        assertTrue(usedHeapAfterGc() - before < HEAP_SLACK);
        assertResponsive();
    }

    /** A frame header announcing 2^62 bytes, over the frame limit: 1009 at once, nothing allocated for it. */
    @ParameterizedTest
    @EnumSource(names = {"THREADED", "ASYNC"})
    void twoToTheSixtySecondByteFrameGets1009(ServerKind kind) throws Exception {
        start(kind, b -> b);
        long before = usedHeapAfterGc();
        RawClient c = upgraded("");
        c.send(hugeFrameHeader(1L << 62, 0));
        assertEquals(CloseCode.MESSAGE_TOO_BIG, closeFrom(c).code());
        assertTrue(usedHeapAfterGc() - before < HEAP_SLACK);
        assertResponsive();
    }

    /**
     * Compressed frames announcing 200 MiB each, within a (large) configured limit, from eight
     * clients that then send nothing: the server must not reserve what a header announces, only
     * what arrives.
     */
    @ParameterizedTest
    @EnumSource(names = {"THREADED", "ASYNC"})
    void announcedButUnsentPayloadCostsNothing(ServerKind kind) throws Exception {
        long big = 256L << 20;
        start(kind, b -> b.handshake(deflateHandshake())
                .protocol(ProtocolConfig.defaults().withMaxFrameSize(big).withMaxMessageSize(big)));
        long before = usedHeapAfterGc();
        for (int i = 0; i < 8; i++) {
            RawClient c = upgraded("Sec-WebSocket-Extensions: permessage-deflate\r\n");
            c.send(hugeFrameHeader(200L << 20, FrameHeader.RSV1));
        }
        assertResponsive();
        long grown = usedHeapAfterGc() - before;
        assertTrue(grown < HEAP_SLACK, (grown >> 20) + " MiB held for 1600 MiB announced and not sent");
    }

    /**
     * Uncompressed frames announcing 200 MiB each, from eight clients that then send a little: a
     * message takes its whole buffer at once only within the server's allocation budget, so the
     * clients pin no more than the budget, and what they held comes back when they go.
     */
    @ParameterizedTest
    @EnumSource(names = {"THREADED", "ASYNC"})
    void announcedMessagesTakeNoMoreThanTheAllocationBudget(ServerKind kind) throws Exception {
        long big = 256L << 20;
        long budget = 16L << 20;
        start(kind, b -> b.messageAllocationBudget(budget)
                .protocol(ProtocolConfig.defaults().withMaxFrameSize(big).withMaxMessageSize(big)));
        long before = usedHeapAfterGc();
        List<RawClient> attackers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            RawClient c = upgraded("");
            c.send(hugeFrameHeader(i < 2 ? 7L << 20 : 200L << 20, 0));
            c.send(new byte[1000]);
            attackers.add(c);
        }
        assertResponsive();
        long held = server.context.messageBudget().reserved();
        assertEquals(14L << 20, held, "the two 7 MiB messages fit in the budget, the others follow their bytes");
        long grown = usedHeapAfterGc() - before;
        assertTrue(grown < budget + HEAP_SLACK, (grown >> 20) + " MiB held for 1214 MiB announced");
        for (RawClient c : attackers) {
            c.close();
        }
        for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
             server.context.messageBudget().reserved() != 0 && System.nanoTime() < deadline; ) {
            Thread.sleep(10);
        }
        assertEquals(0, server.context.messageBudget().reserved(), "messages cut short give their reservation back");
    }

    /** A binary frame header with a 64-bit length, masked, and no payload. */
    private static byte[] hugeFrameHeader(long length, int rsv) {
        ByteBuffer b = ByteBuffer.allocate(14);
        b.put((byte) (0x80 | (rsv << 4) | Opcode.BINARY)).put((byte) (0x80 | 127)).putLong(length).putInt(0x11223344);
        return b.array();
    }

    /** A message in 100,000 one-byte frames is accepted whole within the default 1 MiB message limit. */
    @ParameterizedTest
    @EnumSource(names = {"THREADED", "ASYNC"})
    void messageOfAHundredThousandTinyFramesIsAccepted(ServerKind kind) throws Exception {
        start(kind, b -> b);
        RawClient c = upgraded("");
        int n = 100_000;
        c.send(tinyFrames(c, n));
        Frame echo = c.readFrame();
        assertEquals(Opcode.BINARY, echo.opcode());
        assertEquals(n, echo.length());
        Message received = next(handler.messages);
        assertEquals(n, received.length());
        assertResponsive();
    }

    /** The same message against a 50,000-byte message limit: refused with 1009 when it passes the limit. */
    @ParameterizedTest
    @EnumSource(names = {"THREADED", "ASYNC"})
    void tinyFramesPastTheMessageLimitGet1009(ServerKind kind) throws Exception {
        start(kind, b -> b.protocol(ProtocolConfig.defaults().withMaxMessageSize(50_000)));
        RawClient c = upgraded("");
        Thread sender = new Thread(() -> {
            try {
                c.send(tinyFrames(c, 100_000));
            } catch (IOException cutOff) {
                // The server closed after the close frame.
            }
        });
        sender.setDaemon(true);
        sender.start();
        assertEquals(CloseCode.MESSAGE_TOO_BIG, closeFrom(c).code());
        assertTrue(handler.messages.isEmpty());
        assertResponsive();
    }

    /** {@code n} masked one-byte frames making one binary message. */
    private static byte[] tinyFrames(RawClient c, int n) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(n * 7);
        for (int i = 0; i < n; i++) {
            out.writeBytes(c.encode(new Frame(i == n - 1, 0, i == 0 ? Opcode.BINARY : Opcode.CONTINUATION,
                    ByteBuffer.wrap(new byte[] {(byte) i}))));
        }
        return out.toByteArray();
    }

    /** A 1 MiB compressed frame that inflates to 1 GiB: 1009 at the message limit, with bounded memory. */
    @ParameterizedTest
    @EnumSource(names = {"THREADED", "ASYNC"})
    void decompressionBombGets1009(ServerKind kind) throws Exception {
        start(kind, b -> b.handshake(deflateHandshake()));
        byte[] bomb = bomb();
        long before = usedHeapAfterGc();
        resetPeaks();
        RawClient c = upgraded("Sec-WebSocket-Extensions: permessage-deflate\r\n");
        c.send(c.encode(new Frame(true, FrameHeader.RSV1, Opcode.BINARY, ByteBuffer.wrap(bomb))));
        assertEquals(CloseCode.MESSAGE_TOO_BIG, closeFrom(c).code());
        long peak = oldGenerationPeak();
        assertTrue(peak - before < 4 * HEAP_SLACK, (peak >> 20) + " MiB at the peak for a bomb stopped at 1 MiB");
        assertTrue(usedHeapAfterGc() - before < HEAP_SLACK);
        assertResponsive();
    }

    private static ServerHandshakeConfig deflateHandshake() {
        return ServerHandshakeConfig.builder().extensions(List.of(PerMessageDeflate.builder().build())).build();
    }

    /**
     * 16 MiB of zeros, sync-flushed, refers only to itself: 64 copies in a row are one DEFLATE
     * stream that inflates to 1 GiB, in about 1 MiB (the sync tail removed, as RFC 7692 sends it).
     */
    private static byte[] bomb() {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        deflater.setInput(new byte[16 << 20]);
        ByteArrayOutputStream piece = new ByteArrayOutputStream();
        byte[] buffer = new byte[1 << 16];
        int n;
        do {
            n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
            piece.write(buffer, 0, n);
        } while (n == buffer.length || !deflater.needsInput());
        deflater.end();
        byte[] one = piece.toByteArray();
        byte[] bomb = new byte[one.length * 64 - 4];
        for (int i = 0; i < 64; i++) {
            System.arraycopy(one, 0, bomb, i * one.length, Math.min(one.length, bomb.length - i * one.length));
        }
        return bomb;
    }

    // ---------------------------------------------------------------- flood attacks

    /**
     * 200,000 pings of 125 bytes (25 MiB) from a client that reads none of its pongs. The pongs
     * back up; the server stops taking pings from that client instead of queueing pongs without
     * end. AsyncServer's queue for that client stays near its limit; the server stays responsive.
     */
    @ParameterizedTest
    @EnumSource(names = {"THREADED", "ASYNC"})
    void pingFloodFromAClientThatReadsNothingIsThrottled(ServerKind kind) throws Exception {
        long queueLimit = 256 << 10;
        start(kind, b -> b.outboundQueue(queueLimit, SlowReaderPolicy.CLOSE));
        RawClient flooder = upgraded("");
        flooder.socket.setReceiveBufferSize(4096);
        Session session = next(handler.opened);
        byte[] ping = flooder.encode(Frame.ping(new byte[125]));
        AtomicLong sent = new AtomicLong();
        Thread t = new Thread(() -> {
            try {
                OutputStream out = flooder.socket.getOutputStream();
                for (int i = 0; i < 200_000; i++) {
                    out.write(ping);
                    sent.incrementAndGet();
                }
            } catch (IOException closed) {
                // Closed at the end of the test.
            }
        });
        t.setDaemon(true);
        t.start();
        long last = -1;
        while (t.isAlive() && sent.get() != last) {
            // Wait until the flooder has sent everything or the server stopped reading from it.
            last = sent.get();
            t.join(500);
        }
        assertResponsive();
        // AsyncServer counts what it queues; the threaded server writes each pong itself and blocks
        // on the full socket, so it holds nothing beyond one pong.
        long queued = session.bufferedAmount();
        assertTrue(queued < queueLimit + (1 << 20), queued + " bytes of pongs queued for a client that reads nothing");
    }

    /**
     * 50 connections beyond a limit of 10: each is answered 503 with Retry-After, the 10 clients in
     * keep being served, and a slot that frees is taken again.
     */
    @ParameterizedTest
    @EnumSource(names = {"THREADED", "ASYNC"})
    void connectionFloodBeyondTheLimitGets503(ServerKind kind) throws Exception {
        start(kind, b -> b.maxConnections(10));
        List<RawClient> in = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            in.add(upgraded(""));
        }
        for (int i = 0; i < 50; i++) {
            RawClient refused = connect();
            refused.send(RawClient.upgradeRequest("/", ""));
            String head = refused.readHead();
            assertTrue(head.startsWith("HTTP/1.1 503 "), head);
            assertTrue(head.contains("\r\nRetry-After: "), head);
            refused.close();
        }
        for (RawClient c : in) {
            c.send(Frame.text("served"));
            assertEquals("served", c.readFrame().payloadText());
        }
        in.get(0).send(Frame.close(CloseCode.NORMAL_CLOSURE, ""));
        in.get(0).readFrame();
        assertNull(in.get(0).readFrame());
        in.get(0).close();
        RawClient again = null;
        for (int attempt = 0; again == null && attempt < 200; attempt++) {
            try {
                again = upgraded(""); // the slot frees just after the close is reported
            } catch (AssertionError | IOException stillFull) {
                Thread.sleep(20);
            }
        }
        assertNotNull(again, "a freed slot was not taken again");
    }

    /**
     * A client that never reads while the server sends it 64 KiB messages without end. AsyncServer
     * closes it with 1008 once its queue passes the limit; the threaded server's sender blocks on
     * that client only. Either way the other clients are served meanwhile.
     */
    @ParameterizedTest
    @EnumSource(names = {"THREADED", "ASYNC"})
    void clientThatNeverReadsIsClosedOrBlocksOnlyItself(ServerKind kind) throws Exception {
        long queueLimit = 1 << 20;
        CountDownLatch senderStopped = new CountDownLatch(1);
        AtomicLong sentBytes = new AtomicLong();
        Recorder flooding = new Recorder() {
            @Override
            public void onMessage(Session client, Message message) {
                if (!"flood me".equals(message.isText() ? ((io.wspy.protocol.TextMessage) message).text() : "")) {
                    super.onMessage(client, message);
                    return;
                }
                Thread sender = new Thread(() -> {
                    Message chunk = new BinaryMessage(new byte[64 << 10]);
                    try {
                        for (int i = 0; i < 10_000; i++) {
                            client.send(chunk);
                            sentBytes.addAndGet(chunk.length());
                        }
                    } catch (IOException refused) {
                        // AsyncServer: the CLOSE policy; threaded: the socket was closed under the sender.
                    } finally {
                        senderStopped.countDown();
                    }
                });
                sender.setDaemon(true);
                sender.start();
            }
        };
        server = fixture.start(kind, flooding, b -> b.outboundQueue(queueLimit, SlowReaderPolicy.CLOSE)
                .protocol(ProtocolConfig.defaults().withCloseTimeout(Duration.ofMillis(500))));
        RawClient sleeper = upgraded("");
        sleeper.socket.setReceiveBufferSize(4096);
        sleeper.send(Frame.text("flood me"));
        if (kind.isAsync()) {
            assertTrue(senderStopped.await(30, TimeUnit.SECONDS), "the sender was never refused");
            assertEquals("1008 outbound queue full", next(flooding.closes));
            assertTrue(sentBytes.get() < 64L << 20, sentBytes.get() + " bytes accepted for a client that reads nothing");
        } else {
            long last = -1;
            while (sentBytes.get() != last) {
                last = sentBytes.get();
                Thread.sleep(500); // until the sender is blocked by the client's full socket
            }
            assertEquals(1, senderStopped.getCount(), "the sender should be blocked, not finished");
        }
        assertResponsive();
        sleeper.close();
        assertTrue(senderStopped.await(30, TimeUnit.SECONDS));
    }

    // ---------------------------------------------------------------- cross-site WebSocket hijacking

    /**
     * With trusted origins set, a page from another origin (a browser always sends its Origin) is
     * refused with 403, and so is a request without Origin; the trusted origin gets in. The same
     * through a real browser is in e2e/browser-test.mjs.
     */
    @ParameterizedTest
    @EnumSource(names = {"THREADED", "ASYNC"})
    void crossSiteHandshakeIsRefusedWith403(ServerKind kind) throws Exception {
        start(kind, b -> b.handshake(ServerHandshakeConfig.builder().trustedOrigins("http://allowed.example").build()));
        for (String origin : new String[] {"Origin: http://evil.example\r\n", "Origin: http://allowed.example.evil.example\r\n",
            "Origin: null\r\n", ""}) {
            RawClient c = connect();
            c.send(RawClient.upgradeRequest("/", origin));
            String head = c.readHead();
            assertTrue(head.startsWith("HTTP/1.1 403 "), origin + " -> " + head);
        }
        RawClient allowed = upgraded("Origin: http://allowed.example\r\n");
        allowed.send(Frame.text("same origin"));
        assertEquals("same origin", allowed.readFrame().payloadText());
        assertTrue(handler.messages.size() == 1 && handler.opened.size() == 1, "only the trusted page got in");
    }
}

package io.wspy.bench.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.Deflater;

/**
 * The load generator: one thread, one selector, many {@link ClientConnection}s. Closed loop: each
 * connection keeps {@code inFlight} messages outstanding and sends the next one as soon as an echo
 * completes; the round trip of every echo in the measured window is recorded.
 */
final class LoadGenerator implements AutoCloseable {
    /** Connections being set up at once (the servers' backlogs are 1024; Java-WebSocket's and others' may be less). */
    private static final int MAX_PENDING = 200;
    private static final long SELF = ProcessHandle.current().pid();

    /** What one measured window gave. */
    record Window(long messages, double seconds, long p50Nanos, long p99Nanos, double serverCpuSeconds,
                  double generatorCpuSeconds) {
        double messagesPerSecond() {
            return messages / seconds;
        }

        double messagesPerServerCpuSecond() {
            return serverCpuSeconds <= 0 ? Double.NaN : messages / serverCpuSeconds;
        }
    }

    private final Selector selector;
    private final InetSocketAddress address;
    private final boolean webSocket;
    private final Random random = new Random(20261126);
    private final List<ClientConnection> connections = new ArrayList<>();
    private final LatencyHistogram latencies = new LatencyHistogram();
    private int opened;
    private long echoes;
    private boolean measuring;
    private boolean sending;

    LoadGenerator(InetSocketAddress address, boolean webSocket) throws IOException {
        this.selector = Selector.open();
        this.address = address;
        this.webSocket = webSocket;
    }

    /**
     * Opens {@code count} connections, each with its upgrade handshake done, and prepares each to
     * send {@code payload} as a binary message, or a text message if {@code text} ({@code inFlight}
     * at a time), compressed with permessage-deflate if {@code deflate} (which the server must then
     * accept).
     *
     * @throws IOException if a connection fails or they are not all open within {@code timeout}
     */
    void open(int count, boolean deflate, boolean text, byte[] payload, int inFlight, Duration timeout)
            throws IOException {
        byte[] wire = deflate ? compress(payload) : payload;
        long deadline = System.nanoTime() + timeout.toNanos();
        String host = address.getHostString() + ":" + address.getPort();
        int started = 0;
        while (opened < count) {
            while (started < count && started - opened < MAX_PENDING) {
                SocketChannel channel = SocketChannel.open();
                ClientConnection c = new ClientConnection(this, channel, host, webSocket, deflate, payload, random);
                c.prepare(wire, text, deflate, random.nextInt(), inFlight);
                c.key = channel.register(selector, SelectionKey.OP_CONNECT, c);
                connections.add(c);
                if (channel.connect(address)) {
                    c.connected();
                }
                started++;
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("only " + opened + " of " + count + " connections open after " + timeout);
            }
            pumpOnce(50);
        }
    }

    /** Number of connections open (handshake done). */
    int openCount() {
        return opened;
    }

    void opened(ClientConnection c) {
        opened++;
    }

    void echoed(ClientConnection c, long roundTrip, long now) {
        if (measuring) {
            echoes++;
            latencies.record(roundTrip);
        }
        if (sending) {
            c.send(now);
        }
    }

    /**
     * Runs the closed loop: {@code inFlight} messages per connection, {@code warmup} unmeasured,
     * then {@code measure} measured, with the CPU time of process {@code serverPid} and of this one
     * read at both ends of the measured window.
     */
    Window run(int inFlight, Duration warmup, Duration measure, long serverPid) throws IOException {
        sending = true;
        long now = System.nanoTime();
        for (ClientConnection c : connections) {
            for (int i = 0; i < inFlight; i++) {
                c.send(now);
            }
            c.flush();
        }
        pumpUntil(now + warmup.toNanos());
        latencies.reset();
        echoes = 0;
        double server0 = ProcStats.cpuSeconds(serverPid);
        double self0 = ProcStats.cpuSeconds(SELF);
        long t0 = System.nanoTime();
        measuring = true;
        pumpUntil(t0 + measure.toNanos());
        measuring = false;
        long t1 = System.nanoTime();
        double server1 = ProcStats.cpuSeconds(serverPid);
        double self1 = ProcStats.cpuSeconds(SELF);
        sending = false;
        return new Window(echoes, (t1 - t0) / 1e9, latencies.percentile(50), latencies.percentile(99),
                server1 - server0, self1 - self0);
    }

    /** Keeps the connections served (pings answered) for {@code time}. */
    void hold(Duration time) throws IOException {
        pumpUntil(System.nanoTime() + time.toNanos());
    }

    private void pumpUntil(long deadline) throws IOException {
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            pumpOnce(Math.max(1, Math.min(50, left / 1_000_000)));
        }
    }

    private void pumpOnce(long timeoutMillis) throws IOException {
        selector.select(timeoutMillis);
        long now = System.nanoTime();
        for (SelectionKey key : selector.selectedKeys()) {
            ClientConnection c = (ClientConnection) key.attachment();
            if (!key.isValid()) {
                continue;
            }
            if (key.isConnectable()) {
                c.connected();
                continue;
            }
            if (key.isReadable()) {
                c.read(now);
            }
            if (c.open && key.isValid()) {
                c.flush();
            }
        }
        selector.selectedKeys().clear();
    }

    /** Resets every connection and closes the selector. */
    @Override
    public void close() throws IOException {
        for (ClientConnection c : connections) {
            c.abort();
        }
        connections.clear();
        selector.close();
    }

    /** {@code message} as a permessage-deflate sender writes it from a fresh stream: sync flush, tail removed. */
    static byte[] compress(byte[] message) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        try {
            deflater.setInput(message);
            byte[] out = new byte[message.length + message.length / 8 + 64];
            int n = deflater.deflate(out, 0, out.length, Deflater.SYNC_FLUSH);
            if (n < 4 || n == out.length) {
                throw new IllegalStateException("unexpected deflate output of " + n + " bytes");
            }
            return Arrays.copyOf(out, n - 4);
        } finally {
            deflater.end();
        }
    }
}

package io.wspy.server;

import io.wspy.frame.CloseCode;
import io.wspy.frame.CloseStatus;
import io.wspy.frame.Role;
import io.wspy.handshake.ClientHandshake;
import io.wspy.handshake.ClientHandshakeConfig;
import io.wspy.handshake.HandshakeException;
import io.wspy.protocol.ProtocolConfig;
import io.wspy.protocol.ProtocolListener;
import io.wspy.protocol.ProtocolTimer;
import io.wspy.protocol.Transport;
import io.wspy.protocol.WebSocketProtocol;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.PriorityQueue;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The soak test's load client: many WebSocket connections on one NIO selector, each running wspy's
 * own {@link WebSocketProtocol} (client role). Every connection sends its share of numbered text
 * messages, a few in flight at a time, and checks that the echoes come back complete, once each
 * and in order. Runs in its own JVM (see {@link SoakTest}) so that client and server sockets do
 * not share one process's file-descriptor limit.
 *
 * <p>Arguments: host port connections messages-in-total. Prints one {@code SOAK ...} line and
 * exits with 0 if every message came back right and every connection closed with 1000.
 */
public final class SoakClient {
    private static final int IN_FLIGHT = 4;
    private static final int CONNECTING_AT_ONCE = 200;
    private static final long DEADLINE_MINUTES = 10;

    private final Selector selector;
    private final InetSocketAddress server;
    private final URI uri;
    private final int perConnection;
    private final ByteBuffer readBuffer = ByteBuffer.allocate(64 * 1024);
    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    private int connecting;
    private int closed;
    private long echoed;
    private long errors;
    private String firstError;

    private SoakClient(InetSocketAddress server, int perConnection) throws IOException {
        this.selector = Selector.open();
        this.server = server;
        this.uri = URI.create("ws://" + server.getHostString() + ":" + server.getPort() + "/");
        this.perConnection = perConnection;
    }

    public static void main(String[] args) throws Exception {
        InetSocketAddress server = new InetSocketAddress(args[0], Integer.parseInt(args[1]));
        int connections = Integer.parseInt(args[2]);
        long messages = Long.parseLong(args[3]);
        SoakClient client = new SoakClient(server, (int) (messages / connections));
        long start = System.nanoTime();
        client.run(connections);
        double seconds = (System.nanoTime() - start) / 1e9;
        long expected = (long) client.perConnection * connections;
        boolean ok = client.errors == 0 && client.echoed == expected && client.closed == connections;
        System.out.printf("SOAK connections=%d messages=%d echoed=%d closed=%d errors=%d seconds=%.1f %s%s%n",
                connections, expected, client.echoed, client.closed, client.errors, seconds, ok ? "OK" : "FAILED",
                client.firstError == null ? "" : " first error: " + client.firstError);
        System.exit(ok ? 0 : 1);
    }

    private void run(int connections) throws IOException {
        long deadline = System.nanoTime() + DEADLINE_MINUTES * 60_000_000_000L;
        int opened = 0;
        while (closed < connections && System.nanoTime() < deadline) {
            while (opened < connections && connecting < CONNECTING_AT_ONCE) {
                open(opened++);
            }
            long wait = timers.isEmpty() ? 100 : Math.max(1, timers.peek().due - System.currentTimeMillis());
            selector.select(Math.min(wait, 100));
            Iterator<SelectionKey> ready = selector.selectedKeys().iterator();
            while (ready.hasNext()) {
                SelectionKey key = ready.next();
                ready.remove();
                ((Conn) key.attachment()).onReady(key);
            }
            long now = System.currentTimeMillis();
            while (!timers.isEmpty() && timers.peek().due <= now) {
                Timer t = timers.poll();
                if (!t.cancelled && t.conn.protocol != null) {
                    t.conn.protocol.onTimer(t.timer);
                }
            }
        }
        if (closed < connections) {
            error("only " + closed + " of " + connections + " connections finished in time");
        }
    }

    private void open(int id) throws IOException {
        SocketChannel channel = SocketChannel.open();
        channel.configureBlocking(false);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        Conn conn = new Conn(id, channel);
        connecting++;
        if (channel.connect(server)) {
            conn.key = channel.register(selector, SelectionKey.OP_READ, conn);
            conn.connected();
        } else {
            conn.key = channel.register(selector, SelectionKey.OP_CONNECT, conn);
        }
    }

    private void error(String what) {
        errors++;
        if (firstError == null) {
            firstError = what;
        }
    }

    private static final class Timer implements Comparable<Timer> {
        final long due;
        final Conn conn;
        final ProtocolTimer timer;
        boolean cancelled;

        Timer(long due, Conn conn, ProtocolTimer timer) {
            this.due = due;
            this.conn = conn;
            this.timer = timer;
        }

        @Override
        public int compareTo(Timer o) {
            return Long.compare(due, o.due);
        }
    }

    /** One connection: its handshake, then its protocol, transport and message checks. */
    private final class Conn implements Transport, ProtocolListener {
        final int id;
        final SocketChannel channel;
        final ArrayDeque<ByteBuffer> output = new ArrayDeque<>();
        final Timer[] running = new Timer[ProtocolTimer.values().length];
        final StringBuilder message = new StringBuilder();
        SelectionKey key;
        ClientHandshake handshake;
        WebSocketProtocol protocol;
        int sent;
        int received;
        boolean done;

        Conn(int id, SocketChannel channel) {
            this.id = id;
            this.channel = channel;
        }

        void onReady(SelectionKey k) {
            try {
                if (k.isConnectable()) {
                    channel.finishConnect();
                    key.interestOps(SelectionKey.OP_READ);
                    connected();
                    return;
                }
                if (k.isWritable()) {
                    flush();
                }
                if (k.isValid() && k.isReadable()) {
                    readable();
                }
            } catch (IOException e) {
                fail("I/O: " + e);
            }
        }

        void connected() throws IOException {
            handshake = ClientHandshake.start(uri, ClientHandshakeConfig.defaults());
            write(ByteBuffer.wrap(handshake.request().toBytes()));
            flush();
        }

        void readable() throws IOException {
            readBuffer.clear();
            int n = channel.read(readBuffer);
            if (n < 0) {
                channel.close();
                if (protocol != null) {
                    protocol.transportClosed();
                } else {
                    fail("closed during the handshake");
                }
                return;
            }
            readBuffer.flip();
            if (protocol == null) {
                ClientHandshake.Outcome outcome;
                try {
                    outcome = handshake.receive(readBuffer);
                } catch (HandshakeException e) {
                    fail("handshake: " + e.getMessage());
                    return;
                }
                if (outcome == null) {
                    return;
                }
                if (!(outcome instanceof ClientHandshake.Accepted)) {
                    fail("handshake answered " + outcome.response().status());
                    return;
                }
                connecting--;
                protocol = new WebSocketProtocol(Role.CLIENT, ProtocolConfig.defaults()
                        .withMaskingKeys(() -> ThreadLocalRandom.current().nextInt()),
                        ((ClientHandshake.Accepted) outcome).extensions(), this, this);
                protocol.start();
                while (sent < IN_FLIGHT && sent < perConnection) {
                    sendNext();
                }
                if (perConnection == 0) {
                    protocol.close(CloseCode.NORMAL_CLOSURE, "");
                }
            }
            if (readBuffer.hasRemaining()) {
                protocol.receive(readBuffer);
            }
        }

        void sendNext() throws IOException {
            protocol.sendText(id + ":" + sent++);
        }

        void fail(String what) {
            error("connection " + id + ": " + what);
            if (handshake != null && protocol == null) {
                connecting--;
            }
            finish();
            try {
                channel.close();
            } catch (IOException ignored) {
                // Already failed.
            }
        }

        void finish() {
            if (!done) {
                done = true;
                closed++;
            }
        }

        // ---------------------------------------------------------------- Transport

        @Override
        public void write(ByteBuffer data) {
            ByteBuffer copy = ByteBuffer.allocate(data.remaining());
            copy.put(data).flip();
            output.add(copy);
        }

        @Override
        public void flush() throws IOException {
            while (!output.isEmpty()) {
                ByteBuffer head = output.peek();
                channel.write(head);
                if (head.hasRemaining()) {
                    key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
                    return;
                }
                output.poll();
            }
            if (key.isValid()) {
                key.interestOps(SelectionKey.OP_READ);
            }
        }

        @Override
        public void close() {
            try {
                flush();
                channel.shutdownOutput();
            } catch (IOException e) {
                abort();
            }
        }

        @Override
        public void abort() {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Nothing left to do.
            }
            if (protocol != null) {
                protocol.transportClosed();
            }
        }

        @Override
        public void schedule(ProtocolTimer timer, long delayMillis) {
            cancel(timer);
            Timer t = new Timer(System.currentTimeMillis() + delayMillis, this, timer);
            running[timer.ordinal()] = t;
            timers.add(t);
        }

        @Override
        public void cancel(ProtocolTimer timer) {
            Timer t = running[timer.ordinal()];
            if (t != null) {
                t.cancelled = true;
                running[timer.ordinal()] = null;
            }
        }

        // ---------------------------------------------------------------- ProtocolListener

        @Override
        public void onMessageStart(int opcode) {
            message.setLength(0);
        }

        @Override
        public void onMessageData(ByteBuffer data) {
            message.append(StandardCharsets.UTF_8.decode(data));
        }

        @Override
        public void onMessageEnd() {
            String expected = id + ":" + received;
            if (!expected.contentEquals(message)) {
                fail("expected echo " + expected + ", got " + message);
                return;
            }
            received++;
            echoed++;
            try {
                if (sent < perConnection) {
                    sendNext();
                } else if (received == perConnection) {
                    protocol.close(CloseCode.NORMAL_CLOSURE, "");
                }
            } catch (IOException e) {
                fail("send: " + e);
            }
        }

        @Override
        public void onClose(CloseStatus status) {
            if (status.code() != CloseCode.NORMAL_CLOSURE || received != perConnection) {
                fail("closed with " + status.code() + " after " + received + " of " + perConnection + " echoes");
                return;
            }
            finish();
        }
    }
}

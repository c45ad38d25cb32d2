package io.wspy.ssl;

import io.wspy.ssl.internal.TlsChannel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A one-thread selector loop serving {@link TlsChannel}s, driven exactly as the class Javadoc of
 * {@link TlsChannel} tells an AsyncServer to: on each event flush, read until 0, write what is
 * queued, then register {@code interestOps}. What a connection does with its plaintext is up to
 * its {@link Handler}, called on the loop thread.
 */
final class SelectorTlsServer implements AutoCloseable {
    /** What a connection does with what it reads. Called on the loop thread. */
    interface Handler {
        /** Plaintext arrived; valid during the call. */
        void onData(Conn conn, ByteBuffer data) throws IOException;

        /** The peer closed (close_notify or end of stream). The connection shuts down after this. */
        default void onEnd(Conn conn) {
        }

        /** The connection is closed, for whatever reason. */
        default void onClosed(Conn conn, IOException error) {
        }
    }

    /** One connection; its fields belong to the loop thread. */
    final class Conn {
        final SocketChannel socket;
        final TlsChannel tls;
        final Handler handler;
        private final ArrayDeque<ByteBuffer> queued = new ArrayDeque<>();
        private SelectionKey key;
        private boolean shutdownRequested;
        private boolean outputShut;
        private boolean tcpHalfClosed;
        private boolean peerDone;
        private boolean closed;

        private Conn(SocketChannel socket, ByteChannel wrapped, Function<Conn, Handler> handlers) throws IOException {
            this.socket = socket;
            this.tls = new TlsChannel(wrapped, serverTls.newEngine((InetSocketAddress) socket.getRemoteAddress()),
                    taskExecutor, () -> execute(this::process));
            this.handler = handlers.apply(this);
        }

        /** The server this connection belongs to. */
        SelectorTlsServer server() {
            return SelectorTlsServer.this;
        }

        /** Queues a copy of {@code data}; sent on this pass of the loop. */
        void send(ByteBuffer data) {
            ByteBuffer copy = ByteBuffer.allocate(data.remaining());
            copy.put(data).flip();
            queued.add(copy);
        }

        /** Sends close_notify once everything queued is sent, then half-closes TCP. */
        void shutdown() {
            shutdownRequested = true;
        }

        /** Closes at once. */
        void close(IOException error) {
            if (closed) {
                return;
            }
            closed = true;
            open.decrementAndGet();
            try {
                tls.close();
            } catch (IOException ignored) {
                // The test only needs the channel gone.
            }
            handler.onClosed(this, error);
        }

        private void process() {
            if (closed) {
                return;
            }
            try {
                tls.flush();
                int n;
                ByteBuffer buffer = readBuffer;
                while ((n = tls.read(buffer.clear())) > 0) {
                    handler.onData(this, buffer.flip());
                    if (closed) {
                        return;
                    }
                }
                if (n < 0 && !peerDone) {
                    peerDone = true;
                    handler.onEnd(this);
                    shutdownRequested = true;
                }
                while (!queued.isEmpty()) {
                    ByteBuffer head = queued.peek();
                    tls.write(head);
                    if (head.hasRemaining()) {
                        break;
                    }
                    queued.poll();
                }
                if (shutdownRequested && queued.isEmpty() && !outputShut) {
                    outputShut = true;
                    tls.shutdownOutput();
                }
                if (outputShut && !tcpHalfClosed && tls.flush()) {
                    tcpHalfClosed = true;
                    socket.shutdownOutput();
                }
                if (peerDone && tcpHalfClosed) {
                    close(null);
                    return;
                }
                key.interestOps(tls.interestOps(!queued.isEmpty()));
            } catch (IOException e) {
                close(e);
            }
        }
    }

    final ServerTls serverTls;
    final AtomicInteger open = new AtomicInteger();
    final AtomicInteger maxOpen = new AtomicInteger();
    final AtomicInteger taskBatches = new AtomicInteger();
    final List<Conn> connections = new CopyOnWriteArrayList<>();
    private final Function<Conn, Handler> handlers;
    private final UnaryOperator<ByteChannel> channelWrapper;
    private final ByteBuffer readBuffer;
    private final Selector selector;
    private final ServerSocketChannel listener;
    private final ConcurrentLinkedQueue<Runnable> pending = new ConcurrentLinkedQueue<>();
    private final ExecutorService taskPool = Executors.newFixedThreadPool(2);
    private final Executor taskExecutor;
    private final Thread loop;
    private volatile boolean running = true;

    /**
     * @param channelWrapper wraps each accepted channel (to feed bytes one at a time, say)
     * @param readBufferSize the loop's read buffer
     * @param inlineTasks    run the engine's tasks on the loop thread instead of a pool
     */
    SelectorTlsServer(ServerTls tls, Function<Conn, Handler> handlers, UnaryOperator<ByteChannel> channelWrapper,
                      int readBufferSize, boolean inlineTasks) throws IOException {
        this.serverTls = tls;
        this.handlers = handlers;
        this.channelWrapper = channelWrapper;
        this.readBuffer = ByteBuffer.allocate(readBufferSize);
        Executor runner = inlineTasks ? Runnable::run : taskPool;
        this.taskExecutor = command -> {
            taskBatches.incrementAndGet();
            runner.execute(command);
        };
        this.selector = Selector.open();
        this.listener = ServerSocketChannel.open();
        listener.bind(new InetSocketAddress("127.0.0.1", 0), 256);
        listener.configureBlocking(false);
        listener.register(selector, SelectionKey.OP_ACCEPT);
        this.loop = new Thread(this::run, "selector-tls-loop");
        loop.setDaemon(true);
        loop.start();
    }

    SelectorTlsServer(ServerTls tls, Function<Conn, Handler> handlers) throws IOException {
        this(tls, handlers, c -> c, 64 * 1024, false);
    }

    int port() {
        return listener.socket().getLocalPort();
    }

    Thread loopThread() {
        return loop;
    }

    /** Runs {@code action} on the loop thread. */
    void execute(Runnable action) {
        pending.add(action);
        selector.wakeup();
    }

    private void run() {
        try {
            while (running) {
                selector.select();
                for (Runnable r = pending.poll(); r != null; r = pending.poll()) {
                    r.run();
                }
                List<SelectionKey> ready = new ArrayList<>(selector.selectedKeys());
                selector.selectedKeys().clear();
                for (SelectionKey key : ready) {
                    if (!key.isValid()) {
                        continue;
                    }
                    if (key.isAcceptable()) {
                        accept();
                    } else {
                        ((Conn) key.attachment()).process();
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("selector loop failed", e);
        }
    }

    private void accept() throws IOException {
        for (SocketChannel socket = listener.accept(); socket != null; socket = listener.accept()) {
            socket.configureBlocking(false);
            socket.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
            Conn conn = new Conn(socket, channelWrapper.apply(socket), handlers);
            maxOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
            connections.add(conn);
            conn.key = socket.register(selector, conn.tls.interestOps(false), conn);
        }
    }

    @Override
    public void close() throws Exception {
        running = false;
        selector.wakeup();
        loop.join(5000);
        for (Conn c : connections) {
            c.close(null);
        }
        listener.close();
        selector.close();
        taskPool.shutdownNow();
        taskPool.awaitTermination(5, TimeUnit.SECONDS);
    }
}

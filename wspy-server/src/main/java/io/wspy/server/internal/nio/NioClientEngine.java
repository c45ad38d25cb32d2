package io.wspy.server.internal.nio;

import io.wspy.connection.ClientOptions;
import io.wspy.connection.ServerOptions;
import io.wspy.connection.internal.ClientRoute;
import io.wspy.connection.internal.SocketErrors;
import io.wspy.handshake.ClientHandshake;
import io.wspy.server.HandlerExecution;
import io.wspy.server.ServerConfig;
import io.wspy.server.internal.Quietly;
import io.wspy.server.internal.ServerContext;
import io.wspy.server.internal.Threads;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.channels.SocketChannel;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The non-blocking client's machinery: the same {@link SelectorLoop}s, {@link NioConnection}s and
 * sessions as the NIO server, with connections that this end opens. A small pool of connecting
 * threads resolves host names, connects (through a proxy if one applies) and hands each connected
 * channel to a loop, where TLS, the upgrade handshake and the protocol run without blocking.
 */
public final class NioClientEngine {
    private static final System.Logger LOG = System.getLogger("io.wspy.client");
    private static final int CONNECTING_THREADS = 4;
    private static final long MAX_SWEEP_MILLIS = 1000;
    private static final long MIN_SWEEP_MILLIS = 10;

    private final ServerConfig config;
    private final ServerOptions options;
    private final ClientOptions clientOptions;
    private final SelectorLoop[] loops;
    private final Executor handlerExecutor;
    private final ExecutorService ownHandlerExecutor;
    private final ExecutorService tlsTasks;
    private final ExecutorService connecting;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicLong ids = new AtomicLong();
    private volatile boolean closing;

    /**
     * Starts the loops.
     *
     * @param name          the threads' name prefix
     * @param config        selector threads, handler execution, outbound queue, inbound backlog, sent reporting
     * @param clientOptions handshake, protocol, timeouts, proxy and TLS of every connection
     */
    public NioClientEngine(String name, ServerConfig config, ClientOptions clientOptions) throws IOException {
        this.config = config;
        this.clientOptions = clientOptions;
        this.options = ServerOptions.defaults().withProtocol(clientOptions.protocol())
                .withHandshakeTimeout(clientOptions.handshakeTimeout());
        if (config.handlerExecution() == HandlerExecution.OFF_LOOP) {
            ownHandlerExecutor = config.handlerExecutor() == null ? Threads.handlerExecutor(name + "-handler") : null;
            handlerExecutor = ownHandlerExecutor != null ? ownHandlerExecutor : config.handlerExecutor();
        } else {
            ownHandlerExecutor = null;
            handlerExecutor = null;
        }
        this.tlsTasks = Threads.computePool(name + "-tls");
        this.connecting = Threads.computePool(name + "-connect", CONNECTING_THREADS);
        long sweep = Math.max(MIN_SWEEP_MILLIS, Math.min(MAX_SWEEP_MILLIS, options.handshakeTimeout().toMillis() / 4));
        this.loops = new SelectorLoop[config.selectorThreads()];
        try {
            for (int i = 0; i < loops.length; i++) {
                loops[i] = new SelectorLoop(name + "-loop-" + i, sweep, options.protocol().metrics());
            }
        } catch (IOException e) {
            close();
            throw e;
        }
        for (SelectorLoop loop : loops) {
            loop.start();
        }
    }

    /** The next connection's {@link io.wspy.connection.Session#id()}: 1, 2, 3... for this client. */
    public long nextClientId() {
        return ids.incrementAndGet();
    }

    /**
     * Connects to {@code uri}: {@code events} gets the session's events once the handshake is
     * done ({@code opened} first); {@code failed} gets why it could not be, naming the URI.
     *
     * @throws IllegalArgumentException if {@code uri} is not a {@code ws://} or {@code wss://} URI
     */
    public void connect(URI uri, ServerContext events, Consumer<Throwable> failed) {
        attempt(ClientHandshake.start(uri, clientOptions.handshake()), events, failed);
    }

    /** Runs one handshake on a new connection (the first, or after a redirect or a challenge). */
    void attempt(ClientHandshake handshake, ServerContext events, Consumer<Throwable> failed) {
        if (closing) {
            failed.accept(closed(handshake, null));
            return;
        }
        try {
            connecting.execute(() -> openChannel(handshake, events, failed));
        } catch (RuntimeException e) {
            failed.accept(closed(handshake, e));
        }
    }

    private static IOException closed(ClientHandshake handshake, Throwable cause) {
        return new IOException("the client is closed: not connecting to " + SocketErrors.shown(handshake.uri()), cause);
    }

    /** Connecting thread: resolves, connects, tunnels, then hands the channel to a loop. */
    private void openChannel(ClientHandshake handshake, ServerContext events, Consumer<Throwable> failed) {
        if (closing) {
            failed.accept(closed(handshake, null));
            return;
        }
        SocketChannel channel = null;
        try {
            channel = SocketChannel.open();
            ClientRoute.connect(channel.socket(), handshake.uri(), clientOptions);
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        } catch (IOException | RuntimeException | Error e) {
            // Whatever happens here, the caller hears of it: nothing else would complete its future.
            Quietly.close(channel);
            failed.accept(closing ? new IOException("the client closed while connecting to "
                    + SocketErrors.shown(handshake.uri()), e) : e);
            return;
        }
        SelectorLoop loop = loops[Math.floorMod(next.getAndIncrement(), loops.length)];
        SocketChannel connected = channel;
        open.incrementAndGet();
        loop.execute(() -> register(loop, connected, new ClientStage.Start(this, handshake, events, failed)));
    }

    private void register(SelectorLoop loop, SocketChannel channel, ClientStage.Start start) {
        ClientHost host = new ClientHost(this, start);
        NioConnection connection;
        try {
            connection = new NioConnection(loop, host, channel, false);
        } catch (IOException | RuntimeException e) {
            Quietly.close(channel);
            connectionGone();
            start.failed().accept(ClientStage.named(start.handshake().uri(), "setting up the connection failed", e));
            return;
        }
        try {
            connection.registered(loop.register(channel, connection));
        } catch (IOException e) {
            connection.closeChannel();
            return;
        }
        if (closing) {
            connection.closeChannel();
            return;
        }
        host.stage().begin();
    }

    void connectionGone() {
        open.decrementAndGet();
    }

    /** The connections open or opening. */
    public int connections() {
        return open.get();
    }

    /** Whether the client is closing: a session that opens now is closed at once. */
    public boolean isClosing() {
        return closing;
    }

    /**
     * Closes every connection with 1001, waits up to {@code timeoutMillis} for their closing
     * handshakes, then stops the loops and threads. Not from a loop thread.
     */
    public void close(long timeoutMillis) {
        if (onSelectorThread()) {
            throw new IllegalStateException("close() cannot be called from a selector loop thread: the loop "
                    + "would wait for itself. Call it from another thread.");
        }
        closing = true;
        // Attempts not started yet fail at once (the client is closing); one under way is interrupted.
        for (Runnable attempt : connecting.shutdownNow()) {
            attempt.run();
        }
        awaitTermination(connecting);
        for (SelectorLoop loop : loops) {
            if (loop != null) {
                loop.execute(() -> loop.forEachConnection(NioConnection::goingAway));
            }
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (open.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (SelectorLoop loop : loops) {
            if (loop != null) {
                loop.stop();
            }
        }
        long joinDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        for (SelectorLoop loop : loops) {
            if (loop != null) {
                loop.join(joinDeadline);
            }
        }
        tlsTasks.shutdownNow();
        awaitTermination(tlsTasks);
        if (ownHandlerExecutor != null) {
            ownHandlerExecutor.shutdown();
            awaitTermination(ownHandlerExecutor);
        }
    }

    private static void awaitTermination(ExecutorService executor) {
        try {
            executor.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void close() {
        close(0);
    }

    boolean onSelectorThread() {
        for (SelectorLoop loop : loops) {
            if (loop != null && loop.inLoop()) {
                return true;
            }
        }
        return false;
    }

    ServerConfig config() {
        return config;
    }

    ServerOptions options() {
        return options;
    }

    ClientOptions clientOptions() {
        return clientOptions;
    }

    Executor handlerExecutor() {
        return handlerExecutor;
    }

    ExecutorService tlsTasks() {
        return tlsTasks;
    }
}

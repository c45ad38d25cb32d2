package io.wspy.server.internal.nio;

import io.wspy.connection.ServerOptions;
import io.wspy.server.HandlerExecution;
import io.wspy.server.ServerConfig;
import io.wspy.server.internal.Engine;
import io.wspy.server.internal.Quietly;
import io.wspy.server.internal.Admission;
import io.wspy.server.internal.ServerContext;
import io.wspy.server.internal.Threads;
import io.wspy.ssl.internal.TlsChannel;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * The NIO server: an accepting thread that hands each new channel to one of the selector loops in
 * turn, the loops that run the connections, the executor of handler events when they run off the
 * loops, and with TLS the small pool that runs the TLS handshakes' slow tasks.
 */
public final class NioEngine implements Engine, LoopHost {
    private static final System.Logger LOG = System.getLogger("io.wspy.server");
    private static final long MAX_SWEEP_MILLIS = 1000;
    private static final long MIN_SWEEP_MILLIS = 10;

    private final ServerContext context;
    /** The server's connection and refusal counts. */
    private final Admission admission;
    private final ServerConfig config;
    private final ServerOptions options;
    private final ChannelIO.Opener opener;
    private final long idleMillis;
    private SelectorLoop[] loops;
    private Executor handlerExecutor;
    private ExecutorService ownExecutor;
    private ExecutorService tlsTasks;
    private ServerSocketChannel listener;
    private Thread acceptor;

    /**
     * An engine reporting to {@code context} and counting connections in {@code admission}, over
     * TLS if its configuration has some.
     */
    public NioEngine(ServerContext context, Admission admission) {
        this.context = context;
        this.admission = admission;
        this.config = context.config();
        this.options = config.options();
        this.opener = config.tls() == null ? (channel, wakeUp) -> new PlainChannelIO(channel) : this::openTls;
        this.idleMillis = config.idleTimeout().toMillis();
    }

    private ChannelIO openTls(SocketChannel channel, Runnable wakeUp) throws IOException {
        return new TlsChannelIO(channel, new TlsChannel(channel,
                config.tls().newEngine((InetSocketAddress) channel.getRemoteAddress()), tlsTasks, wakeUp));
    }

    @Override
    public InetSocketAddress listen() throws IOException {
        ServerSocketChannel channel = ServerSocketChannel.open();
        try {
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.bind(config.address(), config.backlog());
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        listener = channel;
        InetSocketAddress bound = (InetSocketAddress) channel.getLocalAddress();
        if (config.handlerExecution() == HandlerExecution.OFF_LOOP) {
            handlerExecutor = config.handlerExecutor();
            if (handlerExecutor == null) {
                ownExecutor = Threads.handlerExecutor("wspy-handler-" + bound.getPort());
                handlerExecutor = ownExecutor;
            }
        }
        if (config.tls() != null) {
            tlsTasks = Threads.computePool("wspy-tls-" + bound.getPort());
        }
        loops = new SelectorLoop[config.selectorThreads()];
        for (int i = 0; i < loops.length; i++) {
            loops[i] = new SelectorLoop("wspy-loop-" + bound.getPort() + "-" + i, sweepMillis(),
                    config.metrics());
        }
        for (SelectorLoop loop : loops) {
            loop.start();
        }
        acceptor = Threads.service("wspy-accept-" + bound.getPort(), this::acceptLoop);
        acceptor.start();
        return bound;
    }

    /** How often loops check handshake and idle deadlines: a quarter of the shortest, within bounds. */
    private long sweepMillis() {
        long shortest = options.handshakeTimeout().toMillis();
        if (idleMillis > 0) {
            shortest = Math.min(shortest, idleMillis);
        }
        return Math.max(MIN_SWEEP_MILLIS, Math.min(MAX_SWEEP_MILLIS, shortest / 4));
    }

    private void acceptLoop() {
        int next = 0;
        while (listener.isOpen()) {
            SocketChannel channel;
            try {
                channel = listener.accept();
            } catch (ClosedChannelException closed) {
                return;
            } catch (IOException e) {
                // Typically out of file descriptors: back off instead of spinning.
                LOG.log(System.Logger.Level.WARNING, "accept failed: {0}", e.toString());
                Threads.pauseBeforeRetry();
                continue;
            }
            boolean counted = admission.tryAcquireConnection();
            if (!counted && !admission.tryAcquireRefusal()) {
                Quietly.close(channel);
                continue;
            }
            SelectorLoop loop = loops[next];
            next = (next + 1) % loops.length;
            try {
                channel.configureBlocking(false);
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            } catch (IOException e) {
                Quietly.close(channel);
                connectionGone(!counted);
                continue;
            }
            loop.execute(() -> register(loop, channel, !counted));
        }
    }

    private void register(SelectorLoop loop, SocketChannel channel, boolean overLimit) {
        NioConnection connection;
        try {
            connection = new NioConnection(loop, this, channel, overLimit);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "setting up a connection failed: {0}", e.toString());
            Quietly.close(channel);
            connectionGone(overLimit);
            return;
        }
        try {
            connection.registered(loop.register(channel, connection));
        } catch (IOException e) {
            connection.closeChannel();
        }
    }

    /** A connection (counted, or refused for being over the limit) is closed. */
    @Override
    public void connectionGone(boolean overLimit) {
        if (overLimit) {
            admission.releaseRefusal();
        } else {
            admission.releaseConnection();
        }
    }

    @Override
    public void checkCanStop() {
        if (onSelectorThread()) {
            throw new IllegalStateException("stop() cannot be called from a selector loop thread: the loop "
                    + "would wait for itself. Call it from another thread.");
        }
    }

    @Override
    public void shutdown(long deadlineNanos) {
        Quietly.close(listener);
        Threads.join(acceptor, deadlineNanos);
        for (SelectorLoop loop : loops) {
            loop.execute(() -> loop.forEachConnection(NioConnection::goingAway));
        }
        if (!admission.awaitNoConnections(deadlineNanos)) {
            LOG.log(System.Logger.Level.DEBUG, "clients did not close in time; dropping them");
        }
        for (SelectorLoop loop : loops) {
            loop.stop();
        }
        long joinDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        for (SelectorLoop loop : loops) {
            loop.join(joinDeadline);
        }
        if (tlsTasks != null) {
            tlsTasks.shutdownNow();
        }
        if (ownExecutor != null) {
            ownExecutor.shutdown();
            try {
                ownExecutor.awaitTermination(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Opens the byte stream of an accepted channel: plain TCP, or TLS. */
    @Override
    public ChannelIO open(SocketChannel channel, Runnable wakeUp) throws IOException {
        return opener.open(channel, wakeUp);
    }

    @Override
    public OpeningStage openingStage(NioConnection connection, SelectorLoop loop, boolean overLimit) {
        return new HandshakeStage(connection, this, loop, overLimit);
    }

    @Override
    public ServerContext context() {
        return context;
    }

    @Override
    public ServerConfig config() {
        return config;
    }

    @Override
    public ServerOptions options() {
        return options;
    }

    @Override
    public long idleMillis() {
        return idleMillis;
    }

    /** The executor of handler events, or {@code null} if they run on the loops. */
    @Override
    public Executor handlerExecutor() {
        return handlerExecutor;
    }

    /** Whether the calling thread is one of this engine's selector loops. */
    @Override
    public boolean onSelectorThread() {
        if (loops != null) {
            for (SelectorLoop loop : loops) {
                if (loop.inLoop()) {
                    return true;
                }
            }
        }
        return false;
    }
}

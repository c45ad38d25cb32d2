package io.wspy.server;

import io.wspy.connection.Session;
import io.wspy.frame.ProtocolException;
import io.wspy.metrics.CountingMetrics;
import io.wspy.protocol.AllocationBudget;
import io.wspy.protocol.Message;
import io.wspy.protocol.PreparedMessage;
import io.wspy.server.internal.Admission;
import io.wspy.server.internal.ClientSession;
import io.wspy.server.internal.Engine;
import io.wspy.server.internal.HandlerFailure;
import io.wspy.server.internal.Logging;
import io.wspy.server.internal.MetricsMBean;
import io.wspy.server.internal.ServerContext;

import javax.management.ObjectName;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * What {@link Server} and {@link AsyncServer} have in common: the life cycle, the clients, the
 * broadcast, and the {@link WebSocketHandler} events.
 *
 * <p>Two ways to handle events: subclass a server and override its
 * {@code on...} methods, or pass a {@link WebSocketHandler}. The server's own {@code on...} methods
 * call the handler passed (if any), so an override that calls {@code super} keeps it.
 *
 * <p>Life cycle: {@link #start()} binds and returns; {@link #run()} starts and blocks until the
 * server is stopped, by {@link #stop()} from another thread or by Ctrl-C (a shutdown hook). A
 * server starts once. {@link #stop()} is graceful: it stops accepting, sends every client a close
 * frame with {@link io.wspy.frame.CloseCode#GOING_AWAY 1001}, waits up to
 * {@link ServerConfig#shutdownTimeout()} for the closing handshakes, then drops what is left.
 *
 * <p>Logging goes through {@link System.Logger} {@code io.wspy.server}: the server's start and stop
 * at {@code INFO}, every client event at {@code DEBUG}, a failing handler at {@code WARNING}. With
 * {@link ServerConfig#logLevel()} set, starting sets the level of the {@code io.wspy} loggers
 * (nothing else) when {@code System.Logger} is backed by {@code java.util.logging}, the JDK's
 * default; behind another logging framework, configure the level there.
 */
public abstract sealed class WebSocketServer implements WebSocketHandler, AutoCloseable permits Server, AsyncServer {
    static final System.Logger LOG = System.getLogger("io.wspy.server");

    private enum State { NEW, RUNNING, STOPPING, STOPPED }

    private final ServerConfig config;
    private final WebSocketHandler handler;
    private final Set<ClientSession> clients = ConcurrentHashMap.newKeySet();
    private final Set<Session> clientsView = Collections.unmodifiableSet(clients);
    private final Admission admission;
    private final List<Consumer<? super Session>> closeListeners = new CopyOnWriteArrayList<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private State state = State.NEW;
    private volatile boolean stopping;
    private volatile InetSocketAddress localAddress;
    /** The metrics MBean's name while it is registered. */
    private volatile ObjectName metricsBean;
    final ServerContext context;

    private final Engine engine;

    WebSocketServer(ServerConfig config, WebSocketHandler handler, BiFunction<ServerContext, Admission, Engine> engineFactory) {
        if (config == null) {
            throw new IllegalArgumentException("config must not be null");
        }
        this.config = config;
        this.handler = handler == null ? new WebSocketHandler() { } : handler;
        this.admission = new Admission(config.maxConnections());
        this.context = new Context();
        this.engine = engineFactory.apply(context, admission);
    }

    // ---------------------------------------------------------------- life cycle

    /**
     * Binds the listening socket and starts serving; returns at once.
     *
     * @throws IOException           if the address cannot be bound ({@link BindException} names it)
     * @throws IllegalStateException if the server was already started
     */
    public final void start() throws IOException {
        synchronized (this) {
            if (state != State.NEW) {
                throw new IllegalStateException("a server starts once; it is " + state);
            }
            state = State.RUNNING;
        }
        if (config.logLevel() != null && !Logging.setLevel(config.logLevel())) {
            LOG.log(System.Logger.Level.INFO, "logLevel ignored: System.Logger is not backed by java.util.logging");
        }
        try {
            localAddress = engine.listen();
        } catch (BindException e) {
            markStopped();
            BindException named = new BindException("cannot listen on " + config.address() + ": " + e.getMessage());
            named.initCause(e);
            throw named;
        } catch (IOException | RuntimeException e) {
            markStopped();
            throw e;
        }
        registerMetricsBean();
        LOG.log(System.Logger.Level.INFO, "{0} listening on {1}", getClass().getSimpleName(), localAddress);
    }

    /** Publishes counting metrics over JMX, if so configured. */
    private void registerMetricsBean() {
        if (config.jmx() && config.metrics() instanceof CountingMetrics) {
            String kind = this instanceof Server ? "Server" : "AsyncServer";
            String name = config.jmxName() != null ? config.jmxName()
                    : "io.wspy:type=WebSocketServer,name=" + kind + "-" + localAddress.getPort();
            metricsBean = MetricsMBean.register((CountingMetrics) config.metrics(), name);
        }
    }

    /** The JMX name of this server's metrics while it runs, or {@code null} if they are not published. */
    public final ObjectName metricsObjectName() {
        return metricsBean;
    }

    /**
     * Starts the server (unless {@link #start()} was called already) and blocks until it is
     * stopped: by {@link #stop()} from another thread, by an interrupt of the calling thread, or
     * by Ctrl-C (SIGINT/SIGTERM), after which it stops gracefully before the JVM exits.
     *
     * @throws IOException if the address cannot be bound
     */
    public final void run() throws IOException {
        boolean notStarted;
        synchronized (this) {
            notStarted = state == State.NEW;
        }
        if (notStarted) {
            start();
        }
        Thread hook = new Thread(this::stop, "wspy-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            stop();
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is exiting and runs the hook itself.
        }
    }

    /**
     * Stops gracefully (see the class description) and returns once the server is down. Calling
     * it again, or from several threads, waits for the same stop.
     *
     * @throws IllegalStateException if called from an {@link AsyncServer} event running on a
     *                               selector loop, which the stop would wait for
     */
    public final void stop() {
        engine.checkCanStop();
        synchronized (this) {
            if (state == State.NEW || state == State.STOPPED) {
                markStopped();
                return;
            }
            if (state == State.STOPPING) {
                awaitStopped();
                return;
            }
            state = State.STOPPING;
            stopping = true;
        }
        LOG.log(System.Logger.Level.INFO, "{0} on {1} stopping", getClass().getSimpleName(), localAddress);
        try {
            engine.shutdown(System.nanoTime() + config.shutdownTimeout().toNanos());
        } finally {
            ObjectName bean = metricsBean;
            if (bean != null) {
                metricsBean = null;
                MetricsMBean.unregister(bean);
            }
            markStopped();
            LOG.log(System.Logger.Level.INFO, "{0} on {1} stopped", getClass().getSimpleName(), localAddress);
        }
    }

    /** Same as {@link #stop()}. */
    @Override
    public final void close() {
        stop();
    }

    private synchronized void markStopped() {
        state = State.STOPPED;
        stopped.countDown();
    }

    private void awaitStopped() {
        boolean interrupted = false;
        while (true) {
            try {
                stopped.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether the server is started and not yet stopping. */
    public final synchronized boolean isRunning() {
        return state == State.RUNNING;
    }

    // ---------------------------------------------------------------- what applications use

    /** The configuration. */
    public final ServerConfig config() {
        return config;
    }

    /** The address the server listens on (with the actual port if port 0 was asked), or {@code null} before {@link #start()}. */
    public final InetSocketAddress localAddress() {
        return localAddress;
    }

    /** The port the server listens on, or -1 before {@link #start()}. */
    public final int port() {
        InetSocketAddress a = localAddress;
        return a == null ? -1 : a.getPort();
    }

    /**
     * The clients whose handshake is done and whose close has not been reported yet: a live,
     * unmodifiable view, safe to iterate while clients come and go.
     */
    public final Set<Session> clients() {
        return clientsView;
    }

    /** Sends {@code message} to every client; see {@link #broadcast(Message, Predicate)}. */
    public final int broadcast(Message message) {
        return broadcast(message, client -> true);
    }

    /**
     * Sends {@code message} to every client that {@code to} accepts. The message is encoded once
     * for all of them. Best effort: a client that is closing, or refuses the message under its
     * {@link SlowReaderPolicy}, is skipped (logged at {@code DEBUG}). See each server for whether
     * a slow client can hold the broadcast up. Tests every client; to reach a known group (a
     * room), {@link #broadcast(Message, Collection)} visits only its members.
     *
     * @return the number of clients the message was handed to
     */
    public final int broadcast(Message message, Predicate<? super Session> to) {
        PreparedMessage prepared = prepare(message);
        int sent = 0;
        for (ClientSession client : clients) {
            if (to.test(client) && deliver(prepared, client)) {
                sent++;
            }
        }
        return sent;
    }

    /**
     * Sends {@code message} to each of {@code members} that is a client of this server, encoded
     * once for all of them, visiting only the members (not every client): the way to reach a room.
     * Sessions of other servers, closed clients and clients that refuse the message under their
     * {@link SlowReaderPolicy} are skipped, as in {@link #broadcast(Message, Predicate)}.
     *
     * @return the number of clients the message was handed to
     * @throws IllegalArgumentException if {@code message} or {@code members} is null
     */
    public final int broadcast(Message message, Collection<? extends Session> members) {
        if (message == null || members == null) {
            throw new IllegalArgumentException("message and members must not be null");
        }
        PreparedMessage prepared = prepare(message);
        int sent = 0;
        for (Session member : members) {
            if (member instanceof ClientSession && clients.contains(member)
                    && deliver(prepared, (ClientSession) member)) {
                sent++;
            }
        }
        return sent;
    }

    private PreparedMessage prepare(Message message) {
        return new PreparedMessage(message, config.options().protocol().fragmentSize());
    }

    private static boolean deliver(PreparedMessage prepared, ClientSession client) {
        try {
            client.send(prepared);
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "broadcast to {0} skipped: {1}", client, e.toString());
            return false;
        }
    }

    /**
     * Adds a listener told of every client whose connection closed, after it left
     * {@link #clients()} and before the handler's {@code onClose}, on the thread that runs that
     * event: for a library that tracks clients (rooms, presence) without owning the handler.
     * A listener that throws is logged at {@code WARNING} and does not stop the others.
     *
     * @throws IllegalArgumentException if {@code listener} is null
     */
    public final void addCloseListener(Consumer<? super Session> listener) {
        if (listener == null) {
            throw new IllegalArgumentException("listener must not be null");
        }
        closeListeners.add(listener);
    }

    /** Removes a listener added by {@link #addCloseListener}; returns whether it was there. */
    public final boolean removeCloseListener(Consumer<? super Session> listener) {
        return closeListeners.remove(listener);
    }

    // ---------------------------------------------------------------- events: call the handler

    @Override
    public void onOpen(Session client) {
        handler.onOpen(client);
    }

    @Override
    public void onMessage(Session client, Message message) {
        handler.onMessage(client, message);
    }

    @Override
    public void onClose(Session client, int code, String reason) {
        handler.onClose(client, code, reason);
    }

    @Override
    public void onError(Session client, Throwable error) {
        handler.onError(client, error);
    }

    @Override
    public void onPing(Session client, byte[] payload) {
        handler.onPing(client, payload);
    }

    @Override
    public void onPong(Session client, byte[] payload) {
        handler.onPong(client, payload);
    }

    @Override
    public void onSent(Session client, Message message) {
        handler.onSent(client, message);
    }

    /** Routes connection events to the {@code on...} methods, with logging and failure capture. */
    private final class Context implements ServerContext {
        private final boolean wantsSent = config.reportSent();
        private final AllocationBudget messageBudget = new AllocationBudget(config.messageAllocationBudget());

        @Override
        public ServerConfig config() {
            return config;
        }

        @Override
        public AllocationBudget messageBudget() {
            return messageBudget;
        }

        @Override
        public long nextClientId() {
            return admission.nextClientId();
        }

        @Override
        public boolean isStopping() {
            return stopping;
        }

        @Override
        public void opened(ClientSession client) {
            clients.add(client);
            debug("{0} connected", client);
            try {
                onOpen(client);
            } catch (Throwable t) {
                throw new HandlerFailure(t);
            }
        }

        @Override
        public void message(ClientSession client, Message message) {
            if (LOG.isLoggable(System.Logger.Level.DEBUG)) {
                LOG.log(System.Logger.Level.DEBUG, "{0} sent a {1}-byte {2} message", client, message.length(),
                        message.isText() ? "text" : "binary");
            }
            try {
                onMessage(client, message);
            } catch (Throwable t) {
                throw new HandlerFailure(t);
            }
        }

        @Override
        public void ping(ClientSession client, byte[] payload) {
            debug("{0} pinged", client);
            try {
                onPing(client, payload);
            } catch (Throwable t) {
                throw new HandlerFailure(t);
            }
        }

        @Override
        public void pong(ClientSession client, byte[] payload) {
            debug("{0} ponged", client);
            try {
                onPong(client, payload);
            } catch (Throwable t) {
                throw new HandlerFailure(t);
            }
        }

        @Override
        public void sent(ClientSession client, Message message) {
            try {
                onSent(client, message);
            } catch (Throwable t) {
                throw new HandlerFailure(t);
            }
        }

        @Override
        public boolean wantsSent() {
            return wantsSent;
        }

        @Override
        public void error(ClientSession client, Throwable error) {
            Throwable cause = HandlerFailure.unwrap(error);
            if (error instanceof HandlerFailure) {
                LOG.log(System.Logger.Level.WARNING, "handler failed for " + client + "; closing it with 1011", cause);
            } else if (cause instanceof ProtocolException) {
                debug("{0} broke the protocol: {1}", client, cause.getMessage());
            } else {
                LOG.log(System.Logger.Level.DEBUG, "error on " + client, cause);
            }
            try {
                onError(client, cause);
            } catch (Throwable t) {
                LOG.log(System.Logger.Level.WARNING, "onError failed for " + client, t);
            }
        }

        @Override
        public void closed(ClientSession client, int code, String reason) {
            clients.remove(client);
            if (LOG.isLoggable(System.Logger.Level.DEBUG)) {
                LOG.log(System.Logger.Level.DEBUG, "{0} disconnected: {1} {2}", client, code, reason);
            }
            for (Consumer<? super Session> listener : closeListeners) {
                try {
                    listener.accept(client);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "close listener failed for " + client, e);
                }
            }
            try {
                onClose(client, code, reason);
            } catch (Throwable t) {
                throw new HandlerFailure(t);
            }
        }

        private void debug(String format, Object... args) {
            if (LOG.isLoggable(System.Logger.Level.DEBUG)) {
                LOG.log(System.Logger.Level.DEBUG, format, args);
            }
        }
    }
}

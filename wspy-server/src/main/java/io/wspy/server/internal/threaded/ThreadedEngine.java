package io.wspy.server.internal.threaded;

import io.wspy.connection.ServerOptions;
import io.wspy.connection.WebSocket;
import io.wspy.handshake.HandshakeException;
import io.wspy.metrics.internal.UpgradeReport;
import io.wspy.server.ServerConfig;
import io.wspy.server.internal.Engine;
import io.wspy.server.internal.Overload;
import io.wspy.server.internal.Quietly;
import io.wspy.server.internal.Admission;
import io.wspy.server.internal.ServerContext;
import io.wspy.server.internal.Threads;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The threaded server: one accepting thread, and a thread per connection (virtual where the JDK
 * has them) that runs the handshake (TLS, then the HTTP upgrade), within the handshake timeout,
 * and then the connection's {@link ThreadedClient#receiveForever()} loop, which calls the handler.
 */
public final class ThreadedEngine implements Engine {
    private static final System.Logger LOG = System.getLogger("io.wspy.server");

    private final ServerContext context;
    /** The server's connection and refusal counts. */
    private final Admission admission;
    private final ServerConfig config;
    private final ServerOptions options;
    private final Set<ThreadedClient> live = ConcurrentHashMap.newKeySet();
    private final Set<Socket> handshaking = ConcurrentHashMap.newKeySet();
    private final ThreadFactory threads = Threads.perTask("wspy-client");
    private ServerSocket listener;
    private Thread acceptor;
    private ScheduledThreadPoolExecutor idleSweeper;

    /** An engine reporting to {@code context}, counting connections in {@code admission}. */
    public ThreadedEngine(ServerContext context, Admission admission) {
        this.context = context;
        this.admission = admission;
        this.config = context.config();
        this.options = config.options();
    }

    @Override
    public InetSocketAddress listen() throws IOException {
        // Accepted TLS sockets handshake on their first read: on the client's thread, within the
        // handshake timeout (WebSocket.upgradeServer watches the whole TLS handshake). Plain
        // sockets are accepted through a channel, which their transport writes from a direct buffer.
        ServerSocket socket = config.tls() == null ? ServerSocketChannel.open().socket()
                : config.tls().serverSocketFactory().createServerSocket();
        try {
            socket.setReuseAddress(true);
            socket.bind(config.address(), config.backlog());
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        listener = socket;
        InetSocketAddress bound = (InetSocketAddress) socket.getLocalSocketAddress();
        acceptor = Threads.service("wspy-accept-" + bound.getPort(), this::acceptLoop);
        acceptor.start();
        if (!config.idleTimeout().isZero()) {
            startIdleSweeper(config.idleTimeout());
        }
        return bound;
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                if (!listener.isClosed()) {
                    // Typically out of file descriptors: back off instead of spinning.
                    LOG.log(System.Logger.Level.WARNING, "accept failed: {0}", e.toString());
                    Threads.pauseBeforeRetry();
                }
                continue;
            }
            if (admission.tryAcquireConnection()) {
                threads.newThread(() -> serve(socket)).start();
            } else {
                refuse(socket);
            }
        }
    }

    private void serve(Socket socket) {
        ThreadedClient client = null;
        try {
            client = upgrade(socket);
            live.add(client);
            client.run();
        } catch (HandshakeException e) {
            LOG.log(System.Logger.Level.DEBUG, "handshake from {0} answered {1}: {2}",
                    socket.getRemoteSocketAddress(), e.status(), e.getMessage());
        } catch (SocketTimeoutException e) {
            LOG.log(System.Logger.Level.DEBUG, "handshake from {0} timed out", socket.getRemoteSocketAddress());
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "connection from {0} failed: {1}", socket.getRemoteSocketAddress(),
                    e.toString());
        } catch (Throwable t) {
            LOG.log(System.Logger.Level.WARNING, "connection thread for " + socket.getRemoteSocketAddress() + " failed", t);
        } finally {
            Quietly.close(socket);
            if (client != null) {
                live.remove(client);
                client.ended();
            }
            admission.releaseConnection();
        }
    }

    /**
     * The handshake, and the client that takes the socket over; the upgraded {@link WebSocket}
     * stays in this frame, so that the thread serving the client does not keep it.
     */
    private ThreadedClient upgrade(Socket socket) throws IOException {
        handshaking.add(socket);
        WebSocket webSocket;
        try {
            webSocket = WebSocket.upgradeServer(socket, options);
        } finally {
            handshaking.remove(socket);
        }
        return new ThreadedClient(webSocket, context);
    }

    private void refuse(Socket socket) {
        if (!admission.tryAcquireRefusal()) {
            Quietly.close(socket);
            return;
        }
        threads.newThread(() -> {
            try {
                if (Refusal.answer(socket, options.handshake().limits(), options.handshakeTimeout())) {
                    UpgradeReport.refused(config.metrics(), Overload.STATUS, "over the connection limit",
                            socket.getRemoteSocketAddress());
                }
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "refusing {0} failed: {1}", socket.getRemoteSocketAddress(),
                        e.toString());
            } finally {
                Quietly.close(socket);
                admission.releaseRefusal();
            }
        }).start();
    }

    private void startIdleSweeper(Duration idle) {
        long period = Math.max(10, Math.min(1000, idle.toMillis() / 4));
        idleSweeper = new ScheduledThreadPoolExecutor(1, task -> {
            Thread t = new Thread(task, "wspy-idle-" + listener.getLocalPort());
            t.setDaemon(true);
            return t;
        });
        long limit = idle.toMillis();
        idleSweeper.scheduleWithFixedDelay(() -> {
            long now = ThreadedClient.nowMillis();
            for (ThreadedClient c : live) {
                if (c.session().claimIdleClose(now, limit)) {
                    inBackground(c.session()::idleOut);
                }
            }
        }, period, period, TimeUnit.MILLISECONDS);
    }

    /** Starts a closing handshake on another thread: a close can block on a client that does not read. */
    private void inBackground(Runnable close) {
        threads.newThread(close).start();
    }

    @Override
    public void shutdown(long deadlineNanos) {
        Quietly.close(listener);
        Threads.join(acceptor, deadlineNanos);
        handshaking.forEach(Quietly::close);
        for (ThreadedClient c : live) {
            inBackground(c.session()::goingAway);
        }
        if (!admission.awaitNoConnections(deadlineNanos)) {
            LOG.log(System.Logger.Level.DEBUG, "{0} clients did not close in time; dropping them", live.size());
            live.forEach(ThreadedClient::abort);
            handshaking.forEach(Quietly::close);
            admission.awaitNoConnections(System.nanoTime() + TimeUnit.SECONDS.toNanos(1));
        }
        if (idleSweeper != null) {
            idleSweeper.shutdownNow();
        }
    }
}

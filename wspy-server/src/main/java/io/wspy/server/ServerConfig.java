package io.wspy.server;

import io.wspy.connection.HttpHandler;
import io.wspy.connection.ServerOptions;
import io.wspy.handshake.PathTemplate;
import io.wspy.handshake.ServerHandshakeConfig;
import io.wspy.handshake.UpgradeHandler;
import io.wspy.metrics.CountingMetrics;
import io.wspy.metrics.WebSocketMetrics;
import io.wspy.protocol.ProtocolConfig;
import io.wspy.ssl.ServerTls;

import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * Everything a {@link Server} or {@link AsyncServer} is configured with. Immutable; build one with
 * {@link #builder()}. The handshake (paths, origins, subprotocols, extensions, authentication,
 * header limits), the protocol (frame and message limits, close timeout, keepalive), the handshake
 * timeout and the handler of plain HTTP requests come from wspy-connection's
 * {@link ServerOptions}; the rest is the server's own, TLS ({@link #tls()}) included.
 */
public final class ServerConfig {
    /** The default keepalive: a ping every 30 s, and a client that does not answer within 30 s is dropped. */
    public static final Duration DEFAULT_PING_INTERVAL = Duration.ofSeconds(30);

    private static final ServerConfig DEFAULTS = builder().build();

    private final InetSocketAddress address;
    private final int backlog;
    private final ServerTls tls;
    private final ServerOptions options;
    private final int maxConnections;
    private final Duration idleTimeout;
    private final int selectorThreads;
    private final HandlerExecution handlerExecution;
    private final Executor handlerExecutor;
    private final long maxQueuedBytes;
    private final SlowReaderPolicy slowReaderPolicy;
    private final Duration blockTimeout;
    private final long maxPendingInboundBytes;
    private final long messageAllocationBudget;
    private final boolean reportSent;
    private final boolean keepUpgradeRequest;
    private final Duration shutdownTimeout;
    private final System.Logger.Level logLevel;
    private final boolean jmx;
    private final String jmxName;

    private ServerConfig(Builder b) {
        this.address = b.address;
        this.backlog = b.backlog;
        this.tls = b.tls;
        this.options = b.metrics == null ? b.options
                : b.options.withProtocol(b.options.protocol().withMetrics(b.metrics));
        this.maxConnections = b.maxConnections;
        this.idleTimeout = b.idleTimeout;
        this.selectorThreads = b.selectorThreads;
        this.handlerExecution = b.handlerExecution;
        this.handlerExecutor = b.handlerExecutor;
        this.maxQueuedBytes = b.maxQueuedBytes;
        this.slowReaderPolicy = b.slowReaderPolicy;
        this.blockTimeout = b.blockTimeout;
        this.maxPendingInboundBytes = b.maxPendingInboundBytes;
        this.messageAllocationBudget = b.messageAllocationBudget;
        this.reportSent = b.reportSent;
        this.keepUpgradeRequest = b.keepUpgradeRequest;
        this.shutdownTimeout = b.shutdownTimeout;
        this.logLevel = b.logLevel;
        this.jmx = b.jmx;
        this.jmxName = b.jmxName;
    }

    /** Port 8000 on every interface and the defaults of every option below. */
    public static ServerConfig defaults() {
        return DEFAULTS;
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The address to listen on; port 0 picks a free port. Default: port 8000 on every interface. */
    public InetSocketAddress address() {
        return address;
    }

    /** The listen backlog (pending TCP connections the kernel queues). Default 1024. */
    public int backlog() {
        return backlog;
    }

    /**
     * The TLS the server speaks ({@code wss://} and {@code https://} on its port), or {@code null}
     * (the default) for plain TCP. Key material, client certificates (mutual TLS) and protocol
     * versions come from the {@link ServerTls}. The {@link ServerOptions#handshakeTimeout()
     * handshake timeout} covers the TLS handshake and the HTTP upgrade together; the TLS handshake
     * runs on the connection's own thread ({@link Server}) or on its selector loop, with the
     * handshake's slow computations on a small pool of TLS threads ({@link AsyncServer}). A
     * handler sees {@link io.wspy.connection.Session#isSecure()} true, and the client's
     * certificates under mutual TLS in {@link io.wspy.connection.Session#peerCertificates()}.
     */
    public ServerTls tls() {
        return tls;
    }

    /**
     * Handshake rules, protocol limits and timings, handshake timeout and HTTP handler. Default:
     * {@link ServerOptions#defaults()} with a keepalive ping every {@link #DEFAULT_PING_INTERVAL}
     * and the same pong deadline, so dead peers do not linger.
     */
    public ServerOptions options() {
        return options;
    }

    /**
     * The most connections open at once, handshakes included. A client beyond it is answered
     * {@code 503 Service Unavailable} with {@code Retry-After} and closed. Default 10,000.
     */
    public int maxConnections() {
        return maxConnections;
    }

    /**
     * A client from which nothing (no frame, not even a pong) arrives for this long is closed with
     * {@link io.wspy.frame.CloseCode#GOING_AWAY 1001}. {@link Duration#ZERO} (the default) turns it
     * off; the keepalive already drops dead peers.
     */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    /** {@link AsyncServer}: how many selector loops serve connections. Default: one per processor. */
    public int selectorThreads() {
        return selectorThreads;
    }

    /** {@link AsyncServer}: where handler events run. Default {@link HandlerExecution#LOOP}. */
    public HandlerExecution handlerExecution() {
        return handlerExecution;
    }

    /**
     * {@link AsyncServer} with {@link HandlerExecution#OFF_LOOP}: the executor events run on, or
     * {@code null} (the default) for a new virtual thread per task where the JDK has them (21+),
     * otherwise a pool of platform threads.
     */
    public Executor handlerExecutor() {
        return handlerExecutor;
    }

    /** {@link AsyncServer}: the outbound queue limit per client, in bytes. Default 4 MiB. */
    public long maxQueuedBytes() {
        return maxQueuedBytes;
    }

    /** {@link AsyncServer}: what happens to a send beyond {@link #maxQueuedBytes()}. Default {@link SlowReaderPolicy#CLOSE}. */
    public SlowReaderPolicy slowReaderPolicy() {
        return slowReaderPolicy;
    }

    /** {@link AsyncServer} with {@link SlowReaderPolicy#BLOCK}: the longest a sender waits. Default 30 s. */
    public Duration blockTimeout() {
        return blockTimeout;
    }

    /**
     * {@link AsyncServer} with {@link HandlerExecution#OFF_LOOP}: when received messages waiting
     * for a client's handler add up to this many bytes, the client is not read until the handler
     * catches up. Default 1 MiB.
     */
    public long maxPendingInboundBytes() {
        return maxPendingInboundBytes;
    }

    /**
     * How many bytes all clients together may allocate for messages before the bytes arrive. A
     * message whose frame header announces more than 64 KiB takes its whole buffer at once while
     * this budget holds it, which spares the copies of a buffer growing with the bytes; past the
     * budget, a message's memory follows its bytes (SECURITY.md), so that clients announcing large
     * messages and sending nothing pin no more than this. 0 turns it off. Default 64 MiB, or an
     * eighth of the maximum heap when that is less.
     */
    public long messageAllocationBudget() {
        return messageAllocationBudget;
    }

    /**
     * {@link AsyncServer}: whether {@link WebSocketHandler#onSent} is called for each message once
     * written. Tracking the messages costs a little on every send, so it is off unless asked for.
     * Default false.
     */
    public boolean reportSent() {
        return reportSent;
    }

    /**
     * Whether {@link io.wspy.connection.Session#request()} still answers once {@code onOpen} has
     * returned. Each open client then keeps its upgrade request (as its bytes: about 440 B for a
     * typical browser's, a fifth of what an idle {@link AsyncServer} client costs); a server for
     * very many idle clients can let it go: handlers then read what they need in {@code onOpen}
     * (or an upgrade handler attaches it), and {@code request()} afterwards throws
     * {@link IllegalStateException}. Default true.
     */
    public boolean keepUpgradeRequest() {
        return keepUpgradeRequest;
    }

    /** How long {@link WebSocketServer#stop()} waits for clients to finish closing. Default 5 s. */
    public Duration shutdownTimeout() {
        return shutdownTimeout;
    }

    /**
     * When set, starting the server sets the level of the {@code io.wspy} loggers of
     * {@code java.util.logging} (see {@link WebSocketServer}), and of nothing else: no handler is
     * added, so a level below {@code INFO} is printed only where the application's logging
     * configuration prints it. {@code null} (the default) leaves logging as configured.
     *
     * @return the level for wspy's loggers, or {@code null}
     */
    public System.Logger.Level logLevel() {
        return logLevel;
    }

    /**
     * What the server's connections report their figures to (upgrades, connections, messages and
     * bytes, queues, slow readers, close codes, handler errors and time, loop time): the same
     * listener as {@link ProtocolConfig#metrics()} of {@link #options()}. Default
     * {@link WebSocketMetrics#NONE}, which costs nothing.
     */
    public WebSocketMetrics metrics() {
        return options.protocol().metrics();
    }

    /**
     * Whether a server whose {@link #metrics()} is a {@link CountingMetrics} publishes them as a
     * JMX MBean while it runs (registered on start, unregistered on stop). Default true.
     */
    public boolean jmx() {
        return jmx;
    }

    /**
     * The MBean's object name; {@code null} (the default) for
     * {@code io.wspy:type=WebSocketServer,name=<Server|AsyncServer>-<port>}. A name already taken
     * gets {@code ,instance=2}, {@code 3}... appended.
     */
    public String jmxName() {
        return jmxName;
    }

    /** Collects the options of a {@link ServerConfig}. Not thread-safe. */
    public static final class Builder {
        private InetSocketAddress address = new InetSocketAddress(8000);
        private int backlog = 1024;
        private ServerTls tls;
        private ServerOptions options = ServerOptions.defaults().withProtocol(
                ProtocolConfig.defaults().withKeepalive(DEFAULT_PING_INTERVAL, DEFAULT_PING_INTERVAL));
        private int maxConnections = 10_000;
        private Duration idleTimeout = Duration.ZERO;
        private int selectorThreads = Runtime.getRuntime().availableProcessors();
        private HandlerExecution handlerExecution = HandlerExecution.LOOP;
        private Executor handlerExecutor;
        private long maxQueuedBytes = 4L << 20;
        private SlowReaderPolicy slowReaderPolicy = SlowReaderPolicy.CLOSE;
        private Duration blockTimeout = Duration.ofSeconds(30);
        private long maxPendingInboundBytes = 1L << 20;
        private long messageAllocationBudget = Math.min(64L << 20, Runtime.getRuntime().maxMemory() / 8);
        private boolean reportSent;
        private boolean keepUpgradeRequest = true;
        private Duration shutdownTimeout = Duration.ofSeconds(5);
        private System.Logger.Level logLevel;
        private WebSocketMetrics metrics;
        private boolean jmx = true;
        private String jmxName;

        private Builder() {
        }

        private Builder(ServerConfig c) {
            address = c.address;
            backlog = c.backlog;
            tls = c.tls;
            options = c.options;
            maxConnections = c.maxConnections;
            idleTimeout = c.idleTimeout;
            selectorThreads = c.selectorThreads;
            handlerExecution = c.handlerExecution;
            handlerExecutor = c.handlerExecutor;
            maxQueuedBytes = c.maxQueuedBytes;
            slowReaderPolicy = c.slowReaderPolicy;
            blockTimeout = c.blockTimeout;
            maxPendingInboundBytes = c.maxPendingInboundBytes;
            messageAllocationBudget = c.messageAllocationBudget;
            reportSent = c.reportSent;
            keepUpgradeRequest = c.keepUpgradeRequest;
            shutdownTimeout = c.shutdownTimeout;
            logLevel = c.logLevel;
            metrics = c.metrics();
            jmx = c.jmx;
            jmxName = c.jmxName;
        }

        /** See {@link ServerConfig#address()}. */
        public Builder address(InetSocketAddress value) {
            address = require(value, "address");
            return this;
        }

        /** Listens on {@code host} (a name or literal address) and {@code port}. */
        public Builder address(String host, int port) {
            return address(new InetSocketAddress(host, port));
        }

        /** Listens on {@code port} of every interface. */
        public Builder port(int port) {
            return address(new InetSocketAddress(port));
        }

        /** See {@link ServerConfig#backlog()}. */
        public Builder backlog(int value) {
            backlog = positive(value, "backlog");
            return this;
        }

        /** See {@link ServerConfig#tls()}; {@code null} for plain TCP. */
        public Builder tls(ServerTls value) {
            tls = value;
            return this;
        }

        /** See {@link ServerConfig#options()}. */
        public Builder options(ServerOptions value) {
            options = require(value, "options");
            return this;
        }

        /** Replaces the handshake rules of {@link #options(ServerOptions)}. */
        public Builder handshake(ServerHandshakeConfig value) {
            options = options.withHandshake(require(value, "handshake"));
            return this;
        }

        /**
         * Adds an upgrade handler for every path not matched by an earlier one: the application
         * accepts (subprotocol, response headers, an attachment the {@code Session} exposes) or
         * rejects (any status, headers and body) each upgrade request; see {@link UpgradeHandler}
         * for where it runs. Call it after {@link #handshake} or {@link #options}, which replace
         * the handlers added before.
         */
        public Builder upgrade(UpgradeHandler handler) {
            options = options.withHandshake(options.handshake().toBuilder().upgrade(handler).build());
            return this;
        }

        /**
         * Adds an upgrade handler for the paths that match {@code pathTemplate}, such as
         * {@code /rooms/{id}}; see {@link #upgrade(UpgradeHandler)} and {@link PathTemplate}.
         *
         * @throws IllegalArgumentException if the template is malformed (the message says how)
         */
        public Builder upgrade(String pathTemplate, UpgradeHandler handler) {
            options = options.withHandshake(options.handshake().toBuilder().upgrade(pathTemplate, handler).build());
            return this;
        }

        /** Replaces the protocol limits and timings of {@link #options(ServerOptions)}. */
        public Builder protocol(ProtocolConfig value) {
            options = options.withProtocol(require(value, "protocol"));
            return this;
        }

        /**
         * Sets the keepalive: a ping every {@code interval}, and a client whose pong does not come
         * within {@code timeout} is dropped; {@link Duration#ZERO} interval turns it off.
         */
        public Builder keepalive(Duration interval, Duration timeout) {
            options = options.withProtocol(options.protocol().withKeepalive(interval, timeout));
            return this;
        }

        /** Replaces the handshake timeout of {@link #options(ServerOptions)}. */
        public Builder handshakeTimeout(Duration value) {
            options = options.withHandshakeTimeout(value);
            return this;
        }

        /** Replaces the plain-HTTP handler of {@link #options(ServerOptions)}. */
        public Builder httpHandler(HttpHandler value) {
            options = options.withHttpHandler(require(value, "httpHandler"));
            return this;
        }

        /** See {@link ServerConfig#maxConnections()}. */
        public Builder maxConnections(int value) {
            maxConnections = positive(value, "maxConnections");
            return this;
        }

        /** See {@link ServerConfig#idleTimeout()}. */
        public Builder idleTimeout(Duration value) {
            idleTimeout = nonNegative(value, "idleTimeout");
            return this;
        }

        /** See {@link ServerConfig#selectorThreads()}. */
        public Builder selectorThreads(int value) {
            selectorThreads = positive(value, "selectorThreads");
            return this;
        }

        /** See {@link ServerConfig#handlerExecution()}. */
        public Builder handlerExecution(HandlerExecution value) {
            handlerExecution = require(value, "handlerExecution");
            return this;
        }

        /** See {@link ServerConfig#handlerExecutor()}; {@code null} for the default. */
        public Builder handlerExecutor(Executor value) {
            handlerExecutor = value;
            return this;
        }

        /** See {@link ServerConfig#maxQueuedBytes()} and {@link ServerConfig#slowReaderPolicy()}. */
        public Builder outboundQueue(long maxBytes, SlowReaderPolicy policy) {
            if (maxBytes <= 0) {
                throw new IllegalArgumentException("maxQueuedBytes must be positive: " + maxBytes);
            }
            maxQueuedBytes = maxBytes;
            slowReaderPolicy = require(policy, "slowReaderPolicy");
            return this;
        }

        /** See {@link ServerConfig#blockTimeout()}. */
        public Builder blockTimeout(Duration value) {
            blockTimeout = nonNegative(value, "blockTimeout");
            return this;
        }

        /** See {@link ServerConfig#maxPendingInboundBytes()}. */
        public Builder maxPendingInboundBytes(long value) {
            if (value <= 0) {
                throw new IllegalArgumentException("maxPendingInboundBytes must be positive: " + value);
            }
            maxPendingInboundBytes = value;
            return this;
        }

        /** See {@link ServerConfig#messageAllocationBudget()}. */
        public Builder messageAllocationBudget(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("messageAllocationBudget cannot be negative: " + bytes);
            }
            messageAllocationBudget = bytes;
            return this;
        }

        /** See {@link ServerConfig#reportSent()}. */
        public Builder reportSent(boolean value) {
            reportSent = value;
            return this;
        }

        /** See {@link ServerConfig#keepUpgradeRequest()}. */
        public Builder keepUpgradeRequest(boolean value) {
            keepUpgradeRequest = value;
            return this;
        }

        /** See {@link ServerConfig#shutdownTimeout()}. */
        public Builder shutdownTimeout(Duration value) {
            shutdownTimeout = nonNegative(value, "shutdownTimeout");
            return this;
        }

        /** See {@link ServerConfig#logLevel()}; {@code null} to leave logging as configured. */
        public Builder logLevel(System.Logger.Level value) {
            logLevel = value;
            return this;
        }

        /**
         * See {@link ServerConfig#metrics()}; applied to the protocol settings when built, so it
         * holds whatever {@link #protocol} or {@link #options} replaced.
         */
        public Builder metrics(WebSocketMetrics value) {
            metrics = require(value, "metrics");
            return this;
        }

        /** See {@link ServerConfig#jmx()}. */
        public Builder jmx(boolean enabled) {
            jmx = enabled;
            return this;
        }

        /**
         * See {@link ServerConfig#jmxName()}; {@code null} for the default name.
         *
         * @throws IllegalArgumentException if {@code objectName} is not a valid JMX object name
         */
        public Builder jmxName(String objectName) {
            if (objectName != null) {
                try {
                    new ObjectName(objectName);
                } catch (MalformedObjectNameException e) {
                    throw new IllegalArgumentException("jmxName is not a valid JMX object name: " + objectName
                            + " (" + e.getMessage() + ")", e);
                }
            }
            jmxName = objectName;
            return this;
        }

        /** The configuration. */
        public ServerConfig build() {
            return new ServerConfig(this);
        }

        private static <T> T require(T value, String name) {
            if (value == null) {
                throw new IllegalArgumentException(name + " must not be null");
            }
            return value;
        }

        private static int positive(int value, String name) {
            if (value <= 0) {
                throw new IllegalArgumentException(name + " must be positive: " + value);
            }
            return value;
        }

        private static Duration nonNegative(Duration value, String name) {
            if (value == null || value.isNegative()) {
                throw new IllegalArgumentException(name + " must be zero or positive");
            }
            return value;
        }
    }
}

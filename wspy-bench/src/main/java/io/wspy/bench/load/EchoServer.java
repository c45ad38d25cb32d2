package io.wspy.bench.load;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One echo server of the load benchmark, run in a JVM of its own:
 * {@code java -cp benchmarks.jar io.wspy.bench.load.EchoServer KIND PORT}.
 *
 * <p>Every WebSocket server echoes each text or binary message it receives, accepts messages up to
 * {@link #MAX_MESSAGE} bytes, sets TCP_NODELAY, and supports permessage-deflate, which is used when
 * the client offers it (the generator offers it in the deflate scenarios only). Otherwise each runs
 * with its library's defaults (threads, buffers, keepalive), as a user would start it.
 *
 * <p>It prints {@code READY} once listening, then obeys lines on standard input: {@code gc} runs a
 * full collection and prints {@code HEAP <bytes used>}; {@code quit} (or the end of input) exits.
 */
public final class EchoServer {
    /** The largest message every server accepts (the benchmark sends up to 1 MiB). */
    static final int MAX_MESSAGE = 2 << 20;

    /** The servers, by the name given on the command line. */
    enum Kind {
        WSPY_ASYNC("wspy AsyncServer"),
        WSPY_THREADED("wspy Server"),
        /** AsyncServer counting every figure into {@code CountingMetrics}: the cost of metrics, beside {@link #WSPY_ASYNC}. */
        WSPY_ASYNC_METRICS("wspy AsyncServer + metrics"),
        NETTY("Netty 4.2"),
        JETTY("Jetty 12.1"),
        JAVA_WEBSOCKET("Java-WebSocket 1.6"),
        RAW_TCP("raw TCP echo");

        final String title;

        Kind(String title) {
            this.title = title;
        }

        /** The command-line name: {@code wspy-async}, {@code raw-tcp}, ... */
        String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /** The servers of a run that names none: all but the metrics variant, which measures a cost only wspy has. */
        static List<Kind> defaults() {
            List<Kind> kinds = new ArrayList<>(List.of(values()));
            kinds.remove(WSPY_ASYNC_METRICS);
            return kinds;
        }

        static Kind of(String id) {
            return valueOf(id.toUpperCase(Locale.ROOT).replace('-', '_'));
        }

        /** Whether clients speak WebSocket to it (all but the raw TCP echo). */
        boolean webSocket() {
            return this != RAW_TCP;
        }

        /** Whether it runs wspy's masking, which needs the Vector API module for its SIMD kernel. */
        boolean wspy() {
            return this == WSPY_ASYNC || this == WSPY_THREADED || this == WSPY_ASYNC_METRICS;
        }
    }

    private EchoServer() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: EchoServer wspy-async|wspy-threaded|wspy-async-metrics|netty|jetty|java-websocket|raw-tcp PORT");
            System.exit(2);
        }
        Kind kind = Kind.of(args[0]);
        int port = Integer.parseInt(args[1]);
        switch (kind) {
            case WSPY_ASYNC:
            case WSPY_THREADED:
            case WSPY_ASYNC_METRICS:
                WspyEcho.start(port, kind == Kind.WSPY_THREADED, kind == Kind.WSPY_ASYNC_METRICS);
                break;
            case NETTY:
                NettyEcho.start(port);
                break;
            case JETTY:
                JettyEcho.start(port);
                break;
            case JAVA_WEBSOCKET:
                JavaWebSocketEcho.start(port);
                break;
            case RAW_TCP:
                RawTcpEcho.start(port);
                break;
            default:
                throw new IllegalArgumentException(args[0]);
        }
        System.out.println("READY " + kind.id() + " pid " + ProcessHandle.current().pid() + " java "
                + System.getProperty("java.version") + " cpus " + Runtime.getRuntime().availableProcessors()
                + (kind == Kind.NETTY ? NettyEcho.setup() : ""));
        System.out.flush();
        obeyCommands();
        System.exit(0);
    }

    private static void obeyCommands() throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
        Runtime runtime = Runtime.getRuntime();
        String line;
        while ((line = in.readLine()) != null) {
            if (line.equals("gc")) {
                System.gc();
                System.gc();
                // Read at once, allocating nothing in between (a management bean would load classes
                // and allocate megabytes on first use, after the collection).
                long used = runtime.totalMemory() - runtime.freeMemory();
                System.out.println("HEAP " + used);
                System.out.flush();
            } else if (line.equals("quit")) {
                return;
            }
        }
    }
}

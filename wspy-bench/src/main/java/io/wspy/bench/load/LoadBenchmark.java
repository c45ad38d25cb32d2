package io.wspy.bench.load;

import io.wspy.bench.Payloads;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The end-to-end load benchmark: starts each echo server ({@link EchoServer}) as a JVM of its own,
 * pinned to one core, and drives it from this JVM (pinned to the other core by {@code run.sh}) with
 * the {@link LoadGenerator}. Servers take turns in rounds, their order rotated each round, so that
 * drift on a shared machine hits them all alike. Each round starts every server once for the
 * throughput scenarios (run one after the other on that JVM) and once more, fresh, for the idle
 * memory test. Raw results go to CSV files; {@link LoadReport} prints the medians and ratios.
 *
 * <p>See {@code wspy-bench/load/run.sh} and the README for the options.
 */
public final class LoadBenchmark {
    /** The small message: 32 bytes of JSON. */
    static final byte[] SMALL = "{\"op\":\"move\",\"x\":1204,\"y\":-3870}".getBytes(StandardCharsets.US_ASCII);

    /**
     * One load scenario: JSON sent as binary messages, or as text messages if {@code text}.
     *
     * <p>Binary by default, so that every server does the same work, the echo's framing: a text
     * message obliges each server to validate its UTF-8 (RFC 6455 section 8.1), and the peers
     * validate or decode it byte by byte (Netty's {@code Utf8FrameValidator} spent 76% of Netty's
     * CPU on the 16 KiB text echo), which measured their UTF-8 code instead of their WebSocket path.
     * The text scenario keeps that cost in view, named as what it is.
     */
    record Scenario(String name, int connections, int inFlight, int size, boolean deflate, boolean text) {
        byte[] payload() {
            return size == SMALL.length ? SMALL : Payloads.json(size, 1);
        }

        /** Whether the raw TCP echo runs it: the plain binary scenarios, its reference for every scenario of that size. */
        boolean plain() {
            return !deflate && !text;
        }

        /** The plain scenario of this size, whose raw TCP echo row is this scenario's ceiling. */
        String plainName() {
            return SCENARIOS.stream().filter(s -> s.plain() && s.size == size).findFirst().orElseThrow().name;
        }
    }

    static final List<Scenario> SCENARIOS = List.of(
            new Scenario("small", 64, 8, 32, false, false),
            new Scenario("small+deflate", 64, 8, 32, true, false),
            new Scenario("medium", 16, 4, 16 << 10, false, false),
            new Scenario("medium+deflate", 16, 4, 16 << 10, true, false),
            new Scenario("medium-text", 16, 4, 16 << 10, false, true),
            new Scenario("large", 4, 1, 1 << 20, false, false),
            new Scenario("large+deflate", 4, 1, 1 << 20, true, false));

    private final Options options;
    private final PrintWriter throughputCsv;
    private final PrintWriter memoryCsv;

    private LoadBenchmark(Options options) throws IOException {
        this.options = options;
        Files.createDirectories(options.out);
        this.throughputCsv = csv(options.out.resolve("throughput-" + options.label + ".csv"), LoadReport.THROUGHPUT_HEADER);
        this.memoryCsv = csv(options.out.resolve("memory-" + options.label + ".csv"), LoadReport.MEMORY_HEADER);
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        LoadBenchmark bench = new LoadBenchmark(options);
        bench.runAll();
        LoadReport.main(new String[] {
            options.out.resolve("throughput-" + options.label + ".csv").toString(),
            options.out.resolve("memory-" + options.label + ".csv").toString()});
    }

    private static PrintWriter csv(Path file, String header) throws IOException {
        boolean fresh = !Files.exists(file);
        PrintWriter w = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND), true);
        if (fresh) {
            w.println(header);
        }
        return w;
    }

    private void runAll() throws Exception {
        List<EchoServer.Kind> servers = options.servers;
        for (int round = 1; round <= options.rounds; round++) {
            for (int i = 0; i < servers.size(); i++) {
                EchoServer.Kind kind = servers.get((i + round - 1) % servers.size());
                if (!options.scenarios.isEmpty()) {
                    throughput(round, kind);
                }
                if (options.idleConnections > 0 && (round <= options.memoryRounds)) {
                    memory(round, kind);
                }
            }
        }
    }

    private void throughput(int round, EchoServer.Kind kind) throws Exception {
        try (ServerProcess server = ServerProcess.start(options, kind)) {
            for (Scenario s : options.scenarios) {
                if (!s.plain() && !kind.webSocket()) {
                    continue;
                }
                String row;
                try (LoadGenerator gen = new LoadGenerator(server.address, kind.webSocket())) {
                    gen.open(s.connections(), s.deflate(), s.text(), s.payload(), s.inFlight(), Duration.ofSeconds(30));
                    LoadGenerator.Window w = gen.run(s.inFlight(), options.warmup, options.measure, server.pid);
                    row = String.format(Locale.ROOT, "%s,%d,%s,%s,%d,%.3f,%.0f,%.1f,%.1f,%.3f,%.3f,%.0f,ok",
                            options.label, round, kind.id(), s.name(), w.messages(), w.seconds(), w.messagesPerSecond(),
                            w.p50Nanos() / 1e3, w.p99Nanos() / 1e3, w.serverCpuSeconds(), w.generatorCpuSeconds(),
                            w.messagesPerServerCpuSecond());
                } catch (IOException | RuntimeException e) {
                    row = String.format(Locale.ROOT, "%s,%d,%s,%s,0,0,0,0,0,0,0,0,failed: %s", options.label, round,
                            kind.id(), s.name(), String.valueOf(e.getMessage()).replace(',', ';'));
                }
                throughputCsv.println(row);
                System.out.println("# " + row);
                server.checkAlive();
                // Let the server finish closing the connections before the next scenario.
                Thread.sleep(300);
            }
        }
    }

    private void memory(int round, EchoServer.Kind kind) throws Exception {
        try (ServerProcess server = ServerProcess.start(options, kind)) {
            // The same number of clients come and go once first (with a few messages), so that what
            // is measured is the connections, not classes loaded, code compiled, buffers pooled
            // and native memory the allocator keeps once any such crowd has been served.
            int n = options.idleConnections;
            try (LoadGenerator warm = new LoadGenerator(server.address, kind.webSocket())) {
                warm.open(n, false, false, SMALL, 1, Duration.ofSeconds(120));
                warm.run(1, Duration.ofMillis(500), Duration.ofMillis(100), server.pid);
            }
            long heap0 = settledHeap(server);
            long rss0 = ProcStats.rssBytes(server.pid);
            histogram(server, kind, round, "before");
            String row;
            try (LoadGenerator gen = new LoadGenerator(server.address, kind.webSocket())) {
                gen.open(n, false, false, SMALL, 1, Duration.ofSeconds(120));
                gen.hold(Duration.ofSeconds(2));
                long heap1 = server.heapAfterGc();
                gen.hold(Duration.ofMillis(500));
                long rss1 = ProcStats.rssBytes(server.pid);
                histogram(server, kind, round, "after");
                row = String.format(Locale.ROOT, "%s,%d,%s,%d,%d,%d,%d,%d,%.0f,%.0f,%.0f,ok", options.label, round,
                        kind.id(), n, heap0, heap1, rss0, rss1, (heap1 - heap0) / (double) n,
                        (rss1 - rss0) / (double) n, (heap1 - heap0 + rss1 - rss0) / (double) n);
            } catch (IOException | RuntimeException e) {
                row = String.format(Locale.ROOT, "%s,%d,%s,%d,0,0,0,0,0,0,0,failed: %s", options.label, round, kind.id(),
                        n, String.valueOf(e.getMessage()).replace(',', ';'));
            }
            memoryCsv.println(row);
            System.out.println("# " + row);
        }
    }

    /**
     * The heap after GC once the server has let go of the clients that left: a thread-per-connection
     * server may still be ending thousands of threads. Measured every second until two readings
     * agree within 1% (heap) and 2% (RSS), for at most 30 s.
     */
    private static long settledHeap(ServerProcess server) throws IOException, InterruptedException {
        long heap = -1;
        long rss = -1;
        for (int i = 0; i < 30; i++) {
            Thread.sleep(1000);
            long h = server.heapAfterGc();
            long r = ProcStats.rssBytes(server.pid);
            if (heap >= 0 && Math.abs(h - heap) <= 0.01 * heap && Math.abs(r - rss) <= 0.02 * rss) {
                return h;
            }
            heap = h;
            rss = r;
        }
        return heap;
    }

    /** With {@code --histograms}, saves the server's class histogram (jcmd GC.class_histogram) for the analysis. */
    private void histogram(ServerProcess server, EchoServer.Kind kind, int round, String when)
            throws IOException, InterruptedException {
        if (!options.histograms) {
            return;
        }
        Path file = options.out.resolve("histogram-" + options.label + "-" + kind.id() + "-" + round + "-" + when + ".txt");
        Process jcmd = new ProcessBuilder(Path.of(options.serverJava).resolveSibling("jcmd").toString(), Long.toString(server.pid), "GC.class_histogram")
                .redirectOutput(file.toFile()).redirectErrorStream(true).start();
        jcmd.waitFor(60, TimeUnit.SECONDS);
    }

    /** A server JVM pinned to its core, with its control pipe. */
    static final class ServerProcess implements AutoCloseable {
        final Process process;
        final long pid;
        final InetSocketAddress address;
        private final BufferedReader out;
        private final Writer in;

        private ServerProcess(Process process, InetSocketAddress address) {
            this.process = process;
            this.pid = process.pid();
            this.address = address;
            this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII));
            this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.US_ASCII);
        }

        static ServerProcess start(Options o, EchoServer.Kind kind) throws IOException, InterruptedException {
            int port;
            try (ServerSocket probe = new ServerSocket(0)) {
                port = probe.getLocalPort();
            }
            List<String> command = new ArrayList<>(List.of("taskset", "-c", o.serverCpus, o.serverJava,
                    "-Xms" + o.heap, "-Xmx" + o.heap, "-XX:+AlwaysPreTouch"));
            if (kind.wspy()) {
                command.add("--add-modules=jdk.incubator.vector");
            }
            if (kind == EchoServer.Kind.NETTY && o.serverJavaKnowsUnsafeAccessOption()) {
                // Netty 4.2.18 leaves sun.misc.Unsafe off on Java 25 unless allowed, and then reaches
                // its direct buffers through VarHandles: its unmasking decoder ran at less than half
                // speed (16 KiB frames: 20 instead of 9 us). Netty's guide for Java 24+ says to allow it.
                command.add(UNSAFE_ACCESS_ALLOWED);
            }
            command.addAll(o.serverJvmArgs);
            command.addAll(List.of("-cp", o.jar, EchoServer.class.getName(), kind.id(), Integer.toString(port)));
            ProcessBuilder pb = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.appendTo(o.out.resolve("server-" + o.label + ".log").toFile()));
            ServerProcess server = new ServerProcess(pb.start(), new InetSocketAddress("127.0.0.1", port));
            String ready = server.out.readLine();
            if (ready == null || !ready.startsWith("READY")) {
                server.close();
                throw new IOException(kind.id() + " did not start: " + ready + " (see server-" + o.label + ".log)");
            }
            System.out.println("# " + ready);
            return server;
        }

        /** Runs a full GC in the server and returns the heap then used, in bytes. */
        long heapAfterGc() throws IOException {
            in.write("gc\n");
            in.flush();
            String line = out.readLine();
            if (line == null || !line.startsWith("HEAP ")) {
                throw new IOException("no heap figure from the server: " + line);
            }
            return Long.parseLong(line.substring(5).trim());
        }

        void checkAlive() throws IOException {
            if (!process.isAlive()) {
                throw new IOException("the server process died (exit " + process.exitValue() + ")");
            }
        }

        @Override
        public void close() throws InterruptedException {
            try {
                in.write("quit\n");
                in.flush();
            } catch (IOException gone) {
                // Already exited.
            }
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** The JVM option (JDK 23+, JEP 471) under which Netty keeps using {@code sun.misc.Unsafe} on Java 24+. */
    static final String UNSAFE_ACCESS_ALLOWED = "--sun-misc-unsafe-memory-access=allow";

    /** Command-line options; see {@code run.sh}. */
    static final class Options {
        String label = "run";
        Path out = Path.of("wspy-bench/results/load");
        String jar = Path.of(LoadBenchmark.class.getProtectionDomain().getCodeSource().getLocation().getPath()).toString();
        String serverJava = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> serverJvmArgs = new ArrayList<>();
        String serverCpus = "1";
        String heap = "1g";
        int rounds = 3;
        int memoryRounds = 3;
        Duration warmup = Duration.ofSeconds(2);
        Duration measure = Duration.ofSeconds(4);
        int idleConnections = 10_000;
        boolean histograms;
        List<EchoServer.Kind> servers = EchoServer.Kind.defaults();
        List<Scenario> scenarios = new ArrayList<>(SCENARIOS);
        private Boolean unsafeAccessOption;

        /** Whether the servers' JVM accepts {@link #UNSAFE_ACCESS_ALLOWED} (JDK 23+; older ones refuse to start with it). */
        boolean serverJavaKnowsUnsafeAccessOption() throws IOException, InterruptedException {
            if (unsafeAccessOption == null) {
                Process probe = new ProcessBuilder(serverJava, UNSAFE_ACCESS_ALLOWED, "-version")
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                unsafeAccessOption = probe.waitFor(60, TimeUnit.SECONDS) && probe.exitValue() == 0;
            }
            return unsafeAccessOption;
        }

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--label": o.label = value; i++; break;
                    case "--out": o.out = Path.of(value); i++; break;
                    case "--jar": o.jar = value; i++; break;
                    case "--server-java": o.serverJava = value; i++; break;
                    case "--server-jvm-arg": o.serverJvmArgs.add(value); i++; break;
                    case "--server-cpus": o.serverCpus = value; i++; break;
                    case "--heap": o.heap = value; i++; break;
                    case "--rounds": o.rounds = Integer.parseInt(value); i++; break;
                    case "--memory-rounds": o.memoryRounds = Integer.parseInt(value); i++; break;
                    case "--warmup": o.warmup = Duration.ofMillis((long) (Double.parseDouble(value) * 1000)); i++; break;
                    case "--measure": o.measure = Duration.ofMillis((long) (Double.parseDouble(value) * 1000)); i++; break;
                    case "--idle": o.idleConnections = Integer.parseInt(value); i++; break;
                    case "--histograms": o.histograms = true; break;
                    case "--servers":
                        o.servers = new ArrayList<>();
                        for (String s : value.split(",")) {
                            o.servers.add(EchoServer.Kind.of(s.trim()));
                        }
                        i++;
                        break;
                    case "--scenarios":
                        o.scenarios = new ArrayList<>();
                        if (!value.equals("none")) {
                            for (String s : value.split(",")) {
                                o.scenarios.add(SCENARIOS.stream().filter(x -> x.name().equals(s.trim())).findFirst()
                                        .orElseThrow(() -> new IllegalArgumentException("no scenario " + s)));
                            }
                        }
                        i++;
                        break;
                    default:
                        throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            return o;
        }
    }
}

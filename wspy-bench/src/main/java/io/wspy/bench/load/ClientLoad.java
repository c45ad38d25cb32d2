package io.wspy.bench.load;

import io.wspy.client.AsyncClient;
import io.wspy.connection.ClientOptions;
import io.wspy.connection.Session;
import io.wspy.protocol.Message;
import io.wspy.protocol.ProtocolConfig;
import io.wspy.protocol.TextMessage;
import io.wspy.server.WebSocketHandler;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The non-blocking client measured against a wspy AsyncServer in a child JVM ({@link EchoServer}):
 *
 * <ul>
 *   <li>{@code scale N}: opens N idle connections with one {@code AsyncClient} (two loops) and
 *       reports the threads of this process and the heap per connection after a full GC;</li>
 *   <li>{@code echo ROUNDS}: the small-echo scenario (64 connections, 8 in flight, 32 B text),
 *       driven alternately by {@link LoadGenerator} (one thread, raw NIO) and by an
 *       {@code AsyncClient} on one loop with handlers on it, 3 s warm-up and 10 s measured each;
 *       for the client, also the bytes its loop allocates per message.</li>
 * </ul>
 *
 * <pre>
 * java -cp wspy-bench/target/benchmarks.jar io.wspy.bench.load.ClientLoad scale 10000
 * java -cp wspy-bench/target/benchmarks.jar io.wspy.bench.load.ClientLoad echo 3
 * </pre>
 */
public final class ClientLoad {
    private static final int CONNECTIONS = 64;
    private static final int IN_FLIGHT = 8;
    private static final int PAYLOAD = 32;
    private static final Duration WARMUP = Duration.ofSeconds(3);
    private static final Duration MEASURE = Duration.ofSeconds(10);

    private ClientLoad() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2 || !(args[0].equals("scale") || args[0].equals("echo"))) {
            System.err.println("usage: ClientLoad scale CONNECTIONS | echo ROUNDS");
            System.exit(2);
        }
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Process server = startServer(port);
        try {
            System.out.println("java " + System.getProperty("java.version") + ", "
                    + Runtime.getRuntime().availableProcessors() + " cpus, load average "
                    + ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
            if (args[0].equals("scale")) {
                scale(address, Integer.parseInt(args[1]));
            } else {
                for (int round = 0; round < Integer.parseInt(args[1]); round++) {
                    echoRaw(address, server.pid());
                    echoAsync(address);
                }
            }
        } finally {
            server.destroy();
            server.waitFor(10, TimeUnit.SECONDS);
        }
        System.exit(0);
    }

    private static Process startServer(int port) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx2g", "-cp", System.getProperty("java.class.path"),
                EchoServer.class.getName(), "wspy-async", Integer.toString(port))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII));
        String line = out.readLine();
        if (line == null || !line.startsWith("READY")) {
            p.destroyForcibly();
            throw new IOException("the echo server did not start: " + line);
        }
        System.out.println("server: " + line);
        return p;
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    private static void scale(InetSocketAddress address, int count) throws Exception {
        URI uri = URI.create("ws://127.0.0.1:" + address.getPort() + "/");
        int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
        long heapBefore = usedHeapAfterGc();
        long t0 = System.nanoTime();
        try (AsyncClient client = AsyncClient.builder().selectorThreads(2)
                .closeTimeout(Duration.ofSeconds(30)).build()) {
            List<Session> sessions = new ArrayList<>(count);
            WebSocketHandler idle = new WebSocketHandler() {
            };
            for (int start = 0; start < count; start += 500) {
                List<CompletableFuture<Session>> batch = new ArrayList<>();
                for (int i = start; i < Math.min(count, start + 500); i++) {
                    batch.add(client.connect(uri, idle));
                }
                for (CompletableFuture<Session> f : batch) {
                    sessions.add(f.get(60, TimeUnit.SECONDS));
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            long heapAfter = usedHeapAfterGc();
            int threads = ManagementFactory.getThreadMXBean().getThreadCount();
            System.out.printf("scale: %d connections open in %.1f s; threads %d before, %d with them open "
                            + "(client threads: %s); heap %.1f MiB before, %.1f MiB after: %.0f bytes per connection%n",
                    sessions.size(), seconds, threadsBefore, threads, clientThreads(),
                    heapBefore / 1048576.0, heapAfter / 1048576.0, (heapAfter - heapBefore) / (double) sessions.size());
        }
    }

    /** Bytes allocated so far by the client's selector loop threads, where its handlers run too. */
    private static long loopAllocatedBytes() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long total = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("wspy-client") && t.getName().contains("-loop-")) {
                total += threads.getThreadAllocatedBytes(t.getId());
            }
        }
        return total;
    }

    private static List<String> clientThreads() {
        List<String> names = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("wspy-client")) {
                names.add(t.getName());
            }
        }
        names.sort(null);
        return names;
    }

    private static void echoRaw(InetSocketAddress address, long serverPid) throws IOException {
        byte[] payload = "x".repeat(PAYLOAD).getBytes(StandardCharsets.US_ASCII);
        try (LoadGenerator generator = new LoadGenerator(address, true)) {
            generator.open(CONNECTIONS, false, true, payload, IN_FLIGHT, Duration.ofSeconds(30));
            LoadGenerator.Window w = generator.run(IN_FLIGHT, WARMUP, MEASURE, serverPid);
            System.out.printf("echo, raw NIO LoadGenerator: %.0f messages/s%n", w.messagesPerSecond());
        }
    }

    private static void echoAsync(InetSocketAddress address) throws Exception {
        URI uri = URI.create("ws://127.0.0.1:" + address.getPort() + "/");
        TextMessage message = new TextMessage("x".repeat(PAYLOAD));
        LongAdder echoes = new LongAdder();
        ClientOptions options = ClientOptions.defaults().withProtocol(ProtocolConfig.defaults());
        try (AsyncClient client = AsyncClient.builder().options(options).build()) {
            WebSocketHandler closedLoop = new WebSocketHandler() {
                @Override
                public void onMessage(Session server, Message echo) {
                    echoes.increment();
                    try {
                        server.send(message);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            };
            List<Session> sessions = new ArrayList<>();
            for (int i = 0; i < CONNECTIONS; i++) {
                sessions.add(client.connect(uri, closedLoop).get(30, TimeUnit.SECONDS));
            }
            for (Session s : sessions) {
                for (int i = 0; i < IN_FLIGHT; i++) {
                    s.send(message);
                }
            }
            Thread.sleep(WARMUP.toMillis());
            long before = echoes.sum();
            long allocatedBefore = loopAllocatedBytes();
            long t0 = System.nanoTime();
            Thread.sleep(MEASURE.toMillis());
            long count = echoes.sum() - before;
            long allocated = loopAllocatedBytes() - allocatedBefore;
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("echo, AsyncClient (one loop):  %.0f messages/s, the loop allocating %.0f bytes "
                    + "per message (an echo received and a message sent)%n", count / seconds, allocated / (double) count);
        }
    }
}

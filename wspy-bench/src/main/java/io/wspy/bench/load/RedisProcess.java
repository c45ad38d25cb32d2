package io.wspy.bench.load;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A {@code redis-server} of the benchmark's own: started on a free loopback port in a temporary
 * directory, without persistence, waited for, and stopped (with its directory) by {@link #close()}.
 */
final class RedisProcess implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(20);
    private static final String READY_LINE = "Ready to accept connections";

    private final Path dir;
    private final int port;
    private final Process process;

    private RedisProcess(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    /** The {@code redis-server} executable on the usual paths or {@code PATH}, if installed. */
    static Optional<Path> executable() {
        return Stream.concat(Stream.of("/usr/bin", "/usr/local/bin"),
                        Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)))
                .filter(d -> !d.isEmpty())
                .map(d -> Path.of(d, "redis-server"))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /** Starts a server and waits until it accepts connections. */
    static RedisProcess start() throws IOException, InterruptedException {
        Path executable = executable().orElseThrow(() -> new IllegalStateException(
                "redis-server is not installed; install it with: apt-get install -y redis-server"));
        Path dir = Files.createTempDirectory("wspy-bench-redis-");
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Path log = dir.resolve("redis.log");
        Process process = new ProcessBuilder(List.of(executable.toString(),
                "--port", Integer.toString(port), "--bind", "127.0.0.1", "--dir", dir.toString(),
                "--save", "", "--appendonly", "no", "--daemonize", "no", "--logfile", log.toString()))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("stdout.log").toFile())
                .start();
        RedisProcess redis = new RedisProcess(dir, port, process);
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (!(Files.exists(log) && Files.readString(log).contains(READY_LINE))) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                String why = Files.exists(log) ? Files.readString(log) : "no log";
                redis.close();
                throw new IllegalStateException("redis-server did not get ready on port " + port + ": " + why);
            }
            Thread.sleep(20);
        }
        return redis;
    }

    /** The server's URI, {@code redis://127.0.0.1:<port>}. */
    String uri() {
        return "redis://127.0.0.1:" + port;
    }

    /** The server's process id (for its CPU time). */
    long pid() {
        return process.pid();
    }

    /** Stops the server (SIGTERM, SIGKILL after 10 s) and deletes its directory. */
    @Override
    public void close() throws IOException {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}

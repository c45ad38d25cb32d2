package io.wspy.cluster;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.TestAbortedException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real {@code redis-server} for a test class: started on a free loopback port in a temporary
 * directory, without persistence ({@code --save ''}, {@code --appendonly no}), waited for, and
 * stopped after the class. {@link #stop()} and {@link #start()} make an outage on the same port,
 * {@link #pause()} and {@link #resume()} a Redis that hangs.
 *
 * <p>Where {@code redis-server} is missing, the tests of the class are skipped with a message saying
 * how to install it, except in CI ({@code CI=true}), where they fail: {@code .ci/run} installs it.
 * <pre>{@code @RegisterExtension static final RedisServerExtension REDIS = new RedisServerExtension();}</pre>
 */
final class RedisServerExtension implements BeforeAllCallback, AfterAllCallback {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(20);
    private static final String READY_LINE = "Ready to accept connections";

    private Path executable;
    private Path dir;
    private int port;
    private Process process;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        executable = findRedisServer();
        dir = Files.createTempDirectory("wspy-redis-");
        port = freePort();
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        stop();
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** The server's URI, {@code redis://127.0.0.1:<port>}. */
    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    /** The server's port (the same across restarts). */
    public int port() {
        return port;
    }

    /** Starts the server (again) on its port and waits until it accepts connections. */
    public synchronized void start() throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("redis-server is running already");
        }
        Path log = dir.resolve("redis-" + System.nanoTime() + ".log");
        process = new ProcessBuilder(List.of(executable.toString(),
                "--port", Integer.toString(port), "--bind", "127.0.0.1", "--dir", dir.toString(),
                "--save", "", "--appendonly", "no", "--daemonize", "no", "--logfile", log.toString()))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("stdout.log").toFile())
                .start();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited with " + process.exitValue() + ": "
                        + readQuietly(log) + readQuietly(dir.resolve("stdout.log")));
            }
            if (readQuietly(log).contains(READY_LINE)) {
                return;
            }
            Thread.sleep(20);
        }
        stop();
        throw new IllegalStateException("redis-server did not get ready within " + READY_TIMEOUT + ": " + readQuietly(log));
    }

    /** Stops the server at once (SIGKILL), as a crash would; the port stays reserved for {@link #start()}. */
    public synchronized void stop() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("redis-server did not stop");
            }
            process = null;
        }
    }

    /** Freezes the server (SIGSTOP): connections stay open, nothing is answered, as with a Redis that hangs. */
    public synchronized void pause() throws IOException, InterruptedException {
        signal("-STOP");
    }

    /** Lets a {@link #pause() paused} server go on (SIGCONT). */
    public synchronized void resume() throws IOException, InterruptedException {
        signal("-CONT");
    }

    private void signal(String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", signal, Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill " + signal + " failed for redis-server " + process.pid());
        }
    }

    /** Stops and starts the server. */
    public void restart() throws IOException, InterruptedException {
        stop();
        start();
    }

    private static Path findRedisServer() {
        Path found = Stream.concat(Stream.of("/usr/bin", "/usr/local/bin"),
                        Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)))
                .filter(d -> !d.isEmpty())
                .map(d -> Paths.get(d, "redis-server"))
                .filter(Files::isExecutable)
                .findFirst().orElse(null);
        if (found != null) {
            return found;
        }
        String message = "redis-server is not installed; install it with: apt-get install -y redis-server";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException(message + " (CI=true: the Redis tests must run in CI; .ci/run installs it)");
        }
        throw new TestAbortedException(message);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String readQuietly(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

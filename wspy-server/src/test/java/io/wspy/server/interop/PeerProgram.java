package io.wspy.server.interop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A peer program (Python or Node) started for one test: its standard output is read line by
 * line, its standard error kept for failure messages, and it is killed when the test ends.
 * Missing programs fail the test with the command that installs them, never skip it.
 */
public final class PeerProgram implements AutoCloseable {
    private static final Path DEBIAN_PYTHON = Path.of("/usr/bin/python3");

    private final Process process;
    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();
    private final StringBuffer errors = new StringBuffer();

    private PeerProgram(List<String> command) throws IOException {
        process = new ProcessBuilder(command).directory(interopDir().toFile()).start();
        pump(process.getInputStream(), lines::add);
        pump(process.getErrorStream(), line -> errors.append(line).append('\n'));
    }

    /** Runs {@code interop/python/SCRIPT} with the Python that has Debian's python3-websockets. */
    public static PeerProgram python(String script, String... args) throws IOException, InterruptedException {
        String python = Files.isExecutable(DEBIAN_PYTHON) ? DEBIAN_PYTHON.toString() : "python3";
        Process probe = new ProcessBuilder(python, "-c", "import websockets").redirectErrorStream(true).start();
        if (!probe.waitFor(30, TimeUnit.SECONDS) || probe.exitValue() != 0) {
            throw new AssertionError(python + " cannot import websockets: install it with "
                    + "'apt-get install -y python3-websockets' (see .ci/run)");
        }
        return start(List.of(python, "python/" + script), args);
    }

    /** Runs {@code interop/node/SCRIPT} with Node and the {@code ws} package installed by {@code npm ci}. */
    public static PeerProgram node(String script, String... args) throws IOException {
        if (!Files.isDirectory(interopDir().resolve("node_modules/ws"))) {
            throw new AssertionError("the npm package ws is not installed: run 'npm ci' in " + interopDir());
        }
        try {
            return start(List.of("node", "node/" + script), args);
        } catch (IOException e) {
            throw new AssertionError("node is not installed (Node.js 20 with npm is expected)", e);
        }
    }

    private static PeerProgram start(List<String> base, String... args) throws IOException {
        List<String> command = new ArrayList<>(base);
        command.addAll(List.of(args));
        return new PeerProgram(command);
    }

    /** The repository's {@code interop} folder, found from the module's working directory upwards. */
    static Path interopDir() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("interop/python"))) {
                return dir.resolve("interop");
            }
        }
        throw new AssertionError("no interop folder above " + Path.of("").toAbsolutePath());
    }

    /** Waits for the next output line that starts with {@code prefix}; fails after {@code timeout}. */
    public String awaitLine(String prefix, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            String line = lines.poll(Math.max(1, end - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new AssertionError("the peer printed no line starting with '" + prefix + "' within "
                        + timeout.toSeconds() + " s" + report());
            }
            seen.add(line);
            if (line.startsWith(prefix)) {
                return line;
            }
        }
    }

    /** Waits for the program to end and checks that it exited with 0. */
    public void awaitSuccess(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the peer did not finish within " + timeout.toSeconds() + " s" + report());
        }
        if (process.exitValue() != 0) {
            throw new AssertionError("the peer exited with " + process.exitValue() + report());
        }
    }

    /** Every line the program printed to standard output so far. */
    List<String> output() {
        lines.drainTo(seen);
        return List.copyOf(seen);
    }

    /** Everything the program printed so far, for failure messages. */
    public String report() {
        return "\n  stdout: " + String.join("\n          ", output()) + "\n  stderr: " + errors;
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    private static void pump(InputStream stream, Consumer<String> sink) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    sink.accept(line);
                }
            } catch (IOException ended) {
                // The process ended.
            }
        }, "peer-output");
        t.setDaemon(true);
        t.start();
    }
}

package io.wspy.bench.load;

import java.nio.file.Files;
import java.time.Duration;

/**
 * How much heap a server still holds for clients that have gone: one client stays connected
 * (so that the server has live per-connection state, timers included, as any server has), 10,000
 * others connect and reset, and 2 s later the server's heap after GC is compared with the heap
 * before they came. Prints the heap kept per closed connection.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.wspy.bench.load.ClosedConnectionRetention [KIND [LoadBenchmark options]]}
 * (the server runs as in the load benchmark; KIND defaults to {@code wspy-async}).
 */
public final class ClosedConnectionRetention {
    private static final int CLIENTS = 10_000;

    private ClosedConnectionRetention() {
    }

    public static void main(String[] args) throws Exception {
        EchoServer.Kind kind = EchoServer.Kind.of(args.length > 0 ? args[0] : "wspy-async");
        String[] rest = args.length > 1 ? java.util.Arrays.copyOfRange(args, 1, args.length) : new String[0];
        LoadBenchmark.Options options = LoadBenchmark.Options.parse(rest);
        Files.createDirectories(options.out);
        try (LoadBenchmark.ServerProcess server = LoadBenchmark.ServerProcess.start(options, kind);
             LoadGenerator stays = new LoadGenerator(server.address, kind.webSocket())) {
            stays.open(1, false, false, LoadBenchmark.SMALL, 1, Duration.ofSeconds(10));
            Thread.sleep(1000);
            long before = server.heapAfterGc();
            try (LoadGenerator leave = new LoadGenerator(server.address, kind.webSocket())) {
                leave.open(CLIENTS, false, false, LoadBenchmark.SMALL, 1, Duration.ofSeconds(120));
            }
            Thread.sleep(2000);
            long after = server.heapAfterGc();
            System.out.printf("%s: %.1f MB of heap kept 2 s after %,d clients left (%.0f B per client)%n",
                    kind.title, (after - before) / 1e6, CLIENTS, (after - before) / (double) CLIENTS);
        }
    }
}

package io.wspy.server;

import io.wspy.connection.Session;
import io.wspy.protocol.Message;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The soak test: many concurrent connections on each server, every one echoing its share of the
 * messages, none lost, duplicated or reordered (checked by {@link SoakClient}, which runs in a JVM
 * of its own so that the two ends do not share one file-descriptor limit). Afterwards nothing has
 * leaked: no server thread, no file descriptor, no direct buffer memory, no client.
 *
 * <p>The build runs a reduced version: 1,000 connections and 100,000 messages per server. The full
 * soak (10,000 connections, 1,000,000 messages per server) is {@code -Psoak}, see SECURITY.md;
 * sizes also come from {@code -Dwspy.soak.connections} and {@code -Dwspy.soak.messages}.
 */
@Timeout(900)
class SoakTest {
    private static final int CONNECTIONS = Integer.getInteger("wspy.soak.connections", 1_000);
    private static final long MESSAGES = Long.getLong("wspy.soak.messages", 100_000);
    /** Beyond this many connections, the threaded server needs virtual threads (JDK 21+). */
    private static final int PLATFORM_THREAD_CAP = 2_000;

    @ParameterizedTest
    @EnumSource(names = {"ASYNC", "THREADED"})
    void everyMessageComesBackInOrderAndNothingLeaks(ServerKind kind) throws Exception {
        if (kind == ServerKind.THREADED && CONNECTIONS > PLATFORM_THREAD_CAP) {
            Assumptions.assumeTrue(Runtime.version().feature() >= 21, "the threaded server's soak with "
                    + CONNECTIONS + " connections needs virtual threads: run it on JDK 21 or later");
        }
        warmUp(kind);
        Resources before = Resources.now();
        long heapBefore = AttackTest.usedHeapAfterGc();
        long peakHeap;
        WebSocketHandler echo = new WebSocketHandler() {
            @Override
            public void onMessage(Session client, Message message) {
                try {
                    client.send(message);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
        WebSocketServer server = kind.start(echo, b -> b.maxConnections(CONNECTIONS + 100).backlog(4096)
                .shutdownTimeout(Duration.ofSeconds(10)));
        try {
            Process client = new ProcessBuilder(javaExecutable(), "-Xss512k", "-cp", System.getProperty("java.class.path"),
                    SoakClient.class.getName(), "127.0.0.1", Integer.toString(server.port()),
                    Integer.toString(CONNECTIONS), Long.toString(MESSAGES))
                    .redirectErrorStream(true).start();
            String output;
            try {
                peakHeap = watchPeakHeap(client);
                output = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } finally {
                client.destroyForcibly();
            }
            System.out.println(kind + ": " + output.trim());
            assertEquals(0, client.exitValue(), output);
            assertTrue(output.contains(" OK"), output);
            awaitNoClients(server);
        } finally {
            server.stop();
        }
        Resources after = Resources.settled(before);
        long heapAfter = AttackTest.usedHeapAfterGc();
        System.out.printf("%s: heap before %d MiB, peak %d MiB, after %d MiB; %s -> %s%n", kind, heapBefore >> 20,
                peakHeap >> 20, heapAfter >> 20, before, after);
        assertEquals(0, after.serverThreads, "server threads left: " + after.serverThreadNames);
        assertTrue(after.platformThreads <= before.platformThreads + 4, before + " -> " + after);
        assertTrue(after.fileDescriptors <= before.fileDescriptors + 4, before + " -> " + after);
        assertTrue(after.directBytes <= before.directBytes + (1 << 20), before + " -> " + after);
        assertTrue(heapAfter - heapBefore < 64L << 20, "heap grew from " + heapBefore + " to " + heapAfter);
    }

    /**
     * One connection to a server of this kind first, so that what the JDK creates once and keeps
     * (the carrier threads and I/O pollers of virtual threads, with their descriptors) is there
     * before the count, and does not pass for a leak.
     */
    private static void warmUp(ServerKind kind) throws Exception {
        WebSocketServer server = kind.start(new Recorder(), b -> b);
        try (RawClient c = RawClient.upgraded(server.port(), "/")) {
            c.send(io.wspy.frame.Frame.text("warm"));
            assertEquals("warm", c.readFrame().payloadText());
        } finally {
            server.stop();
        }
    }

    /** Samples the used heap every 200 ms until the process ends; the largest sample. */
    private static long watchPeakHeap(Process process) throws InterruptedException {
        long peak = 0;
        while (!process.waitFor(200, TimeUnit.MILLISECONDS)) {
            peak = Math.max(peak, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return peak;
    }

    private static void awaitNoClients(WebSocketServer server) throws InterruptedException {
        for (int i = 0; i < 500 && !server.clients().isEmpty(); i++) {
            Thread.sleep(20);
        }
        assertEquals(0, server.clients().size(), "clients left after every connection closed");
    }

    private static String javaExecutable() {
        return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    }

    /** Threads, file descriptors and direct buffer memory of this JVM at one moment. */
    private static final class Resources {
        final int platformThreads;
        final int serverThreads;
        final List<String> serverThreadNames;
        final long fileDescriptors;
        final long directBytes;

        private Resources() {
            platformThreads = ManagementFactory.getThreadMXBean().getThreadCount();
            serverThreadNames = Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                    .filter(n -> n.startsWith("wspy-") && !n.equals("wspy-timers")).toList();
            serverThreads = serverThreadNames.size();
            fileDescriptors = openFileDescriptors();
            directBytes = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                    .filter(b -> b.getName().equals("direct")).mapToLong(BufferPoolMXBean::getMemoryUsed).sum();
        }

        static Resources now() {
            return new Resources();
        }

        /** Resources once threads that were told to stop have ended (they may take a moment). */
        static Resources settled(Resources before) throws InterruptedException {
            Resources r = new Resources();
            for (int i = 0; i < 250 && (r.serverThreads > 0 || r.fileDescriptors > before.fileDescriptors + 4
                    || r.platformThreads > before.platformThreads + 4); i++) {
                Thread.sleep(20);
                r = new Resources();
            }
            return r;
        }

        private static long openFileDescriptors() {
            try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
                return fds.count();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public String toString() {
            return platformThreads + " platform threads (" + serverThreads + " of the server), " + fileDescriptors
                    + " fds, " + (directBytes >> 10) + " KiB direct";
        }
    }
}

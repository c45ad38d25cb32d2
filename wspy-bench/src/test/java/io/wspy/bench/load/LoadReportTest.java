package io.wspy.bench.load;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The load report's fraction of the raw TCP echo and its warning for a peer implausibly far below it. */
class LoadReportTest {
    @TempDir
    Path dir;

    /** One measured row: {@code perCpu} messages per server CPU-second, the server busy the whole 4 s. */
    private static String row(String server, String scenario, double perCpu) {
        return String.format(java.util.Locale.ROOT, "t,1,%s,%s,%.0f,4.000,%.0f,100.0,200.0,4.000,2.000,%.0f,ok",
                server, scenario, perCpu * 4, perCpu, perCpu);
    }

    private String report(String... rows) throws IOException {
        Path csv = dir.resolve("throughput-t.csv");
        Files.write(csv, List.of(LoadReport.THROUGHPUT_HEADER, String.join("\n", rows)));
        return LoadReport.render(List.of(csv));
    }

    @Test
    void aPeerFarBelowTheRawTcpEchoIsFlagged() throws IOException {
        String out = report(row("raw-tcp", "medium", 100_000), row("netty", "medium", 7_000),
                row("wspy-async", "medium", 45_000));
        assertTrue(out.contains("| Netty 4.2 | 7.0 k | 100 | 200 | 100% | 7.0 k | 1.00x | 0.07x | 0.07x |"), out);
        assertTrue(out.contains("WARNING (t, medium): Netty 4.2 reaches only 0.07x the raw TCP echo"), out);
        assertFalse(out.contains("WARNING (t, medium): wspy AsyncServer"), out);
    }

    @Test
    void textAndCompressedScenariosAreComparedWithTheRawEchoOfTheirSizeButNotFlagged() throws IOException {
        String out = report(row("raw-tcp", "medium", 100_000), row("netty", "medium-text", 7_000),
                row("netty", "medium+deflate", 2_000));
        assertTrue(out.contains("#### t: medium-text (16 connections x 4 in flight, 16 KiB text)"), out);
        assertTrue(out.contains("| 7.0 k | 1.00x | 0.07x |"), out);
        assertTrue(out.contains("| 2.0 k | 1.00x | 0.02x |"), out);
        assertFalse(out.contains("WARNING"), out);
    }

    @Test
    void smallMessagesHaveTheirOwnFloor() throws IOException {
        String out = report(row("raw-tcp", "small", 1_600_000), row("jetty", "small", 110_000),
                row("netty", "small", 30_000));
        assertFalse(out.contains("WARNING (t, small): Jetty"), out);
        assertTrue(out.contains("WARNING (t, small): Netty 4.2 reaches only 0.02x the raw TCP echo per server "
                + "CPU-second (plausible: >= 0.03x)"), out);
    }

    @Test
    void aPlainScenarioWithoutTheRawEchoSaysItIsUnchecked() throws IOException {
        String out = report(row("netty", "large", 500));
        assertTrue(out.contains("WARNING (t, large): no raw TCP echo row"), out);
    }
}

package io.wspy.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns JMH JSON results ({@code -rf json}) into the Markdown tables of the README: GB/s, frames/s
 * and bytes allocated, with the ratios to the limit and to the peers, and the targets.
 *
 * <p>On a machine shared with other work, interference only ever slows an iteration down, so each
 * figure is the <em>best</em> measured iteration of a benchmark (over all the files given, for
 * example runs made at different times); a {@code *} marks figures whose median iteration is more
 * than 20% below the best (a noisy benchmark). Allocation is the median of the iterations.
 *
 * <p>Usage: {@code java -cp wspy-bench/target/benchmarks.jar io.wspy.bench.Report run.json [more.json ...]}
 */
public final class Report {
    private static final int[] MASK_SIZES = {16, 1024, 65536, 1048576};
    private static final int[] FRAME_SIZES = {16, 1024, 65536};
    private static final String[] MASK_ROWS = {"arraycopy", "wspyCopy", "wspyInPlace", "wspyDirectInPlace",
        "wspyScalarInPlace", "naiveByteLoop", "netty", "javaWebSocket"};
    private static final String[] DECODE_ROWS = {"wspy", "netty", "nettyPipeline", "javaWebSocket"};
    private static final String[] ENCODE_ROWS = {"wspy", "wspyGathering", "netty", "javaWebSocket"};
    private static final String[] DEFLATE_ROWS = {"zlib", "wspy", "netty"};
    private static final String[] HANDSHAKE_ROWS = {"wspy", "netty", "nettyChannel", "javaWebSocket"};

    /** All measured iterations of one benchmark with one set of parameters. */
    private static final class Result {
        final List<Double> iterations = new ArrayList<>();
        final List<Double> allocations = new ArrayList<>();

        double best() {
            return Collections.max(iterations);
        }

        double median() {
            return medianOf(iterations);
        }

        double bytesPerOp() {
            return allocations.isEmpty() ? Double.NaN : medianOf(allocations);
        }

        private static double medianOf(List<Double> values) {
            List<Double> sorted = new ArrayList<>(values);
            Collections.sort(sorted);
            int n = sorted.size();
            return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        }
    }

    private final Map<String, Result> results = new LinkedHashMap<>();
    private final Set<String> setups = new LinkedHashSet<>();
    private final StringBuilder out = new StringBuilder();

    private Report() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("usage: Report results.json [more-results.json ...]");
            System.exit(2);
        }
        Report report = new Report();
        for (String file : args) {
            report.read(Path.of(file));
        }
        System.out.print(report.render());
    }

    @SuppressWarnings("unchecked")
    private void read(Path file) throws IOException {
        for (Object entry : (List<Object>) Json.parse(Files.readString(file))) {
            Map<String, Object> run = (Map<String, Object>) entry;
            String benchmark = (String) run.get("benchmark");
            String name = benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1);
            Map<String, Object> params = new TreeMap<>((Map<String, Object>) run.getOrDefault("params", Map.of()));
            StringBuilder key = new StringBuilder(name);
            params.forEach((k, v) -> key.append(' ').append(k).append('=').append(v));
            Result result = results.computeIfAbsent(key.toString(), k -> new Result());
            Map<String, Object> primary = (Map<String, Object>) run.get("primaryMetric");
            for (Object fork : (List<Object>) primary.get("rawData")) {
                for (Object v : (List<Object>) fork) {
                    result.iterations.add((Double) v);
                }
            }
            Map<String, Object> secondary = (Map<String, Object>) run.getOrDefault("secondaryMetrics", Map.of());
            Map<String, Object> norm = (Map<String, Object>) secondary.get("gc.alloc.rate.norm");
            if (norm != null) {
                for (Object fork : (List<Object>) norm.get("rawData")) {
                    for (Object v : (List<Object>) fork) {
                        result.allocations.add((Double) v);
                    }
                }
            }
            setups.add(String.format(Locale.ROOT, "%s %s, JVM options %s; %s x %s warm-up, %s x %s measured, %s fork(s)",
                    run.get("vmName"), run.get("vmVersion"), run.get("jvmArgs"),
                    number(run.get("warmupIterations")), run.get("warmupTime"),
                    number(run.get("measurementIterations")), run.get("measurementTime"), number(run.get("forks"))));
        }
    }

    private String render() {
        out.append("Runs: ");
        setups.forEach(s -> out.append("\n- ").append(s));
        out.append('\n');
        maskingTable();
        decodingTable();
        encodingTable();
        deflateTable();
        handshakeTable();
        return out.toString();
    }

    private void maskingTable() {
        if (get("MaskingBenchmark.arraycopy", "size=16") == null) {
            return;
        }
        out.append("\n### Masking: GB/s (x arraycopy)\n\n| contender |");
        for (int size : MASK_SIZES) {
            out.append(' ').append(sizeName(size)).append(" |");
        }
        out.append(" B/op at 64 KiB |\n|---|").append("---:|".repeat(MASK_SIZES.length)).append("---:|\n");
        for (String row : MASK_ROWS) {
            out.append("| ").append(row).append(" |");
            for (int size : MASK_SIZES) {
                Result r = get("MaskingBenchmark." + row, "size=" + size);
                Result limit = get("MaskingBenchmark.arraycopy", "size=" + size);
                out.append(r == null ? " - |" : String.format(Locale.ROOT, " %.2f%s (%.2fx) |",
                        r.best() * size / 1e9, noisy(r), r.best() / limit.best()));
            }
            Result at64k = get("MaskingBenchmark." + row, "size=65536");
            out.append(' ').append(at64k == null ? "-" : bytes(at64k.bytesPerOp())).append(" |\n");
        }
        Result limit = get("MaskingBenchmark.arraycopy", "size=65536");
        out.append('\n');
        for (String row : new String[] {"wspyCopy", "wspyInPlace"}) {
            Result r = get("MaskingBenchmark." + row, "size=65536");
            if (r != null) {
                double ratio = r.best() / limit.best();
                out.append(String.format(Locale.ROOT, "Target, %s at 64 KiB >= 0.5x arraycopy: %.2fx, %s.%n",
                        row, ratio, ratio >= 0.5 ? "MET" : "MISSED"));
            }
        }
    }

    private void decodingTable() {
        for (String opcode : new String[] {"TEXT", "BINARY"}) {
            if (get("DecodeBenchmark.wspy", "opcode=" + opcode + " size=16") == null) {
                continue;
            }
            out.append("\n### Decoding masked ").append(opcode.toLowerCase(Locale.ROOT)).append(" frames\n\n")
                    .append("| size | contender | frames/s | MB/s payload | wspy is | B/frame |\n")
                    .append("|---:|---|---:|---:|---:|---:|\n");
            for (int size : FRAME_SIZES) {
                String params = "opcode=" + opcode + " size=" + size;
                int frames = Payloads.framesPerBuffer(size);
                Result wspy = get("DecodeBenchmark.wspy", params);
                for (String row : DECODE_ROWS) {
                    Result r = get("DecodeBenchmark." + row, params);
                    if (r == null) {
                        continue;
                    }
                    double framesPerSecond = r.best() * frames;
                    out.append(String.format(Locale.ROOT, "| %s | %s | %s%s | %.0f | %s | %s |%n", sizeName(size), row,
                            si(framesPerSecond), noisy(r), framesPerSecond * size / 1e6,
                            row.equals("wspy") ? "" : String.format(Locale.ROOT, "%.2fx", wspy.best() / r.best()),
                            bytes(r.bytesPerOp() / frames)));
                }
                Result copy = get("DecodeBenchmark.copyOnly", params);
                if (copy != null) {
                    out.append(String.format(Locale.ROOT, "| %s | restore copy (in wspy's time) | %s | %.0f | | |%n",
                            sizeName(size), si(copy.best() * frames), copy.best() * frames * size / 1e6));
                }
            }
            out.append('\n');
            target(opcode, "at 16 B frames, wspy >= 2x the fastest peer", 16,
                    new String[] {"netty", "nettyPipeline", "javaWebSocket"}, 2.0);
            target(opcode, "at 64 KiB frames, wspy ahead of Netty", 65536, new String[] {"netty", "nettyPipeline"}, 1.0);
        }
    }

    /** States whether wspy decodes at least {@code factor} times as fast as the fastest of {@code peers}. */
    private void target(String opcode, String what, int size, String[] peers, double factor) {
        String params = "opcode=" + opcode + " size=" + size;
        Result wspy = get("DecodeBenchmark.wspy", params);
        Result fastest = null;
        String fastestName = "";
        for (String peer : peers) {
            Result r = get("DecodeBenchmark." + peer, params);
            if (r != null && (fastest == null || r.best() > fastest.best())) {
                fastest = r;
                fastestName = peer;
            }
        }
        if (wspy != null && fastest != null) {
            double ratio = wspy.best() / fastest.best();
            out.append(String.format(Locale.ROOT, "Target (%s), %s: %.2fx %s, %s.%n", opcode.toLowerCase(Locale.ROOT),
                    what, ratio, fastestName, ratio >= factor && ratio > 1.0 ? "MET" : "MISSED"));
        }
    }

    private void encodingTable() {
        if (results.keySet().stream().noneMatch(k -> k.startsWith("EncodeBenchmark."))) {
            return;
        }
        out.append("\n### Encoding one binary frame\n\n")
                .append("| role | size | contender | frames/s | GB/s payload | wspy is | B/op |\n")
                .append("|---|---:|---|---:|---:|---:|---:|\n");
        for (String role : new String[] {"SERVER", "CLIENT"}) {
            for (int size : FRAME_SIZES) {
                String params = "role=" + role + " size=" + size;
                Result wspy = get("EncodeBenchmark.wspy", params);
                for (String row : ENCODE_ROWS) {
                    if (wspy == null) {
                        break;
                    }
                    Result r = get("EncodeBenchmark." + row, params);
                    if (r == null) {
                        continue;
                    }
                    out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s%s | %.2f | %s | %s |%n",
                            role.toLowerCase(Locale.ROOT), sizeName(size), row, si(r.best()), noisy(r),
                            r.best() * size / 1e9, row.startsWith("wspy") ? ""
                                    : String.format(Locale.ROOT, "%.2fx", wspy.best() / r.best()),
                            bytes(r.bytesPerOp())));
                }
            }
        }
    }

    private void deflateTable() {
        if (results.keySet().stream().noneMatch(k -> k.startsWith("DeflateBenchmark."))) {
            return;
        }
        out.append("\n### permessage-deflate, one 16 KiB JSON message\n\n")
                .append("| context takeover | direction | contender | messages/s | MB/s uncompressed | x zlib | B/op |\n")
                .append("|---|---|---|---:|---:|---:|---:|\n");
        List<String> targets = new ArrayList<>();
        for (String context : new String[] {"true", "false"}) {
            String params = "contextTakeover=" + context;
            for (String direction : new String[] {"Compress", "Inflate"}) {
                Result limit = get("DeflateBenchmark.zlib" + direction, params);
                for (String contender : DEFLATE_ROWS) {
                    Result r = get("DeflateBenchmark." + contender + direction, params);
                    if (r == null) {
                        continue;
                    }
                    double ratio = limit == null ? Double.NaN : r.best() / limit.best();
                    out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s%s | %.0f | %.2fx | %s |%n",
                            context.equals("true") ? "yes" : "no", direction.toLowerCase(Locale.ROOT), contender,
                            si(r.best()), noisy(r), r.best() * DeflateBenchmark.SIZE / 1e6, ratio,
                            bytes(r.bytesPerOp())));
                    if (contender.equals("wspy") && limit != null) {
                        targets.add(String.format(Locale.ROOT,
                                "Target, wspy %s (context takeover %s) within 10%% of raw zlib: %.2fx, %s.%n",
                                direction.toLowerCase(Locale.ROOT), context.equals("true") ? "on" : "off", ratio,
                                ratio >= 0.9 ? "MET" : "MISSED"));
                    }
                }
            }
        }
        out.append('\n');
        targets.forEach(out::append);
    }

    private void handshakeTable() {
        if (results.keySet().stream().noneMatch(k -> k.startsWith("HandshakeBenchmark."))) {
            return;
        }
        out.append("\n### Server handshake of a browser's upgrade request\n\n")
                .append("| server offers permessage-deflate | contender | handshakes/s | us each | wspy is | B/op |\n")
                .append("|---|---|---:|---:|---:|---:|\n");
        for (String deflate : new String[] {"false", "true"}) {
            String params = "deflate=" + deflate;
            Result wspy = get("HandshakeBenchmark.wspy", params);
            for (String row : HANDSHAKE_ROWS) {
                Result r = get("HandshakeBenchmark." + row, params);
                if (r == null) {
                    continue;
                }
                out.append(String.format(Locale.ROOT, "| %s | %s | %s%s | %.2f | %s | %s |%n",
                        deflate.equals("true") ? "yes" : "no", row, si(r.best()), noisy(r), 1e6 / r.best(),
                        row.equals("wspy") || wspy == null ? "" : String.format(Locale.ROOT, "%.2fx", wspy.best() / r.best()),
                        bytes(r.bytesPerOp())));
            }
        }
    }

    private Result get(String benchmark, String params) {
        return results.get(benchmark + " " + params);
    }

    private static String noisy(Result r) {
        return r.median() < 0.8 * r.best() ? "*" : "";
    }

    private static String si(double value) {
        return value >= 1e6 ? String.format(Locale.ROOT, "%.2f M", value / 1e6)
                : String.format(Locale.ROOT, "%.1f k", value / 1e3);
    }

    private static String bytes(double perOp) {
        if (Double.isNaN(perOp)) {
            return "-";
        }
        return perOp < 0.5 ? "0" : String.format(Locale.ROOT, "%.0f", perOp);
    }

    private static String number(Object jsonNumber) {
        return jsonNumber instanceof Double ? String.valueOf(((Double) jsonNumber).intValue()) : String.valueOf(jsonNumber);
    }

    private static String sizeName(int size) {
        return size >= 1 << 20 ? (size >> 20) + " MiB" : size >= 1024 ? (size >> 10) + " KiB" : size + " B";
    }
}

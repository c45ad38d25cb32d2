package io.wspy.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns JMH CSV results ({@code -rf csv}) into the Markdown tables of the README: GB/s, frames/s
 * and bytes allocated, with the ratios to the limit and to the peers and the targets.
 *
 * <p>Given several result files of the same benchmarks (runs made at different times on a shared
 * machine), it keeps each benchmark's best score, since interference only ever slows a run down,
 * and shows how far the worst run fell behind.
 *
 * <p>Usage: {@code java -cp wspy-bench/target/benchmarks.jar io.wspy.bench.Report run1.csv [run2.csv ...]}
 */
public final class Report {
    private static final String NORM = ":gc.alloc.rate.norm";
    private static final int[] MASK_SIZES = {16, 1024, 65536, 1048576};
    private static final int[] FRAME_SIZES = {16, 1024, 65536};
    private static final String[] MASK_ROWS = {"arraycopy", "wspyCopy", "wspyInPlace", "wspyDirectInPlace",
        "wspyScalarInPlace", "naiveByteLoop", "netty", "javaWebSocket"};
    private static final String[] DECODE_ROWS = {"wspy", "netty", "nettyPipeline", "javaWebSocket"};
    private static final String[] ENCODE_ROWS = {"wspy", "netty", "javaWebSocket"};

    /** Best and worst score of one benchmark with one set of parameters, and its allocation. */
    private static final class Result {
        double best = Double.NEGATIVE_INFINITY;
        double worst = Double.POSITIVE_INFINITY;
        double error;
        double bytesPerOp = Double.NaN;
        int runs;
    }

    private final Map<String, Result> results = new LinkedHashMap<>();
    private final StringBuilder out = new StringBuilder();

    private Report() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("usage: Report results.csv [more-results.csv ...]");
            System.exit(2);
        }
        Report report = new Report();
        for (String file : args) {
            report.read(Path.of(file));
        }
        System.out.print(report.render());
    }

    private void read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        List<String> header = fields(lines.get(0));
        Map<String, Double> scores = new LinkedHashMap<>();
        Map<String, Double> errors = new LinkedHashMap<>();
        Map<String, Double> norms = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            List<String> f = fields(line);
            String full = f.get(0);
            int colon = full.indexOf(':');
            String benchmark = colon < 0 ? full : full.substring(0, colon);
            String name = full.substring(benchmark.lastIndexOf('.') + 1);
            String clazz = benchmark.substring(0, benchmark.lastIndexOf('.'));
            clazz = clazz.substring(clazz.lastIndexOf('.') + 1);
            String params = "";
            for (int i = 7; i < f.size(); i++) {
                if (!f.get(i).isEmpty()) {
                    params += " " + header.get(i).replace("Param: ", "") + "=" + f.get(i);
                }
            }
            if (name.endsWith(NORM)) {
                norms.put(key(clazz, name.substring(0, name.length() - NORM.length()), params), number(f.get(4)));
            } else if (!name.contains(":")) {
                scores.put(key(clazz, name, params), number(f.get(4)));
                errors.put(key(clazz, name, params), number(f.get(5)));
            }
        }
        for (Map.Entry<String, Double> e : scores.entrySet()) {
            Result r = results.computeIfAbsent(e.getKey(), k -> new Result());
            r.runs++;
            if (e.getValue() > r.best) {
                r.best = e.getValue();
                r.error = errors.get(e.getKey());
                r.bytesPerOp = norms.getOrDefault(e.getKey(), Double.NaN);
            }
            r.worst = Math.min(r.worst, e.getValue());
        }
    }

    private String render() {
        maskingTable();
        decodingTable();
        encodingTable();
        return out.toString();
    }

    private void maskingTable() {
        if (get("MaskingBenchmark", "arraycopy", " size=16") == null) {
            return;
        }
        out.append("\n### Masking: GB/s (x arraycopy)\n\n| contender |");
        for (int size : MASK_SIZES) {
            out.append(' ').append(sizeName(size)).append(" |");
        }
        out.append(" B/op at 64 KiB |\n|---|");
        out.append("---:|".repeat(MASK_SIZES.length)).append("---:|\n");
        for (String row : MASK_ROWS) {
            out.append("| ").append(row).append(" |");
            for (int size : MASK_SIZES) {
                Result r = get("MaskingBenchmark", row, " size=" + size);
                Result limit = get("MaskingBenchmark", "arraycopy", " size=" + size);
                if (r == null) {
                    out.append(" - |");
                    continue;
                }
                out.append(String.format(Locale.ROOT, " %.2f (%.2fx)%s |", gbps(r.best, size),
                        r.best / limit.best, spread(r)));
            }
            Result at64k = get("MaskingBenchmark", row, " size=65536");
            out.append(' ').append(at64k == null ? "-" : bytes(at64k.bytesPerOp)).append(" |\n");
        }
        Result limit = get("MaskingBenchmark", "arraycopy", " size=65536");
        for (String row : new String[] {"wspyCopy", "wspyInPlace"}) {
            Result r = get("MaskingBenchmark", row, " size=65536");
            if (r != null) {
                double ratio = r.best / limit.best;
                out.append(String.format(Locale.ROOT, "%nTarget, %s at 64 KiB >= 0.5x arraycopy: %.2fx, %s.%n",
                        row, ratio, ratio >= 0.5 ? "MET" : "MISSED"));
            }
        }
    }

    private void decodingTable() {
        if (get("DecodeBenchmark", "wspy", " size=16") == null) {
            return;
        }
        out.append("\n### Decoding masked text frames\n\n")
                .append("| size | contender | M frames/s | MB/s payload | wspy is | B/frame |\n")
                .append("|---:|---|---:|---:|---:|---:|\n");
        for (int size : FRAME_SIZES) {
            int frames = Payloads.framesPerBuffer(size);
            Result wspy = get("DecodeBenchmark", "wspy", " size=" + size);
            for (String row : DECODE_ROWS) {
                Result r = get("DecodeBenchmark", row, " size=" + size);
                if (r == null) {
                    continue;
                }
                double framesPerSecond = r.best * frames;
                out.append(String.format(Locale.ROOT, "| %s | %s | %.2f%s | %.0f | %s | %s |%n", sizeName(size), row,
                        framesPerSecond / 1e6, spread(r), framesPerSecond * size / 1e6,
                        row.equals("wspy") ? "" : String.format(Locale.ROOT, "%.2fx", wspy.best / r.best),
                        bytes(r.bytesPerOp / frames)));
            }
            Result copy = get("DecodeBenchmark", "copyOnly", " size=" + size);
            if (copy != null) {
                out.append(String.format(Locale.ROOT,
                        "| %s | (restore copy, inside wspy's time) | %.2f | %.0f | | |%n", sizeName(size),
                        copy.best * frames / 1e6, copy.best * frames * size / 1e6));
            }
        }
        target("at 16 B frames, wspy >= 2x the fastest peer", "16", new String[] {"netty", "nettyPipeline",
            "javaWebSocket"}, 2.0);
        target("at 64 KiB frames, wspy ahead of Netty", "65536", new String[] {"netty", "nettyPipeline"}, 1.0);
    }

    /** Whether wspy's best decoding score is more than {@code factor} times the fastest of {@code peers}. */
    private void target(String what, String size, String[] peers, double factor) {
        Result wspy = get("DecodeBenchmark", "wspy", " size=" + size);
        Result fastest = null;
        String fastestName = "";
        for (String peer : peers) {
            Result r = get("DecodeBenchmark", peer, " size=" + size);
            if (r != null && (fastest == null || r.best > fastest.best)) {
                fastest = r;
                fastestName = peer;
            }
        }
        if (wspy != null && fastest != null) {
            double ratio = wspy.best / fastest.best;
            out.append(String.format(Locale.ROOT, "%nTarget, %s: %.2fx %s, %s.%n", what, ratio, fastestName,
                    ratio > factor || (factor > 1.0 && ratio == factor) ? "MET" : "MISSED"));
        }
    }

    private void encodingTable() {
        if (get("EncodeBenchmark", "wspy", " role=SERVER size=16") == null) {
            return;
        }
        out.append("\n### Encoding one binary frame\n\n")
                .append("| role | size | contender | M frames/s | GB/s payload | wspy is | B/op |\n")
                .append("|---|---:|---|---:|---:|---:|---:|\n");
        for (String role : new String[] {"SERVER", "CLIENT"}) {
            for (int size : FRAME_SIZES) {
                String params = " role=" + role + " size=" + size;
                Result wspy = get("EncodeBenchmark", "wspy", params);
                for (String row : ENCODE_ROWS) {
                    Result r = get("EncodeBenchmark", row, params);
                    if (r == null) {
                        continue;
                    }
                    out.append(String.format(Locale.ROOT, "| %s | %s | %s | %.2f%s | %.2f | %s | %s |%n",
                            role.toLowerCase(Locale.ROOT), sizeName(size), row, r.best / 1e6, spread(r),
                            gbps(r.best, size), row.equals("wspy") ? ""
                                    : String.format(Locale.ROOT, "%.2fx", wspy.best / r.best),
                            bytes(r.bytesPerOp)));
                }
            }
        }
    }

    private Result get(String clazz, String method, String params) {
        return results.get(key(clazz, method, params));
    }

    private static String key(String clazz, String method, String params) {
        return clazz + "." + method + params;
    }

    /** A mark when the runs of a benchmark disagree by more than 10%: the figure is less sure. */
    private static String spread(Result r) {
        return r.runs > 1 && r.worst < 0.9 * r.best ? String.format(Locale.ROOT, " [-%.0f%%]",
                100 * (1 - r.worst / r.best)) : "";
    }

    private static double gbps(double opsPerSecond, int size) {
        return opsPerSecond * size / 1e9;
    }

    private static String bytes(double perOp) {
        if (Double.isNaN(perOp)) {
            return "-";
        }
        return perOp < 0.5 ? "0" : String.format(Locale.ROOT, "%.0f", perOp);
    }

    private static String sizeName(int size) {
        return size >= 1 << 20 ? (size >> 20) + " MiB" : size >= 1024 ? (size >> 10) + " KiB" : size + " B";
    }

    private static double number(String s) {
        return s.isEmpty() || s.equals("NaN") ? Double.NaN : Double.parseDouble(s);
    }

    private static List<String> fields(String line) {
        List<String> f = new ArrayList<>();
        for (String part : line.split(",", -1)) {
            f.add(part.startsWith("\"") && part.endsWith("\"") && part.length() >= 2
                    ? part.substring(1, part.length() - 1) : part);
        }
        return f;
    }
}

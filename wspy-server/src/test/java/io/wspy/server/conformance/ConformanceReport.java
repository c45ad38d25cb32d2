package io.wspy.server.conformance;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Collects case results per peer and prints the per-category pass table for the CI log. */
final class ConformanceReport {
    private final Map<String, List<CaseResult>> byPeer = new LinkedHashMap<>();

    synchronized void add(String peer, CaseResult result) {
        byPeer.computeIfAbsent(peer, p -> new ArrayList<>()).add(result);
    }

    synchronized void print(PrintStream out) {
        for (Map.Entry<String, List<CaseResult>> e : byPeer.entrySet()) {
            out.println(table(e.getKey(), e.getValue()));
        }
    }

    static String table(String peer, List<CaseResult> results) {
        Map<Category, int[]> counts = new EnumMap<>(Category.class);
        for (CaseResult r : results) {
            int[] c = counts.computeIfAbsent(r.fuzzCase().category(), k -> new int[2]);
            c[r.passed() ? 0 : 1]++;
        }
        StringBuilder s = new StringBuilder();
        s.append("\n== Conformance: ").append(peer).append('\n');
        s.append(String.format("%-22s %6s %7s %7s%n", "category", "cases", "passed", "failed"));
        int passed = 0;
        int failed = 0;
        for (Map.Entry<Category, int[]> e : counts.entrySet()) {
            int[] c = e.getValue();
            s.append(String.format("%-22s %6d %7d %7d%n", e.getKey().label(), c[0] + c[1], c[0], c[1]));
            passed += c[0];
            failed += c[1];
        }
        s.append(String.format("%-22s %6d %7d %7d%n", "total", passed + failed, passed, failed));
        for (CaseResult r : results) {
            if (!r.passed()) {
                s.append("FAILED ").append(r.fuzzCase()).append("\n    ").append(r.detail()).append('\n');
            }
        }
        return s.toString();
    }
}

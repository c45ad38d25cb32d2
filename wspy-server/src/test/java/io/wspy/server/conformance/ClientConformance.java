package io.wspy.server.conformance;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Every client case of {@link FuzzingServer}, run by a given {@link EchoClient} through
 * {@link EchoClientRunner} with permessage-deflate offered: for clients whose tests live in other
 * modules.
 */
public final class ClientConformance {
    private ClientConformance() {
    }

    /**
     * The outcome of a run.
     *
     * @param cases    how many cases ran
     * @param failures one line per failed case
     * @param table    the pass table
     */
    public record Outcome(int cases, List<String> failures, String table) {
    }

    /** Runs every client case as {@code agent} with {@code client}. */
    public static Outcome run(EchoClient client, String agent) throws Exception {
        List<FuzzCase> cases = Catalogue.forSide(Side.CLIENT);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        List<CaseResult> results;
        try (FuzzingServer server = new FuzzingServer(cases, EchoClientRunner.MAX_MESSAGE_SIZE)) {
            int announced = EchoClientRunner.run(server.uri(), agent, EchoClientRunner.defaultOptions(),
                    new PrintStream(log, true, StandardCharsets.UTF_8), client);
            if (announced != cases.size()) {
                throw new AssertionError("/getCaseCount announced " + announced + ", expected " + cases.size());
            }
            results = server.awaitResults(agent, Duration.ofSeconds(60));
            if (!server.reportsUpdated(agent)) {
                throw new AssertionError("/updateReports was not called");
            }
        }
        List<String> failures = results.stream().filter(r -> !r.passed())
                .map(r -> r.fuzzCase() + ": " + r.detail()).collect(Collectors.toList());
        return new Outcome(results.size(), failures, ConformanceReport.table(agent + ", via EchoClientRunner", results));
    }
}

package io.wspy.server.conformance;

import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Our client against the fuzzing server, end to end through the standard fuzzing-server protocol:
 * {@link EchoClientRunner} runs every client case of {@link FuzzingServer}, which judges what the
 * client answers. The pass table goes to standard output.
 */
class ClientConformanceTest {
    private static final String AGENT = "wspy client";

    @TestFactory
    Stream<DynamicNode> clientPassesEveryCase() throws Exception {
        List<FuzzCase> cases = Catalogue.forSide(Side.CLIENT);
        List<CaseResult> results;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (FuzzingServer server = new FuzzingServer(cases, EchoClientRunner.MAX_MESSAGE_SIZE)) {
            int announced = EchoClientRunner.run(server.uri(), AGENT, EchoClientRunner.defaultOptions(),
                    new PrintStream(log, true, StandardCharsets.UTF_8));
            assertEquals(cases.size(), announced, "/getCaseCount");
            results = server.awaitResults(AGENT, Duration.ofSeconds(30));
            assertTrue(server.reportsUpdated(AGENT), "/updateReports was called");
        }
        System.out.println(ConformanceReport.table("wspy Connection (client), via EchoClientRunner", results));
        return Arrays.stream(Category.values()).map(category -> DynamicContainer.dynamicContainer(category.label(),
                results.stream().filter(r -> r.fuzzCase().category() == category)
                        .map(r -> DynamicTest.dynamicTest(r.fuzzCase().toString(), () -> {
                            if (!r.passed()) {
                                throw new AssertionError(r.fuzzCase() + ": " + r.detail());
                            }
                        }))));
    }
}

package io.wspy.client;

import io.wspy.server.conformance.ClientConformance;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The non-blocking client against the fuzzing server's client cases, through the standard
 * fuzzing-server protocol and wspy-server's {@code EchoClientRunner}, permessage-deflate offered.
 */
class AsyncClientConformanceTest {
    @Test
    void passesEveryClientCase() throws Exception {
        ClientConformance.Outcome outcome;
        try (AsyncEchoClient client = new AsyncEchoClient()) {
            outcome = ClientConformance.run(client, "wspy AsyncClient");
        }
        System.out.println(outcome.table());
        assertTrue(outcome.cases() > 0);
        assertEquals(java.util.List.of(), outcome.failures());
    }
}

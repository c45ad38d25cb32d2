package io.wspy.server.conformance;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The fuzzing client against every echo server implementation in {@link ServersUnderTest}: every
 * case of every category, one connection each; the servers over TLS get the categories where the
 * transport matters. The pass table goes to standard output.
 */
class ServerConformanceTest {
    private static final ConformanceReport REPORT = new ConformanceReport();
    private static final Map<Profile, EchoServerUnderTest> RUNNING = new EnumMap<>(Profile.class);
    private static String current;

    @TestFactory
    Stream<DynamicNode> everyServerPassesEveryCase() {
        return ServersUnderTest.allWithTls().stream().map(server -> DynamicContainer.dynamicContainer(server.name(),
                Arrays.stream(Category.values())
                        .filter(category -> runs(server, category))
                        .map(category -> DynamicContainer.dynamicContainer(category.label(),
                                Catalogue.forSide(Side.SERVER).stream()
                                        .filter(c -> c.category() == category)
                                        .map(c -> DynamicTest.dynamicTest(c.toString(), () -> run(server, c)))))));
    }

    /**
     * Over TLS, the categories where the byte stream matters: how frames meet TLS records (split,
     * chopped, several in one), the handshake, and the close. UTF-8 and permessage-deflate check
     * what is done with payloads, the same whatever carries them; TlsServerTest sends compressed
     * messages over TLS.
     */
    private static boolean runs(ServersUnderTest.Named server, Category category) {
        return !server.tls() || category != Category.UTF8 && category != Category.DEFLATE;
    }

    private static void run(ServersUnderTest.Named server, FuzzCase c) throws Exception {
        EchoServerUnderTest running = serverFor(server, c.profile());
        CaseResult result = FuzzingClient.run(c, running.uri(), c.profile().spec().maxMessageSize());
        REPORT.add(server.name() + " (server)", result);
        if (!result.passed()) {
            throw new AssertionError(c + ": " + result.detail());
        }
    }

    /** One server per profile, started at its first case and kept until the next implementation's turn. */
    private static synchronized EchoServerUnderTest serverFor(ServersUnderTest.Named server, Profile profile)
            throws Exception {
        if (!server.name().equals(current)) {
            stopAll();
            current = server.name();
        }
        EchoServerUnderTest running = RUNNING.get(profile);
        if (running == null) {
            running = server.factory().start(profile.spec());
            RUNNING.put(profile, running);
        }
        return running;
    }

    private static void stopAll() throws Exception {
        for (EchoServerUnderTest s : List.copyOf(RUNNING.values())) {
            s.close();
        }
        RUNNING.clear();
    }

    @AfterAll
    static void printTableAndStop() throws Exception {
        stopAll();
        REPORT.print(System.out);
    }
}

package io.wspy.server.conformance;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/**
 * One conformance case: what the fuzzer sends and what it expects back, in a script over a
 * {@link FuzzSession}. A script that returns without ending the connection is followed by a
 * normal closing handshake, so every case also checks that the peer is still well.
 *
 * @param category the table row it counts in
 * @param id       unique, for example {@code 5.12}
 * @param title    what is sent and what is expected
 * @param sides    which ends it applies to
 * @param profile  how the echo server is configured (testing a server)
 * @param opening  how the connection is opened
 * @param bound    the time within which every expectation must be met
 * @param script   what the fuzzer sends and expects
 */
record FuzzCase(Category category, String id, String title, Set<Side> sides, Profile profile, Opening opening,
                Duration bound, Script script) {
    /** The default time bound: a bound on a hang, not a measurement. */
    static final Duration BOUND = Duration.ofSeconds(5);

    /** What a case does on its connection. */
    @FunctionalInterface
    interface Script {
        void run(FuzzSession session) throws Exception;
    }

    FuzzCase {
        sides = Set.copyOf(sides);
    }

    static FuzzCase of(Category category, String id, String title, Script script) {
        return new FuzzCase(category, id, title, EnumSet.allOf(Side.class), Profile.STANDARD, Opening.PLAIN, BOUND,
                script);
    }

    FuzzCase only(Side side) {
        return new FuzzCase(category, id, title, EnumSet.of(side), profile, opening, bound, script);
    }

    FuzzCase with(Profile p) {
        return new FuzzCase(category, id, title, sides, p, opening, bound, script);
    }

    FuzzCase with(Opening o) {
        return new FuzzCase(category, id, title, sides, profile, o, bound, script);
    }

    FuzzCase within(Duration d) {
        return new FuzzCase(category, id, title, sides, profile, opening, d, script);
    }

    boolean appliesTo(Side side) {
        return sides.contains(side);
    }

    @Override
    public String toString() {
        return id + " " + title;
    }
}

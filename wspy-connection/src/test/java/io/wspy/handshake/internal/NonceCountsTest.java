package io.wspy.handshake.internal;

import io.wspy.handshake.internal.NonceCounts.Verdict;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class NonceCountsTest {
    @Test
    void acceptsIncreasingCountsAndRefusesRepeats() {
        NonceCounts counts = new NonceCounts(10);
        assertEquals(Verdict.ACCEPTED, counts.use(1, "a", 1, 0));
        assertEquals(Verdict.REPLAYED, counts.use(1, "a", 1, 0));
        assertEquals(Verdict.ACCEPTED, counts.use(1, "a", 5, 0));
        assertEquals(Verdict.REPLAYED, counts.use(1, "a", 3, 0));
        assertEquals(Verdict.ACCEPTED, counts.use(1, "b", 1, 0), "counts are per nonce");
    }

    @Test
    void staysWithinCapacityAndRefusesWhatItForgot() {
        NonceCounts counts = new NonceCounts(3);
        for (int t = 1; t <= 100; t++) {
            assertEquals(Verdict.ACCEPTED, counts.use(t, "n" + t, 1, 0));
            assertEquals(Math.min(t, 3), counts.size());
        }
        assertEquals(Verdict.FORGOTTEN, counts.use(97, "n97", 2, 0), "evicted, so its history is unknown");
        assertEquals(Verdict.FORGOTTEN, counts.use(50, "unseen", 1, 0), "issued before the forgotten one");
        assertEquals(Verdict.ACCEPTED, counts.use(98, "n98", 2, 0));
        assertEquals(Verdict.ACCEPTED, counts.use(101, "n101", 1, 0));
    }

    @Test
    void dropsExpiredNoncesWithoutForgettingOthers() {
        NonceCounts counts = new NonceCounts(3);
        counts.use(1, "old", 1, 0);
        counts.use(2, "older", 1, 0);
        assertEquals(Verdict.ACCEPTED, counts.use(10, "new", 1, 5));
        assertEquals(1, counts.size());
        assertEquals(Verdict.ACCEPTED, counts.use(9, "unseen", 1, 5), "expiry is not forgetting");
    }

    @Test
    void needsAPositiveCapacity() {
        assertThrows(IllegalArgumentException.class, () -> new NonceCounts(0));
    }
}

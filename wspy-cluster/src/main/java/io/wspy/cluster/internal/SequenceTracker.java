package io.wspy.cluster.internal;

import java.util.HashMap;
import java.util.Map;

/**
 * The last sequence number seen per channel and publishing node, to count the messages that never
 * arrived (a gap) and to drop any that arrive twice or late. Updated by one thread only. Bounded: at
 * most {@code maxEntries} (channel, node) pairs are remembered; past that the table starts over,
 * which only weakens the counting, never the delivery.
 */
public final class SequenceTracker {
    /** What to do with an arriving message. */
    public enum Verdict { DELIVER, DUPLICATE }

    private final int maxEntries;
    private final Map<String, Long> last = new HashMap<>();
    private volatile long missed;
    private volatile long duplicates;

    public SequenceTracker(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    /** Records message {@code seq} of run {@code incarnation} of node {@code origin} on {@code channel}. */
    public Verdict arrived(String channel, String origin, long incarnation, long seq) {
        String key = channel + '\n' + origin + '\n' + incarnation;
        Long previous = last.get(key);
        if (previous != null && seq <= previous) {
            duplicates++;
            return Verdict.DUPLICATE;
        }
        if (previous != null) {
            missed += seq - previous - 1;
        }
        if (previous == null && last.size() >= maxEntries) {
            last.clear();
        }
        last.put(key, seq);
        return Verdict.DELIVER;
    }

    /** Messages that other nodes published and never arrived here (counted once a later one did). */
    public long missed() {
        return missed;
    }

    /** Messages dropped because an equal or later one of the same publisher had been delivered. */
    public long duplicates() {
        return duplicates;
    }
}

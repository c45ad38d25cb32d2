package io.wspy.handshake.internal;

import java.util.Map;
import java.util.TreeMap;

/**
 * Replay protection for digest nonces in bounded memory: the highest nonce-count seen per nonce,
 * for at most {@code capacity} nonces. When full, the oldest nonce is forgotten and every nonce
 * issued no later than it is refused from then on as {@link Verdict#FORGOTTEN} (the server answers
 * {@code stale=true}, so the client simply retries with a fresh nonce). A replay can therefore
 * never pass because its nonce was forgotten. Thread-safe.
 */
public final class NonceCounts {
    /** The decision on one use of a nonce. */
    public enum Verdict {
        /** The count is higher than any seen for this nonce: accept. */
        ACCEPTED,
        /** The count was seen before for this nonce: a replay. */
        REPLAYED,
        /** The nonce is too old to be tracked any more: ask for a fresh one. */
        FORGOTTEN
    }

    private record Key(long issuedAt, String nonce) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int byTime = Long.compare(issuedAt, o.issuedAt);
            return byTime != 0 ? byTime : nonce.compareTo(o.nonce);
        }
    }

    private final int capacity;
    private final TreeMap<Key, Long> highestCount = new TreeMap<>();
    private long forgottenUpTo = Long.MIN_VALUE;

    /** A tracker for at most {@code capacity} nonces. */
    public NonceCounts(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.capacity = capacity;
    }

    /**
     * Records a use of a nonce.
     *
     * @param expiredBefore nonces issued before this time have expired (the caller refuses them
     *                      before asking), so they need not be tracked any more
     */
    public synchronized Verdict use(long issuedAt, String nonce, long count, long expiredBefore) {
        while (!highestCount.isEmpty() && highestCount.firstKey().issuedAt() < expiredBefore) {
            highestCount.pollFirstEntry();
        }
        Key key = new Key(issuedAt, nonce);
        Long highest = highestCount.get(key);
        if (highest != null) {
            if (count <= highest) {
                return Verdict.REPLAYED;
            }
            highestCount.put(key, count);
            return Verdict.ACCEPTED;
        }
        if (issuedAt <= forgottenUpTo) {
            return Verdict.FORGOTTEN;
        }
        highestCount.put(key, count);
        if (highestCount.size() > capacity) {
            Map.Entry<Key, Long> oldest = highestCount.pollFirstEntry();
            forgottenUpTo = Math.max(forgottenUpTo, oldest.getKey().issuedAt());
        }
        return Verdict.ACCEPTED;
    }

    /** How many nonces are tracked now. */
    public synchronized int size() {
        return highestCount.size();
    }
}

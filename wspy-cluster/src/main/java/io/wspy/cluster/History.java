package io.wspy.cluster;

import java.util.List;

/**
 * Payloads a broker kept for a channel, after a given position: see {@link Broker#history}.
 *
 * @param entries  the payloads with their positions, oldest first
 * @param complete false if some payloads after the position asked for are no longer kept (the gap
 *                 is too old), so {@code entries} does not start right after it
 */
public record History(List<Entry> entries, boolean complete) {
    /** An immutable history. */
    public History {
        entries = List.copyOf(entries);
    }

    /** One kept payload and its position. */
    public record Entry(String position, byte[] payload) {
    }
}

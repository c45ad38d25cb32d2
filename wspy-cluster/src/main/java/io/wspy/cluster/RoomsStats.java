package io.wspy.cluster;

/**
 * Counters of a {@link Rooms}, since it was attached.
 *
 * @param published       messages handed to the broker for the other nodes
 * @param publishFailed   of those, the ones the broker refused or lost before taking them (down, or
 *                        too many in flight)
 * @param received        messages from other nodes delivered to this node's clients
 * @param missed          messages of other nodes that never arrived here, counted from the gaps in
 *                        their sequence numbers once a later one arrives
 * @param droppedInbound  messages from other nodes dropped because this node's inbound queue was full
 * @param duplicates      messages dropped because they arrived twice or out of order (expected 0)
 * @param malformed       payloads on the broker that were not envelopes of this version (expected 0)
 */
public record RoomsStats(long published, long publishFailed, long received, long missed, long droppedInbound,
                         long duplicates, long malformed) {
}

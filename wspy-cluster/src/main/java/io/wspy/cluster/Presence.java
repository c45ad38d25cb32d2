package io.wspy.cluster;

import java.util.Set;

/**
 * Who is in a room across all nodes: the cluster-wide ids of its clients ({@code nodeId/n}, see
 * {@link Rooms#memberId}).
 */
public record Presence(String room, Set<String> members) {
    /** An immutable presence. */
    public Presence {
        members = Set.copyOf(members);
    }

    /** How many clients are in the room. */
    public int count() {
        return members.size();
    }
}

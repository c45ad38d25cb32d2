package io.wspy.cluster;

import java.util.concurrent.CompletionStage;

/**
 * The outcome of {@link Rooms#publish} or {@link Rooms#broadcast}: how many local clients the
 * message was handed to (at once, on the calling thread), and the hand-over to the other nodes,
 * which completes when the broker took the message, with its position in the room's history if the
 * broker keeps one ({@code null} otherwise), or fails (at once when the broker is down: publishing
 * across nodes fails fast, it never waits in a buffer).
 */
public record Publication(int localClients, CompletionStage<String> toOtherNodes) {
}

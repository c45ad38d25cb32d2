package io.wspy.metrics;

/** What the slow-reader policy did with a send to a client whose outbound queue was full. */
public enum SlowReaderAction {
    /** The sender waited for the queue to drain, and the message went out. */
    BLOCKED,
    /** The send failed with {@code SendQueueFullException}; the client stays open. */
    FAILED,
    /** The message was dropped. */
    DROPPED,
    /** The client was closed with 1008 (the {@code CLOSE} policy, or a {@code BLOCK} that waited too long). */
    CLOSED
}

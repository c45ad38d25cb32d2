package io.wspy.server.internal.nio;

import java.nio.ByteBuffer;

/** The handshake of one {@link NioConnection}, from its first byte read until the protocol runs. Loop only. */
interface OpeningStage {
    /**
     * Consumes handshake bytes; returns whether the stage is over (the outcome is settled, or
     * being decided elsewhere), with {@code in} holding what followed.
     */
    boolean receive(ByteBuffer in);

    /** The channel closed before the stage was over; {@code cause} is why, or {@code null} (the peer closed). */
    default void closedEarly(Throwable cause) {
    }
}

package io.wspy.server.internal.nio;

import io.wspy.protocol.ProtocolTimer;

/**
 * What a {@link NioTransport} needs from the connection that drives its channel on a selector
 * loop: where to run flushes and timers, and whom to tell when the outbound queue overflows.
 */
interface ChannelDriver {
    /** Whether the calling thread is the connection's loop. */
    boolean inLoop();

    /** Loop: write the queue out at the end of this round, with the loop's other connections. */
    void flushAtEndOfRound();

    /** Another thread: have the loop run a flush pass soon. */
    void flushFromElsewhere();

    /** Any thread: have the loop run {@code timer} after {@code delayMillis}, replacing a pending one. */
    void scheduleTimer(ProtocolTimer timer, long delayMillis);

    /** Any thread: have the loop cancel {@code timer}. */
    void cancelTimer(ProtocolTimer timer);

    /** Whether the calling thread is any of the server's selector loops, which must never wait. */
    boolean onSelectorThread();

    /** The outbound queue overflowed under the CLOSE policy (or BLOCK timed out): fail the connection. */
    void overflowed();
}

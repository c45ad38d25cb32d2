package io.wspy.server;

/**
 * What {@link AsyncServer} does with a message sent to a client whose outbound queue already holds
 * {@link ServerConfig#maxQueuedBytes()} bytes or more, because it reads more slowly than it is
 * written to. The queue is checked before each message; a message is taken whole or not at all,
 * so the queue never exceeds the limit by more than one message. Control frames (pings, pongs,
 * close) are never refused; instead, whatever the policy, the client is not read while its queue is
 * at the limit, so a client that sends pings and reads no pongs cannot make the queue grow. {@link Server} has no queue: there, a send blocks until the socket
 * takes the bytes, whatever the policy.
 */
public enum SlowReaderPolicy {
    /**
     * The sender waits until the queue is below the limit (back-pressure to the producer). If it
     * waits longer than {@link ServerConfig#blockTimeout()}, the client is closed as by
     * {@link #CLOSE} and the send fails. A send from a selector loop thread (an event running on
     * the {@linkplain HandlerExecution#LOOP loop}) cannot wait without stalling the loop: it fails
     * as with {@link #FAIL}.
     */
    BLOCK,
    /** The send throws {@link SendQueueFullException}; the application decides (retry after {@code onSent}, skip, close). */
    FAIL,
    /** The message is silently dropped (counted in the debug log): for data where only the latest matters. */
    DROP,
    /**
     * The client is closed with {@link io.wspy.frame.CloseCode#POLICY_VIOLATION 1008} (the
     * default): the close frame follows what is queued, and the connection is dropped if the client
     * does not read it within the close timeout. The send throws
     * {@link io.wspy.protocol.ConnectionClosedException}.
     */
    CLOSE
}

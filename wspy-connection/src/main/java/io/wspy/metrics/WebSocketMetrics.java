package io.wspy.metrics;

/**
 * What a WebSocket endpoint reports about its connections, called by the endpoint's shared code
 * (the protocol core, the per-client session, admission, the loops) on whatever thread does the
 * work: implementations must be thread-safe and must not block. Every method does nothing by
 * default, and {@link #NONE}, the default everywhere, listens to nothing: an endpoint without
 * metrics allocates nothing for them and reads no clock.
 *
 * <p>{@link CountingMetrics} counts everything in memory; a server can also publish it through
 * JMX, and the {@code wspy-micrometer} module binds it to a Micrometer registry.
 *
 * <p>Opcodes are those of {@link io.wspy.frame.Opcode}: data messages count once each (however
 * fragmented, under their first frame's opcode), control frames count as messages of their own
 * opcode. <em>Payload</em> bytes are the application's bytes (before compression when sending,
 * after decompression when receiving); <em>wire</em> bytes are the frames' bytes, headers included.
 */
public interface WebSocketMetrics {
    /** Listens to nothing. */
    WebSocketMetrics NONE = new WebSocketMetrics() {
    };

    /** A connection's upgrade succeeded (101) and the connection opened. */
    default void connectionOpened() {
    }

    /** An opened connection is closed. */
    default void connectionClosed() {
    }

    /**
     * An upgrade request was answered {@code status} instead of 101: on a server, by this server
     * (503 when over the connection limit); on a client, its own request, by the server.
     */
    default void upgradeRefused(int status) {
    }

    /** An upgrade failed before any HTTP answer: TLS failed, or the handshake timed out. */
    default void upgradeFailed(UpgradeFailure failure) {
    }

    /**
     * Whole messages (or control frames) of one opcode arrived: {@code messages} of them, with these
     * bytes together. Reported per read rather than per message where a read holds several.
     */
    default void messagesReceived(int opcode, long messages, long payloadBytes, long wireBytes) {
    }

    /** A whole message, or a control frame, was handed to the transport. */
    default void messageSent(int opcode, long payloadBytes, long wireBytes) {
    }

    /**
     * A connection's outbound queue changed by {@code deltaBytes} since the last call, having held
     * up to {@code peakBytes} meanwhile (only endpoints that queue: the NIO loops). Reported when the
     * queue is flushed, or when it grew by 64 KiB before a flush: not on every write.
     */
    default void outboundQueueChanged(long deltaBytes, long peakBytes) {
    }

    /** The slow-reader policy acted on a send to a client whose outbound queue was full. */
    default void slowReaderAction(SlowReaderAction action) {
    }

    /** A close frame with {@code code} was sent ({@code 1005} for a close frame without a code). */
    default void closeSent(int code) {
    }

    /** A close frame with {@code code} arrived ({@code 1005} for a close frame without a code). */
    default void closeReceived(int code) {
    }

    /** A handler (an event of the application) threw. */
    default void handlerError() {
    }

    /** Whether {@link #handlerTime} should be called: measuring it reads the clock twice per event. */
    default boolean timesHandlers() {
        return false;
    }

    /** A handler event ran for {@code nanos}; called only when {@link #timesHandlers()}. */
    default void handlerTime(long nanos) {
    }

    /** Whether {@link #loopBusy} should be called: measuring it reads the clock twice per loop round. */
    default boolean timesLoops() {
        return false;
    }

    /** A selector loop worked (not waiting in select) for {@code nanos}; called only when {@link #timesLoops()}. */
    default void loopBusy(long nanos) {
    }
}

package io.wspy.cluster;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * What carries room messages and presence between the nodes of a cluster. {@link Rooms} is its only
 * caller; an application picks an implementation ({@link InProcessBroker}, {@link RedisBroker}) and
 * hands it to {@link Rooms#attach}. One broker serves one node.
 *
 * <p>Contract for implementations:
 * <ul>
 *   <li>Delivery is at most once: a payload is handed to the {@link Receiver} of every node
 *       subscribed to its channel, the publishing node included, or lost; never twice.</li>
 *   <li>Payloads published by one thread to one channel reach every receiver in that order.</li>
 *   <li>{@link #publish} never blocks: while the broker cannot take a payload (disconnected, or
 *       too many payloads in flight) the returned stage fails at once.</li>
 *   <li>The receiver is called from the broker's own thread(s) and must not block.</li>
 *   <li>Subscriptions survive a reconnection: the broker subscribes again by itself.</li>
 * </ul>
 */
public interface Broker extends AutoCloseable {
    /** Where a broker hands the payloads that arrive on the channels it is subscribed to. */
    @FunctionalInterface
    interface Receiver {
        /**
         * A payload arrived on {@code channel}, with its position in the channel's history, or
         * {@code null} if the broker keeps none. Must return quickly and must not block.
         */
        void receive(String channel, String position, byte[] payload);
    }

    /** Connects (if needed) and starts handing arriving payloads to {@code receiver}; called once. */
    void start(Receiver receiver);

    /**
     * Starts receiving the payloads published to {@code channel}. Idempotent. The stage completes
     * once the broker confirmed the subscription; if it fails (the broker is down), the broker
     * still subscribes once it is back.
     */
    CompletionStage<Void> subscribe(String channel);

    /** Stops receiving {@code channel}. Idempotent. */
    void unsubscribe(String channel);

    /**
     * Publishes {@code payload} to every node subscribed to {@code channel} (and appends it to the
     * channel's history, if the broker {@link #keepsHistory() keeps one}). Returns at once; the
     * stage completes with the payload's position in the history ({@code null} without history)
     * when the broker has taken the payload, or fails (at once when the broker is disconnected or
     * its bound of payloads in flight is reached).
     */
    CompletionStage<String> publish(String channel, byte[] payload);

    /** Whether the broker keeps each channel's recent payloads, for {@link #history}. */
    default boolean keepsHistory() {
        return false;
    }

    /**
     * The payloads of {@code channel} after position {@code after}, oldest first, at most
     * {@code max}; {@link History#complete()} is false if some after {@code after} are no longer kept.
     *
     * @throws UnsupportedOperationException if the broker keeps no history
     * @throws BrokerUnavailableException    if the broker cannot answer now
     */
    default History history(String channel, String after, int max) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " keeps no history");
    }

    /**
     * Records that {@code members} are in {@code room} for at least the broker's presence lifetime;
     * called on join and again periodically, so that the members of a node that vanished expire.
     */
    void present(String room, Collection<String> members);

    /** Records that {@code member} left {@code room}. */
    void absent(String room, String member);

    /** The members of {@code room} across all nodes (blocking, bounded by the broker's timeout). */
    Set<String> members(String room);

    /** Whether the broker is connected now (an in-process broker always is, until closed). */
    boolean isConnected();

    /** Releases the broker's connections and threads. */
    @Override
    void close();
}

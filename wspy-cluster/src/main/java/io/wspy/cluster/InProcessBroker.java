package io.wspy.cluster;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The embedded broker: nodes in one process, nothing to install. {@link #create()} makes the broker
 * of a single node, the default for an application that runs one server; {@link #peer()} makes
 * another broker on the same in-memory hub, a second node in the same JVM (for tests and demos).
 *
 * <p>A publication is handed to the subscribed receivers on the publishing thread, so order per
 * publishing thread is kept. Nothing is ever lost while the brokers are open; presence is exact
 * (no lifetime: a node's members go when it {@link #close() closes}). It keeps no history.
 */
public final class InProcessBroker implements Broker {
    private final Hub hub;
    private final Set<String> channels = ConcurrentHashMap.newKeySet();
    private final Map<String, Set<String>> ownMembers = new ConcurrentHashMap<>();
    private volatile Receiver receiver;
    private volatile boolean closed;

    private InProcessBroker(Hub hub) {
        this.hub = hub;
    }

    /** The broker of one node on a hub of its own. */
    public static InProcessBroker create() {
        return new InProcessBroker(new Hub());
    }

    /** Another node's broker on the same hub as this one. */
    public InProcessBroker peer() {
        return new InProcessBroker(hub);
    }

    @Override
    public void start(Receiver receiver) {
        if (receiver == null) {
            throw new IllegalArgumentException("receiver must not be null");
        }
        if (this.receiver != null) {
            throw new IllegalStateException("the broker is started already");
        }
        this.receiver = receiver;
        hub.brokers.add(this);
    }

    @Override
    public CompletionStage<Void> subscribe(String channel) {
        channels.add(channel);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void unsubscribe(String channel) {
        channels.remove(channel);
    }

    @Override
    public CompletionStage<String> publish(String channel, byte[] payload) {
        if (closed) {
            return CompletableFuture.failedFuture(new BrokerUnavailableException("the broker is closed", null));
        }
        for (InProcessBroker node : hub.brokers) {
            if (node.channels.contains(channel)) {
                node.receiver.receive(channel, null, payload);
            }
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void present(String room, Collection<String> members) {
        if (closed) {
            return;
        }
        ownMembers.computeIfAbsent(room, r -> ConcurrentHashMap.newKeySet()).addAll(members);
        hub.members.computeIfAbsent(room, r -> ConcurrentHashMap.newKeySet()).addAll(members);
    }

    @Override
    public void absent(String room, String member) {
        Set<String> own = ownMembers.get(room);
        if (own != null) {
            own.remove(member);
        }
        Set<String> all = hub.members.get(room);
        if (all != null) {
            all.remove(member);
        }
    }

    @Override
    public Set<String> members(String room) {
        Set<String> all = hub.members.get(room);
        return all == null ? Set.of() : Set.copyOf(all);
    }

    @Override
    public boolean isConnected() {
        return !closed;
    }

    /** Leaves the hub: this node's subscriptions and members go. */
    @Override
    public void close() {
        closed = true;
        hub.brokers.remove(this);
        ownMembers.forEach((room, members) -> members.forEach(m -> absent(room, m)));
    }

    private static final class Hub {
        final List<InProcessBroker> brokers = new CopyOnWriteArrayList<>();
        final Map<String, Set<String>> members = new ConcurrentHashMap<>();
    }
}

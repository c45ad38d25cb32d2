package io.wspy.cluster;

import io.wspy.cluster.internal.Envelope;
import io.wspy.cluster.internal.InboundQueue;
import io.wspy.cluster.internal.SequenceTracker;
import io.wspy.connection.Session;
import io.wspy.protocol.Message;
import io.wspy.server.WebSocketServer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Rooms of a server's clients, and broadcast, across all the nodes of a cluster. Each node runs a
 * {@link WebSocketServer} and attaches a {@code Rooms} to it with its own {@link Broker}:
 * <pre>{@code
 * Rooms rooms = Rooms.attach(server, RedisBroker.create("redis://127.0.0.1:6379"));
 * rooms.join(client, "lobby");                                  // in onOpen or onMessage
 * rooms.publish("lobby", new TextMessage("hello"));             // every client in "lobby", on every node
 * rooms.broadcast(new TextMessage("maintenance at 10:00"));     // every client of every node
 * Presence lobby = rooms.presence("lobby");                     // who is in "lobby", cluster-wide
 * }</pre>
 *
 * <p>A client may be in many rooms; it leaves them all as soon as it closes (the rooms listen to
 * the server's closes, {@link WebSocketServer#addCloseListener}), before the application's
 * {@code onClose} runs. Each client gets a cluster-wide id, {@code nodeId/n} where {@code n} is its
 * {@link Session#id()} ({@link #memberId}), which presence reports.
 *
 * <p>Delivery (see the module README for the whole contract): a publication reaches this node's
 * clients at once, on the calling thread, encoded once for all of them, and exactly once (the
 * broker's echo of it is dropped); it reaches other nodes at most once, in order per publishing
 * thread and room. Messages from other nodes wait in a bounded queue for a thread of their own,
 * so a slow client or a slow delivery never holds up the broker, and what does not fit is dropped
 * and counted ({@link #stats()}). Publishing across nodes fails fast while the broker is down
 * ({@link Publication#toOtherNodes()}); local delivery goes on.
 */
public final class Rooms implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("io.wspy.cluster");
    private static final String ROOM_PREFIX = "room:";
    private static final String ALL = "all";
    private static final int MAX_SEQUENCES = 100_000;

    private final WebSocketServer server;
    private final Broker broker;
    private final RoomsOptions options;
    private final String nodeId;
    private final byte[] origin;
    private final Map<String, Set<Session>> rooms = new ConcurrentHashMap<>();
    private final Map<Session, Member> members = new ConcurrentHashMap<>();
    private final Map<String, CompletionStage<Void>> subscriptions = new ConcurrentHashMap<>();
    private final Map<String, ChannelSequence> sequences = new ConcurrentHashMap<>();
    private final SequenceTracker tracker = new SequenceTracker(MAX_SEQUENCES);
    private final InboundQueue inbound;
    private final ScheduledExecutorService timer;
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong publishFailed = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private final Consumer<Session> leaveOnClose = this::leaveAll;
    private volatile boolean closed;

    private record Member(String id, Set<String> rooms) { }

    /** The next sequence number of this node on one channel; a new one starts a new incarnation. */
    private static final class ChannelSequence {
        final long incarnation = ThreadLocalRandom.current().nextLong();
        long last;
    }

    private Rooms(WebSocketServer server, Broker broker, RoomsOptions options) {
        this.server = server;
        this.broker = broker;
        this.options = options;
        this.nodeId = options.nodeId();
        this.origin = nodeId.getBytes(StandardCharsets.UTF_8);
        this.inbound = new InboundQueue("wspy-rooms-inbound-" + nodeId, options.maxInboundMessages(),
                options.maxInboundBytes(), this::deliverFromOtherNode);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "wspy-rooms-timer-" + nodeId);
            t.setDaemon(true);
            return t;
        });
    }

    /** Rooms for {@code server}'s clients with the default options; see {@link #attach(WebSocketServer, Broker, RoomsOptions)}. */
    public static Rooms attach(WebSocketServer server, Broker broker) {
        return attach(server, broker, RoomsOptions.defaults());
    }

    /**
     * Rooms for {@code server}'s clients, joined to the other nodes through {@code broker}, which
     * the rooms own from now on ({@link #close()} closes it). The server may be started before or
     * after.
     */
    public static Rooms attach(WebSocketServer server, Broker broker, RoomsOptions options) {
        if (server == null || broker == null || options == null) {
            throw new IllegalArgumentException("server, broker and options must not be null");
        }
        Rooms rooms = new Rooms(server, broker, options);
        broker.start(rooms.inbound::offer);
        broker.subscribe(ALL);
        server.addCloseListener(rooms.leaveOnClose);
        long refresh = options.presenceRefresh().toMillis();
        rooms.timer.scheduleWithFixedDelay(rooms::refreshPresence, refresh, refresh, TimeUnit.MILLISECONDS);
        return rooms;
    }

    /** This node's id. */
    public String nodeId() {
        return nodeId;
    }

    // ---------------------------------------------------------------- membership

    /**
     * Puts {@code client} in {@code room} (nothing happens if it is in already). The stage completes
     * once this node receives the room's messages from the other nodes: at once if other local
     * clients are in the room, else when the broker confirmed the subscription.
     *
     * @throws IllegalArgumentException if the room name is empty, too long or has control characters
     * @throws IllegalStateException    if the client is in {@link RoomsOptions#maxRoomsPerClient()} rooms already
     */
    public CompletionStage<Void> join(Session client, String room) {
        checkRoom(room);
        if (client == null) {
            throw new IllegalArgumentException("client must not be null");
        }
        String id;
        synchronized (this) {
            checkOpen();
            Member member = members.computeIfAbsent(client,
                    c -> new Member(nodeId + "/" + c.id(), ConcurrentHashMap.newKeySet()));
            if (member.rooms.contains(room)) {
                return subscriptions.get(room);
            }
            if (member.rooms.size() >= options.maxRoomsPerClient()) {
                throw new IllegalStateException("client " + member.id + " is in " + member.rooms.size()
                        + " rooms, the most allowed (maxRoomsPerClient)");
            }
            member.rooms.add(room);
            rooms.computeIfAbsent(room, r -> ConcurrentHashMap.newKeySet()).add(client);
            subscriptions.computeIfAbsent(room, r -> broker.subscribe(ROOM_PREFIX + r));
            id = member.id;
        }
        broker.present(room, List.of(id));
        if (!client.isOpen() && !server.clients().contains(client)) {
            // It closed while joining: the close listener may have run before it joined.
            leaveAll(client);
        }
        return subscriptions.get(room);
    }

    /** Takes {@code client} out of {@code room}; returns whether it was in. */
    public boolean leave(Session client, String room) {
        String id;
        synchronized (this) {
            Member member = members.get(client);
            if (member == null || !member.rooms.remove(room)) {
                return false;
            }
            if (member.rooms.isEmpty()) {
                members.remove(client);
            }
            removeFromRoom(client, room);
            id = member.id;
        }
        broker.absent(room, id);
        return true;
    }

    /** Takes {@code client} out of every room it is in (done by itself when the client closes). */
    public void leaveAll(Session client) {
        Member member;
        synchronized (this) {
            member = members.remove(client);
            if (member == null) {
                return;
            }
            for (String room : member.rooms) {
                removeFromRoom(client, room);
            }
        }
        for (String room : member.rooms) {
            broker.absent(room, member.id);
        }
    }

    private void removeFromRoom(Session client, String room) {
        Set<Session> local = rooms.get(room);
        if (local != null && local.remove(client) && local.isEmpty()) {
            rooms.remove(room);
            subscriptions.remove(room);
            broker.unsubscribe(ROOM_PREFIX + room);
        }
    }

    /** The rooms {@code client} is in (a snapshot). */
    public Set<String> roomsOf(Session client) {
        Member member = members.get(client);
        return member == null ? Set.of() : Set.copyOf(member.rooms);
    }

    /** The cluster-wide id of {@code client} ({@code nodeId/n}), or {@code null} if it is in no room. */
    public String memberId(Session client) {
        Member member = members.get(client);
        return member == null ? null : member.id;
    }

    /** This node's clients in {@code room}: a live, unmodifiable view. */
    public Set<Session> localMembers(String room) {
        Set<Session> local = rooms.get(room);
        return local == null ? Set.of() : Collections.unmodifiableSet(local);
    }

    /** Who is in {@code room} on every node (asks the broker; blocks up to its timeout). */
    public Presence presence(String room) {
        checkRoom(room);
        return new Presence(room, broker.members(room));
    }

    // ---------------------------------------------------------------- publishing

    /**
     * Sends {@code message} to every client in {@code room} on every node: to this node's clients at
     * once (encoded once for all of them), to the other nodes through the broker. With stamped
     * positions ({@link RoomsOptions#positionStamp()} and a broker that keeps history) this node's
     * clients get it back through the broker, stamped, instead (at once, unstamped, if the broker
     * refuses it), and {@link Publication#localClients()} is 0.
     */
    public Publication publish(String room, Message message) {
        checkRoom(room);
        checkOpen();
        Set<Session> local = rooms.get(room);
        if (stampsPositions()) {
            CompletionStage<String> taken = toOtherNodes(ROOM_PREFIX + room, message);
            taken.whenComplete((position, failure) -> {
                if (failure != null && local != null && !local.isEmpty()) {
                    server.broadcast(message, local);
                }
            });
            return new Publication(0, taken);
        }
        int sent = local == null || local.isEmpty() ? 0 : server.broadcast(message, local);
        return new Publication(sent, toOtherNodes(ROOM_PREFIX + room, message));
    }

    /**
     * Sends {@code client} the messages of {@code room} published after {@code position} (a position
     * it saw in a stamped message: see {@link RoomsOptions#positionStamp()}), oldest first, at most
     * {@link RoomsOptions#maxRecovered()}, from the history the broker keeps. Call it after
     * {@link #join}: a message published between the two may then reach the client twice, which it
     * recognises by its position (positions only grow).
     *
     * @throws UnsupportedOperationException if the broker keeps no history
     * @throws IllegalArgumentException      if {@code position} is not a position
     * @throws BrokerUnavailableException    if the broker cannot answer now
     */
    public Recovery recover(Session client, String room, String position) throws IOException {
        checkRoom(room);
        History history = broker.history(ROOM_PREFIX + room, position, options.maxRecovered());
        int sent = 0;
        for (History.Entry entry : history.entries()) {
            Envelope envelope;
            try {
                envelope = Envelope.decode(entry.payload());
            } catch (IllegalArgumentException e) {
                malformed.incrementAndGet();
                continue;
            }
            client.send(stamp(entry.position(), envelope.message()));
            sent++;
        }
        return new Recovery(sent, history.complete() && history.entries().size() < options.maxRecovered());
    }

    private boolean stampsPositions() {
        return options.positionStamp() != null && broker.keepsHistory();
    }

    private Message stamp(String position, Message message) {
        return position == null || options.positionStamp() == null ? message : options.positionStamp().apply(position, message);
    }

    /** Sends {@code message} to every client of every node. */
    public Publication broadcast(Message message) {
        checkOpen();
        int sent = server.broadcast(message);
        return new Publication(sent, toOtherNodes(ALL, message));
    }

    private CompletionStage<String> toOtherNodes(String channel, Message message) {
        if (sequences.size() >= MAX_SEQUENCES) {
            sequences.clear();
        }
        ChannelSequence sequence = sequences.computeIfAbsent(channel, c -> new ChannelSequence());
        CompletionStage<String> taken;
        // Numbering and handing over under one lock: the broker keeps the order of the hand-overs.
        synchronized (sequence) {
            byte[] envelope = Envelope.encode(origin, sequence.incarnation, ++sequence.last, message);
            taken = broker.publish(channel, envelope);
        }
        published.incrementAndGet();
        taken.whenComplete((ok, failure) -> {
            if (failure != null) {
                publishFailed.incrementAndGet();
            }
        });
        return taken;
    }

    private void deliverFromOtherNode(String channel, String position, byte[] payload) {
        Envelope envelope;
        try {
            envelope = Envelope.decode(payload);
        } catch (IllegalArgumentException e) {
            malformed.incrementAndGet();
            return;
        }
        boolean ownEcho = envelope.origin().equals(nodeId);
        if (ownEcho && !(stampsPositions() && position != null && channel.startsWith(ROOM_PREFIX))) {
            // Delivered locally when published; with stamped positions the echo is the local copy.
            return;
        }
        if (tracker.arrived(channel, envelope.origin(), envelope.incarnation(), envelope.seq())
                == SequenceTracker.Verdict.DUPLICATE) {
            return;
        }
        if (!ownEcho) {
            received.incrementAndGet();
        }
        try {
            if (channel.equals(ALL)) {
                server.broadcast(envelope.message());
            } else if (channel.startsWith(ROOM_PREFIX)) {
                Set<Session> local = rooms.get(channel.substring(ROOM_PREFIX.length()));
                if (local != null && !local.isEmpty()) {
                    server.broadcast(stamp(position, envelope.message()), local);
                }
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "delivering a message from " + envelope.origin() + " failed", e);
        }
    }

    // ---------------------------------------------------------------- upkeep

    private void refreshPresence() {
        try {
            Map<String, List<String>> byRoom = new HashMap<>();
            members.values().forEach(m -> m.rooms.forEach(r -> byRoom.computeIfAbsent(r, x -> new ArrayList<>()).add(m.id)));
            byRoom.forEach(broker::present);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "presence refresh failed: {0}", e.toString());
        }
    }

    /** The counters since attaching. */
    public RoomsStats stats() {
        return new RoomsStats(published.get(), publishFailed.get(), received.get(), tracker.missed(),
                inbound.dropped(), tracker.duplicates(), malformed.get());
    }

    /** Whether the broker is connected now. */
    public boolean isBrokerConnected() {
        return broker.isConnected();
    }

    /**
     * Detaches from the server: this node's clients leave every room (they stay connected), the
     * queued messages from other nodes are dropped, and the broker is closed.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        server.removeCloseListener(leaveOnClose);
        timer.shutdownNow();
        new ArrayList<>(members.keySet()).forEach(this::leaveAll);
        inbound.close();
        broker.close();
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("these rooms are closed");
        }
    }

    private void checkRoom(String room) {
        if (room == null || room.isEmpty()) {
            throw new IllegalArgumentException("a room name must not be empty");
        }
        if (room.length() > options.maxRoomNameLength()) {
            throw new IllegalArgumentException("room name of " + room.length() + " characters is longer than "
                    + options.maxRoomNameLength() + " (maxRoomNameLength)");
        }
        for (int i = 0; i < room.length(); i++) {
            if (Character.isISOControl(room.charAt(i))) {
                throw new IllegalArgumentException("room name has a control character at index " + i);
            }
        }
    }
}

package io.wspy.bench.load;

import io.wspy.cluster.Broker;
import io.wspy.cluster.Rooms;
import io.wspy.cluster.RoomsOptions;
import io.wspy.connection.Session;
import io.wspy.server.AsyncServer;
import io.wspy.server.ServerConfig;
import io.wspy.server.WebSocketHandler;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * One node of the fan-out benchmark: an {@link AsyncServer} on loopback with {@link Rooms} over its
 * own broker, which puts every client that connects in the one room {@link #ROOM}.
 */
final class FanOutNode implements WebSocketHandler, AutoCloseable {
    static final String ROOM = "fanout";

    private final AsyncServer server;
    private final Rooms rooms;
    private final LongAdder joined = new LongAdder();
    private final AtomicLong joinFailures = new AtomicLong();

    private FanOutNode(String nodeId, Broker broker) {
        this.server = new AsyncServer(ServerConfig.builder().address("127.0.0.1", 0).build(), this);
        this.rooms = Rooms.attach(server, broker, RoomsOptions.builder().nodeId(nodeId).build());
    }

    /** A started node named {@code nodeId} on a free loopback port, carried by {@code broker}. */
    static FanOutNode start(String nodeId, Broker broker) throws IOException {
        FanOutNode node = new FanOutNode(nodeId, broker);
        node.server.start();
        return node;
    }

    @Override
    public void onOpen(Session client) {
        rooms.join(client, ROOM).whenComplete((ok, failure) -> {
            if (failure == null) {
                joined.increment();
            } else {
                joinFailures.incrementAndGet();
            }
        });
    }

    int port() {
        return server.port();
    }

    Rooms rooms() {
        return rooms;
    }

    /** Clients in the room whose node receives the room from the other nodes already. */
    long joined() {
        return joined.sum();
    }

    long joinFailures() {
        return joinFailures.get();
    }

    @Override
    public void close() {
        server.stop();
        rooms.close();
    }
}

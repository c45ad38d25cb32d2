package io.wspy.cluster.demo;

import io.wspy.cluster.Broker;
import io.wspy.cluster.InProcessBroker;
import io.wspy.cluster.Presence;
import io.wspy.cluster.Recovery;
import io.wspy.cluster.RedisBroker;
import io.wspy.cluster.RedisBrokerOptions;
import io.wspy.cluster.Rooms;
import io.wspy.cluster.RoomsOptions;
import io.wspy.connection.Session;
import io.wspy.protocol.Message;
import io.wspy.protocol.TextMessage;
import io.wspy.server.AsyncServer;
import io.wspy.server.ServerConfig;
import io.wspy.server.WebSocketHandler;

import java.io.IOException;
import java.time.Duration;

/**
 * A chat node: an {@link AsyncServer} whose clients talk in rooms shared with every other node on
 * the same Redis. Clients send text commands:
 * <pre>
 * /join ROOM        joins; answered "/joined ROOM" once the node receives the room from other nodes
 * /leave ROOM       leaves; answered "/left ROOM"
 * /say ROOM TEXT    everyone in ROOM, on every node, gets "[ROOM] MEMBER-ID: TEXT"
 * /all TEXT         every client of every node gets "[all] MEMBER-ID: TEXT"
 * /who ROOM         answered "/who ROOM COUNT ID ID ..." (presence across all nodes)
 * /id               answered "/id MEMBER-ID" ("guest" until the client joined a room)
 * /recover ROOM POS sends what ROOM had after position POS, then "/recovered ROOM N complete|incomplete"
 *                   (with a broker that keeps history and stamped positions)
 * </pre>
 * Run: {@code ChatNode PORT [redis://HOST:PORT [NODE-ID [PRESENCE-SECONDS]]]}; without a Redis URI
 * the node runs alone on the in-process broker. It prints {@code ChatNode NODE-ID listening on PORT}
 * once it serves.
 */
public final class ChatNode implements WebSocketHandler, AutoCloseable {
    private final AsyncServer server;
    private final Rooms rooms;

    private ChatNode(ServerConfig config, Broker broker, RoomsOptions options) {
        this.server = new AsyncServer(config, this);
        this.rooms = Rooms.attach(server, broker, options);
    }

    /** A started node on {@code port} (0 for any) of the loopback interface. */
    public static ChatNode start(int port, Broker broker, RoomsOptions options) throws IOException {
        ChatNode node = new ChatNode(ServerConfig.builder().address("127.0.0.1", port).build(), broker, options);
        node.server.start();
        return node;
    }

    /** The node's server. */
    public AsyncServer server() {
        return server;
    }

    /** The node's rooms. */
    public Rooms rooms() {
        return rooms;
    }

    @Override
    public void onMessage(Session client, Message message) {
        if (!(message instanceof TextMessage text)) {
            return;
        }
        String line = text.text();
        String command = word(line, 0);
        String rest = line.length() > command.length() ? line.substring(command.length() + 1) : "";
        String room = word(rest, 0);
        String body = rest.length() > room.length() ? rest.substring(room.length() + 1) : "";
        try {
            switch (command) {
                case "/join" -> rooms.join(client, room).whenComplete((ok, failure) ->
                        reply(client, failure == null ? "/joined " + room : "/error " + room + " " + failure));
                case "/leave" -> {
                    rooms.leave(client, room);
                    reply(client, "/left " + room);
                }
                case "/say" -> rooms.publish(room, new TextMessage("[" + room + "] " + name(client) + ": " + body));
                case "/all" -> rooms.broadcast(new TextMessage("[all] " + name(client) + ": " + rest));
                case "/who" -> {
                    Presence presence = rooms.presence(room);
                    reply(client, "/who " + room + " " + presence.count() + " "
                            + String.join(" ", presence.members().stream().sorted().toList()));
                }
                case "/id" -> reply(client, "/id " + name(client));
                case "/recover" -> {
                    Recovery recovery = rooms.recover(client, room, body);
                    reply(client, "/recovered " + room + " " + recovery.delivered() + " "
                            + (recovery.complete() ? "complete" : "incomplete"));
                }
                default -> reply(client, "/error unknown command " + command);
            }
        } catch (RuntimeException | IOException e) {
            reply(client, "/error " + e.getMessage());
        }
    }

    /** The client's cluster-wide id, or {@code guest} before it joined a room. */
    private String name(Session client) {
        String id = rooms.memberId(client);
        return id == null ? "guest" : id;
    }

    private static void reply(Session client, String text) {
        try {
            client.sendText(text);
        } catch (IOException e) {
            // The client is gone; its close event takes it out of its rooms.
        }
    }

    private static String word(String s, int from) {
        int space = s.indexOf(' ', from);
        return space < 0 ? s.substring(from) : s.substring(from, space);
    }

    /** Stops the server and detaches the rooms (closing the broker). */
    @Override
    public void close() {
        server.stop();
        rooms.close();
    }

    /** Runs a node until Ctrl-C; see the class description for the arguments. */
    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: ChatNode PORT [redis://HOST:PORT [NODE-ID [PRESENCE-SECONDS]]]");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        RoomsOptions.Builder options = RoomsOptions.builder();
        if (args.length > 2) {
            options.nodeId(args[2]);
        }
        Broker broker;
        if (args.length > 1) {
            RedisBrokerOptions.Builder redis = RedisBrokerOptions.builder(args[1]);
            if (args.length > 3) {
                Duration lifetime = Duration.ofSeconds(Long.parseLong(args[3]));
                redis.presenceLifetime(lifetime);
                options.presenceRefresh(lifetime.dividedBy(3));
            }
            broker = RedisBroker.create(redis.build());
        } else {
            broker = InProcessBroker.create();
        }
        ChatNode node = start(port, broker, options.build());
        System.out.println("ChatNode " + node.rooms.nodeId() + " listening on " + node.server.port());
        System.out.flush();
        node.server.run();
        node.rooms.close();
    }
}

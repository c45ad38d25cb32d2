package io.wspy.examples;

import io.wspy.connection.Session;
import io.wspy.handshake.Upgrade;
import io.wspy.handshake.UpgradeRequest;
import io.wspy.protocol.Message;
import io.wspy.protocol.TextMessage;
import io.wspy.server.AsyncServer;
import io.wspy.server.HandlerExecution;
import io.wspy.server.ServerConfig;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rooms behind an upgrade hook: {@code ws://localhost:8002/rooms/ID?access_token=TOKEN} (or a
 * {@code sid} cookie, as a browser page of the same site sends) joins room ID as the token's user;
 * a bad token gets 403 with a reason, and so does a private room. The hook runs off the selector
 * loops ({@link HandlerExecution#OFF_LOOP}), so its lookup may block (ask a database).
 */
public class GuardedRooms extends AsyncServer {
    /**
     * Who a member is and which room it is in: what the hook attaches to the session.
     *
     * @param user the token's or cookie's user
     * @param room the room id from the path
     */
    public record Member(String user, String room) {
    }

    private static final Map<String, String> TOKENS = Map.of("t0ken", "alice", "s3cret", "bob");
    private static final Set<String> PRIVATE_ROOMS = Set.of("staff");

    private final Map<String, Set<Session>> rooms = new ConcurrentHashMap<>();

    /** The rooms on {@code port} (0 for any free port). */
    public GuardedRooms(int port) {
        super(ServerConfig.builder()
                .port(port)
                .handlerExecution(HandlerExecution.OFF_LOOP)
                .upgrade("/rooms/{id}", GuardedRooms::admit)
                .build());
    }

    /** The decision on one upgrade: a token from the query or a cookie, a room from the path. */
    static Upgrade admit(UpgradeRequest request) {
        String token = request.queryParameter("access_token");
        String user = TOKENS.get(token != null ? token : String.valueOf(request.cookie("sid")));
        if (user == null) {
            return Upgrade.reject(403, "a valid access_token or sid cookie is required");
        }
        String room = request.pathParameter("id");
        if (PRIVATE_ROOMS.contains(room)) {
            return Upgrade.reject(403, "room " + room + " is private");
        }
        return Upgrade.accept().withAttachment(new Member(user, room));
    }

    @Override
    public void onOpen(Session client) {
        Member m = (Member) client.attachment();
        rooms.computeIfAbsent(m.room(), r -> ConcurrentHashMap.newKeySet()).add(client);
        say(m, "joined");
    }

    @Override
    public void onMessage(Session client, Message message) {
        if (message instanceof TextMessage) {
            say((Member) client.attachment(), ((TextMessage) message).text());
        }
    }

    @Override
    public void onClose(Session client, int code, String reason) {
        Member m = (Member) client.attachment();
        rooms.getOrDefault(m.room(), Set.of()).remove(client);
        say(m, "left");
    }

    /** To the members of the room only, encoded once. */
    private void say(Member from, String text) {
        broadcast(new TextMessage(from.user() + ": " + text), rooms.getOrDefault(from.room(), Set.of()));
    }

    /** Serves on port 8002 until Ctrl-C. */
    public static void main(String[] args) throws IOException {
        new GuardedRooms(8002).run();
    }
}

package io.wspy.examples;

import io.wspy.connection.Connection;
import io.wspy.connection.WebSocket;
import io.wspy.protocol.TextMessage;
import io.wspy.server.ServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The chat room of the README: the code there is this example, and it works. */
@Timeout(30)
class ChatRoomTest {
    @Test
    void readmeShowsThisExampleVerbatimInUnder60Lines() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        String source = Files.readString(Path.of("src/main/java/io/wspy/examples/ChatRoom.java"), StandardCharsets.UTF_8);
        String indented = ("\n" + source).replace("\n", "\n    ").replace("\n    \n", "\n\n");
        assertTrue(readme.contains(indented.stripTrailing()), "README.md carries ChatRoom.java as an indented block");
        assertTrue(source.lines().count() < 60, "under 60 lines: " + source.lines().count());
    }

    @Test
    void everyoneHearsEveryone() throws Exception {
        ChatRoom room = new ChatRoom(ServerConfig.builder().address("127.0.0.1", 0).build());
        room.start();
        try {
            URI base = URI.create("ws://127.0.0.1:" + room.port() + "/");
            Connection ann = new Connection(WebSocket.connect(base.resolve("/ann")));
            assertEquals(new TextMessage("ann joined"), ann.receive());
            Connection bob = new Connection(WebSocket.connect(base.resolve("/bob")));
            assertEquals(new TextMessage("bob joined"), ann.receive());
            assertEquals(new TextMessage("bob joined"), bob.receive());
            ann.sendText("hi bob");
            assertEquals(new TextMessage("ann: hi bob"), ann.receive());
            assertEquals(new TextMessage("ann: hi bob"), bob.receive());
            bob.close();
            assertEquals(new TextMessage("bob left"), ann.receive());
            ann.close();
        } finally {
            room.stop();
        }
    }
}

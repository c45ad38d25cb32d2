package io.wspy.client;

import io.wspy.protocol.TextMessage;
import io.wspy.server.AsyncServer;
import io.wspy.server.ServerConfig;
import io.wspy.server.WebSocketServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs the client examples of README.md against an echo server, and checks that README.md still shows them. */
@Timeout(60)
class ReadmeClientExamplesTest {
    @Test
    void bothClientExamplesRun() throws Exception {
        WebSocketServer server = new AsyncServer(ServerConfig.builder().address(new InetSocketAddress("127.0.0.1", 0))
                .build(), AsyncClientTest.ECHO);
        server.start();
        try {
            URI uri = URI.create("ws://127.0.0.1:" + server.port() + "/");
            assertEquals(new TextMessage("Hello, Server!"), ClientExamples.blocking(uri));
            assertEquals(new TextMessage("Hello, Server!"), ClientExamples.nonBlocking(uri));
        } finally {
            server.stop();
        }
    }

    @Test
    void readmeShowsTheseExamples() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        for (String line : List.of(
                "try (Connection connection = new Connection(WebSocket.connect(uri))) {",
                "    connection.sendText(\"Hello, Server!\");",
                "    Message reply = connection.receive();",
                "try (AsyncClient client = AsyncClient.create()) {",
                "    Session server = client.connect(uri, new WebSocketHandler() {",
                "        public void onMessage(Session server, Message message) {",
                "            replies.add(message);",
                "    }).get(10, TimeUnit.SECONDS);",
                "    server.send(new TextMessage(\"Hello, Server!\"));",
                "    Message reply = replies.poll(10, TimeUnit.SECONDS);")) {
            assertTrue(readme.contains(line), () -> "README.md no longer shows: " + line);
        }
    }
}

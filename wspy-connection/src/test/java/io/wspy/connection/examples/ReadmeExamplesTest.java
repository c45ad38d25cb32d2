package io.wspy.connection.examples;

import io.wspy.connection.Connection;
import io.wspy.connection.WebSocket;
import io.wspy.connection.WebSocketServerSocket;
import io.wspy.frame.Frame;
import io.wspy.protocol.TextMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs the examples README.md shows, and checks that README.md still shows them. */
@Timeout(30)
class ReadmeExamplesTest {
    @Test
    void framesExampleRuns() throws Exception {
        try (WebSocketServerSocket sock = new WebSocketServerSocket(0)) {
            CompletableFuture<Frame> received = CompletableFuture.supplyAsync(() -> {
                try {
                    return FrameExamples.server(sock);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            FrameExamples.client(sock.localPort());
            assertEquals("Hello, Server!", received.get().payloadText());
        }
    }

    @Test
    void echoConnectionExampleRuns() throws Exception {
        try (WebSocketServerSocket server = new WebSocketServerSocket(0)) {
            Thread serving = new Thread(() -> {
                try {
                    new EchoConnection(server.accept()).receiveForever();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            serving.start();
            Connection client = new Connection(WebSocket.connect(URI.create("ws://localhost:" + server.localPort() + "/")));
            client.sendText("Hello, World!");
            assertEquals(new TextMessage("Hello, World!"), client.receive());
            client.close();
            serving.join(10_000);
        }
    }

    @Test
    void readmeShowsTheseExamples() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        for (String line : new String[] {
            "try (WebSocket client = sock.accept()) {",
            "client.send(Frame.text(\"Hello, Client!\"));",
            "try (WebSocket sock = WebSocket.connect(URI.create(\"ws://localhost:\" + port + \"/my/path\"))) {",
            "class EchoConnection extends Connection {",
            "send(new TextMessage(((TextMessage) message).text()));",
            "new EchoConnection(server.accept()).receiveForever();",
        }) {
            assertTrue(readme.contains(line), "README.md lost the example line: " + line);
        }
    }
}

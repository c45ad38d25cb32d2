package io.wspy.connection.examples;

import io.wspy.connection.WebSocket;
import io.wspy.connection.WebSocketServerSocket;
import io.wspy.frame.Frame;

import java.io.IOException;
import java.net.URI;

/** README.md's "Sending frames with a websocket", compiled. */
final class FrameExamples {
    private FrameExamples() {
    }

    // README: frames-server
    static Frame server(WebSocketServerSocket sock) throws IOException {
        try (WebSocket client = sock.accept()) {
            client.send(Frame.text("Hello, Client!"));
            return client.recv();
        }
    }

    // README: frames-client
    static void client(int port) throws IOException {
        try (WebSocket sock = WebSocket.connect(URI.create("ws://localhost:" + port + "/my/path"))) {
            sock.send(Frame.text("Hello, Server!")); // a client masks every frame
            System.out.println(sock.recv().payloadText());
        }
    }
}

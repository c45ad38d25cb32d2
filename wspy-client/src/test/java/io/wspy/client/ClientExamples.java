package io.wspy.client;

import io.wspy.connection.Connection;
import io.wspy.connection.Session;
import io.wspy.connection.WebSocket;
import io.wspy.protocol.Message;
import io.wspy.protocol.TextMessage;
import io.wspy.server.WebSocketHandler;

import java.io.IOException;
import java.net.URI;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** The client examples README.md shows, line for line (ReadmeClientExamplesTest checks both). */
final class ClientExamples {
    private ClientExamples() {
    }

    /** The blocking, message-level client. */
    static Message blocking(URI uri) throws IOException {
        try (Connection connection = new Connection(WebSocket.connect(uri))) {
            connection.sendText("Hello, Server!");
            Message reply = connection.receive();
            System.out.println("Received " + reply);
            return reply;
        }
    }

    /** The non-blocking client. */
    static Message nonBlocking(URI uri) throws Exception {
        BlockingQueue<Message> replies = new LinkedBlockingQueue<>();
        try (AsyncClient client = AsyncClient.create()) {
            Session server = client.connect(uri, new WebSocketHandler() {
                @Override
                public void onMessage(Session server, Message message) {
                    replies.add(message);
                }
            }).get(10, TimeUnit.SECONDS);
            server.send(new TextMessage("Hello, Server!"));
            Message reply = replies.poll(10, TimeUnit.SECONDS);
            System.out.println("Received " + reply);
            return reply;
        }
    }
}

package it.echo;

import io.wspy.connection.Connection;
import io.wspy.connection.WebSocket;
import io.wspy.server.AsyncServer;
import io.wspy.server.ServerConfig;
import io.wspy.server.WebSocketHandler;

import java.net.URI;

public class Echo {
    public static void main(String[] args) throws Exception {
        AsyncServer server = new AsyncServer(ServerConfig.builder().address("127.0.0.1", 0).build(),
                WebSocketHandler.onMessage((client, message) -> client.send(message)));
        server.start();
        try (Connection client = new Connection(WebSocket.connect(URI.create("ws://127.0.0.1:" + server.port())))) {
            client.sendText("hello from the " + args[0]);
            System.out.println("echoed: " + client.receive());
        } finally {
            server.stop();
        }
    }
}

package io.wspy.examples;

import io.wspy.connection.Session;
import io.wspy.protocol.Message;
import io.wspy.protocol.TextMessage;
import io.wspy.server.AsyncServer;
import io.wspy.server.ServerConfig;

import java.io.IOException;

/** A chat room: ws://localhost:8001/NAME joins as NAME; every line said goes to everyone. */
public class ChatRoom extends AsyncServer {
    public ChatRoom(ServerConfig config) {
        super(config);
    }

    @Override
    public void onOpen(Session client) {
        String name = client.request().path().substring(1);
        client.attach(name.isEmpty() ? "anonymous" : name);
        broadcast(new TextMessage(client.attachment() + " joined"));
    }

    @Override
    public void onMessage(Session client, Message message) {
        if (message instanceof TextMessage) {
            broadcast(new TextMessage(client.attachment() + ": " + ((TextMessage) message).text()));
        }
    }

    @Override
    public void onClose(Session client, int code, String reason) {
        broadcast(new TextMessage(client.attachment() + " left"));
    }

    public static void main(String[] args) throws IOException {
        new ChatRoom(ServerConfig.builder().port(8001).build()).run();
    }
}

package io.wspy.connection.examples;

import io.wspy.connection.Connection;
import io.wspy.connection.WebSocket;
import io.wspy.protocol.Message;
import io.wspy.protocol.TextMessage;

import java.io.IOException;
import java.io.UncheckedIOException;

/** README.md's "Sending messages with a connection", compiled. */
class EchoConnection extends Connection {
    EchoConnection(WebSocket webSocket) throws IOException {
        super(webSocket);
    }

    @Override
    protected void onOpen() {
        System.out.println("Connection opened at " + remoteAddress());
    }

    @Override
    protected void onMessage(Message message) {
        System.out.println("Received message \"" + message + "\"");
        try {
            send(new TextMessage(((TextMessage) message).text()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected void onClose(int code, String reason) {
        System.out.println("Connection closed");
    }
}

package io.wspy.server;

import io.wspy.connection.Session;
import io.wspy.protocol.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import static io.wspy.server.Recorder.next;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The seed's way: subclass a server and override its events; or pass a handler and extend it. */
@Timeout(30)
class SubclassingTest {
    static final BlockingQueue<String> EVENTS = new LinkedBlockingQueue<>();

    /** The seed's EchoServer, on AsyncServer. */
    static class EchoServer extends AsyncServer {
        EchoServer(ServerConfig config) {
            super(config);
        }

        @Override
        public void onOpen(Session client) {
            EVENTS.add("open");
        }

        @Override
        public void onMessage(Session client, Message message) {
            try {
                client.send(message);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void onSent(Session client, Message message) {
            EVENTS.add("sent " + message);
        }

        @Override
        public void onClose(Session client, int code, String reason) {
            EVENTS.add("close " + code);
        }
    }

    /** A threaded server that keeps the handler it was given and adds to it. */
    static class LoggingServer extends Server {
        LoggingServer(ServerConfig config, WebSocketHandler handler) {
            super(config, handler);
        }

        @Override
        public void onMessage(Session client, Message message) {
            EVENTS.add("before " + message);
            super.onMessage(client, message);
        }
    }

    private static ServerConfig local() {
        return ServerConfig.builder().address("127.0.0.1", 0).reportSent(true).build();
    }

    @Test
    void subclassOverridingEventsServesClients() throws Exception {
        EVENTS.clear();
        try (EchoServer server = new EchoServer(local())) {
            server.start();
            JdkClient client = JdkClient.connect(URI.create("ws://127.0.0.1:" + server.port() + "/"));
            assertEquals("open", next(EVENTS));
            client.socket.sendText("seed", true).join();
            assertEquals("seed", client.next());
            assertEquals("sent seed", next(EVENTS), "an overridden onSent is called");
            client.socket.sendClose(1000, "").join();
            assertEquals("close 1000", next(EVENTS));
        }
    }

    @Test
    void overrideCallingSuperKeepsTheHandler() throws Exception {
        EVENTS.clear();
        Recorder handler = new Recorder();
        try (LoggingServer server = new LoggingServer(local(), handler)) {
            server.start();
            JdkClient client = JdkClient.connect(URI.create("ws://127.0.0.1:" + server.port() + "/"));
            client.socket.sendText("both", true).join();
            assertEquals("both", client.next(), "the handler echoed");
            assertEquals("before both", next(EVENTS));
            assertEquals("both", next(handler.messages).toString());
        }
    }
}

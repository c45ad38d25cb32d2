package io.wspy.bench.load;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * Jetty 12.1's echo with its Jetty WebSocket API on the core server (no servlets): a
 * {@link WebSocketUpgradeHandler} mapping {@code /} to an endpoint that sends each text or binary
 * message back. permessage-deflate is among Jetty's default extensions. Jetty's default idle timeout
 * (30 s) would close the idle-memory connections, so it is raised to 10 minutes.
 */
final class JettyEcho {
    private JettyEcho() {
    }

    static void start(int port) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        connector.setAcceptQueueSize(1024);
        server.addConnector(connector);
        server.setHandler(WebSocketUpgradeHandler.from(server, container -> {
            container.setMaxTextMessageSize(EchoServer.MAX_MESSAGE);
            container.setMaxBinaryMessageSize(EchoServer.MAX_MESSAGE);
            container.setMaxFrameSize(EchoServer.MAX_MESSAGE);
            container.setIdleTimeout(Duration.ofMinutes(10));
            container.addMapping("/", (request, response, callback) -> new Echo());
        }));
        server.start();
    }

    /** Sends every message back. */
    public static final class Echo implements Session.Listener.AutoDemanding {
        private Session session;

        @Override
        public void onWebSocketOpen(Session s) {
            this.session = s;
        }

        @Override
        public void onWebSocketText(String message) {
            session.sendText(message, Callback.NOOP);
        }

        @Override
        public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
            session.sendBinary(payload, callback);
        }
    }
}

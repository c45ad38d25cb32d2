package io.wspy.client;

import io.wspy.connection.ClientOptions;
import io.wspy.connection.Reconnector;
import io.wspy.connection.Session;
import io.wspy.protocol.TextMessage;
import io.wspy.server.AsyncServer;
import io.wspy.server.ServerConfig;
import io.wspy.server.WebSocketServer;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** The non-blocking client reconnects with the Reconnector's back-off while its server is away. */
class AsyncReconnectorTest {
    private static WebSocketServer server(int port) throws Exception {
        WebSocketServer server = new AsyncServer(ServerConfig.builder().address(new InetSocketAddress("127.0.0.1", port))
                .shutdownTimeout(Duration.ofSeconds(1)).build(), AsyncClientTest.ECHO);
        server.start();
        return server;
    }

    @Test
    void reconnectsWhenTheServerComesBack() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        URI uri = URI.create("ws://127.0.0.1:" + port + "/");
        Reconnector backoff = Reconnector.to(uri, ClientOptions.defaults())
                .backoff(Duration.ofMillis(50), Duration.ofMillis(200)).build();
        Events events = new Events();
        try (AsyncClient client = AsyncClient.create()) {
            // Nobody listens yet: attempts fail and are retried.
            AsyncReconnector reconnector = AsyncReconnector.start(client, uri, backoff, events);
            Thread.sleep(300);
            WebSocketServer first = server(port);
            Session s1 = events.opened.poll(Events.WAIT_SECONDS, TimeUnit.SECONDS);
            assertNotNull(s1);
            s1.send(new TextMessage("one"));
            assertEquals("one", ((TextMessage) events.message()).text());
            first.stop();
            events.close();
            WebSocketServer second = server(port);
            try {
                Session s2 = events.opened.poll(Events.WAIT_SECONDS, TimeUnit.SECONDS);
                assertNotNull(s2);
                s2.send(new TextMessage("two"));
                assertEquals("two", ((TextMessage) events.message()).text());
                reconnector.close();
                events.close();
            } finally {
                second.stop();
            }
        }
    }
}

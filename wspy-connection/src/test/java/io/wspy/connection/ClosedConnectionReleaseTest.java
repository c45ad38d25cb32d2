package io.wspy.connection;

import io.wspy.frame.CloseCode;
import io.wspy.protocol.ProtocolConfig;
import org.junit.jupiter.api.Test;

import java.lang.ref.WeakReference;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A connection that closed cleanly is garbage at once: its lingering-close timer is cancelled when
 * the socket closes, instead of keeping the connection (and its read buffer) reachable for the
 * whole close timeout. Found by the soak test, where 10,000 closed connections held 100 MiB.
 */
class ClosedConnectionReleaseTest {
    @Test
    void aCleanlyClosedServerConnectionIsNotHeldByItsTimer() throws Exception {
        ServerOptions options = ServerOptions.defaults()
                .withProtocol(ProtocolConfig.defaults().withCloseTimeout(Duration.ofMinutes(5)));
        WeakReference<Connection> server;
        try (EchoServerFixture fixture = new EchoServerFixture(options)) {
            try (Connection client = new Connection(WebSocket.connect(fixture.uri("/")))) {
                client.close(CloseCode.NORMAL_CLOSURE, "bye");
                client.receiveForever();
            }
            assertEquals("1000 bye", fixture.nextClose());
            server = new WeakReference<>(fixture.connections.get(0));
            fixture.connections.clear();
        }
        for (int i = 0; i < 50 && server.get() != null; i++) {
            System.gc();
            Thread.sleep(100);
        }
        assertTrue(server.get() == null, "a closed connection stayed reachable for its close timeout");
    }
}

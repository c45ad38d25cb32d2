package io.wspy.connection;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.BindException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a user meets at the edge of the API: null arguments, refused connections, ports in use. */
@Timeout(30)
class ApiBoundaryTest {
    @Test
    void aNullUriIsRefusedByNameBeforeAnythingElse() {
        NullPointerException e = assertThrows(NullPointerException.class, () -> WebSocket.connect(null));
        assertEquals("uri", e.getMessage());
        e = assertThrows(NullPointerException.class, () -> WebSocket.connect(URI.create("ws://127.0.0.1/"), null));
        assertEquals("options", e.getMessage());
    }

    @Test
    void aRefusedConnectionNamesHostAndPortButNotTheCredentials() throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        ConnectException e = assertThrows(ConnectException.class,
                () -> WebSocket.connect(URI.create("ws://ann:secret@127.0.0.1:" + port + "/chat")));
        assertTrue(e.getMessage().contains("127.0.0.1:" + port), e.getMessage());
        assertFalse(e.getMessage().contains("secret"), e.getMessage());
        assertTrue(e.getCause() instanceof ConnectException, "the JDK's exception is the cause");
    }

    @Test
    void aPortInUseIsNamed() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", taken.getLocalPort());
            BindException e = assertThrows(BindException.class,
                    () -> new WebSocketServerSocket(address, ServerOptions.defaults()).close());
            assertTrue(e.getMessage().contains(":" + taken.getLocalPort()), e.getMessage());
        }
    }
}

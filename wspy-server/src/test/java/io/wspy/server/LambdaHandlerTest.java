package io.wspy.server;

import io.wspy.connection.Connection;
import io.wspy.connection.WebSocket;
import io.wspy.frame.CloseCode;
import io.wspy.protocol.TextMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** WebSocketHandler.onMessage: a server as a lambda; and a port in use named by start(). */
@Timeout(30)
class LambdaHandlerTest {
    private static Connection connect(WebSocketServer server) throws IOException {
        return new Connection(WebSocket.connect(URI.create("ws://127.0.0.1:" + server.port() + "/")));
    }

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void anEchoServerIsALambdaWhoseSendNeedsNoTryCatch(ServerKind kind) throws Exception {
        WebSocketServer server = kind.start(WebSocketHandler.onMessage((client, message) -> client.send(message)),
                b -> b);
        try (Connection client = connect(server)) {
            client.sendText("hello");
            assertEquals(new TextMessage("hello"), client.receive());
        } finally {
            server.stop();
        }
    }

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void aCheckedExceptionFromTheLambdaFailsThatClientWith1011(ServerKind kind) throws Exception {
        WebSocketServer server = kind.start(WebSocketHandler.onMessage((client, message) -> {
            throw new IOException("the handler gives up");
        }), b -> b);
        try (Connection client = connect(server)) {
            client.sendText("hello");
            assertNull(client.receive(), "closed instead of answered");
            assertEquals(CloseCode.INTERNAL_ERROR, client.closeStatus().code());
        } finally {
            server.stop();
        }
    }

    @Test
    void aNullHandlerIsRefusedByName() {
        NullPointerException e = assertThrows(NullPointerException.class, () -> WebSocketHandler.onMessage(null));
        assertEquals("handler", e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(value = ServerKind.class, names = {"THREADED", "ASYNC"})
    void aPortInUseIsNamedByStart(ServerKind kind) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            ServerConfig config = ServerConfig.builder()
                    .address(new InetSocketAddress("127.0.0.1", taken.getLocalPort())).build();
            WebSocketServer server = kind.create(config, WebSocketHandler.onMessage((client, message) -> { }));
            BindException e = assertThrows(BindException.class, server::start);
            assertTrue(e.getMessage().contains(":" + taken.getLocalPort()), e.getMessage());
            assertTrue(e.getCause() instanceof BindException);
        }
    }
}

package io.wspy.examples;

import io.wspy.connection.ClientOptions;
import io.wspy.connection.Connection;
import io.wspy.connection.WebSocket;
import io.wspy.handshake.ClientHandshakeConfig;
import io.wspy.handshake.HandshakeException;
import io.wspy.handshake.HttpHeaders;
import io.wspy.protocol.TextMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The rooms behind an upgrade hook: a token, a cookie, a room from the path, a 403. */
@Timeout(30)
class GuardedRoomsTest {
    @Test
    void membersOfARoomHearEachOtherAndStrangersGet403() throws Exception {
        GuardedRooms server = new GuardedRooms(0);
        server.start();
        try {
            URI base = URI.create("ws://127.0.0.1:" + server.port());
            Connection alice = new Connection(WebSocket.connect(base.resolve("/rooms/lobby?access_token=t0ken")));
            assertEquals(new TextMessage("alice: joined"), alice.receive());
            ClientOptions withCookie = ClientOptions.defaults().withHandshake(ClientHandshakeConfig.builder()
                    .headers(HttpHeaders.of("Cookie", "sid=s3cret")).build());
            Connection bob = new Connection(WebSocket.connect(base.resolve("/rooms/lobby"), withCookie));
            assertEquals(new TextMessage("bob: joined"), alice.receive());
            assertEquals(new TextMessage("bob: joined"), bob.receive());
            Connection elsewhere = new Connection(WebSocket.connect(base.resolve("/rooms/attic?access_token=t0ken")));
            assertEquals(new TextMessage("alice: joined"), elsewhere.receive());
            bob.sendText("hi");
            assertEquals(new TextMessage("bob: hi"), alice.receive());
            assertEquals(new TextMessage("bob: hi"), bob.receive());
            elsewhere.sendText("only the attic hears this");
            assertEquals(new TextMessage("alice: only the attic hears this"), elsewhere.receive());

            HandshakeException stranger = assertThrows(HandshakeException.class,
                    () -> WebSocket.connect(base.resolve("/rooms/lobby?access_token=nope")));
            assertEquals(403, stranger.status());
            HandshakeException staff = assertThrows(HandshakeException.class,
                    () -> WebSocket.connect(base.resolve("/rooms/staff?access_token=t0ken")));
            assertEquals(403, staff.status());
            bob.close();
            assertEquals(new TextMessage("bob: left"), alice.receive());
            alice.close();
            elsewhere.close();
        } finally {
            server.stop();
        }
    }
}

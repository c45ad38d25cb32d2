package io.wspy.server;

import io.wspy.connection.Connection;
import io.wspy.connection.SendResult;
import io.wspy.connection.Session;
import io.wspy.connection.WebSocket;
import io.wspy.protocol.BinaryMessage;
import io.wspy.protocol.TextMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.URI;

import static io.wspy.server.Recorder.next;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Session.trySend: the send without a checked exception, its result on each server and policy. */
@Timeout(60)
class TrySendTest {
    private static final int LIMIT = 32 * 1024;
    private static final byte[] CHUNK = new byte[8 * 1024];

    @RegisterExtension
    final ServerFixture fixture = new ServerFixture();
    private final Recorder handler = fixture.handler;

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void aMessageIsSentAndAClosedClientSaysSo(ServerKind kind) throws Exception {
        WebSocketServer server = fixture.start(kind, handler, b -> b);
        Connection client = new Connection(WebSocket.connect(URI.create("ws://127.0.0.1:" + server.port() + "/")));
        Session session = next(handler.opened);
        assertEquals(SendResult.SENT, session.trySendText("hello"));
        assertEquals(new TextMessage("hello"), client.receive());
        client.close();
        next(handler.closes);
        assertEquals(SendResult.CLOSED, session.trySendText("too late"));
    }

    /** A raw client that never reads, so the server's queue for it fills. */
    private Session stalledClient(WebSocketServer server) throws Exception {
        RawClient c = RawClient.upgraded(server.port(), "/");
        fixture.closeAfter(c);
        return next(handler.opened);
    }

    private static SendResult fillUntilNotSent(Session session) {
        for (int i = 0; i < 100_000; i++) {
            SendResult r = session.trySend(new BinaryMessage(CHUNK.clone()));
            if (r != SendResult.SENT) {
                return r;
            }
        }
        return SendResult.SENT;
    }

    @Test
    void theAsyncServersPoliciesBecomeResults() throws Exception {
        for (SlowReaderPolicy policy : new SlowReaderPolicy[] {SlowReaderPolicy.FAIL, SlowReaderPolicy.DROP,
                SlowReaderPolicy.CLOSE}) {
            WebSocketServer server = fixture.start(ServerKind.ASYNC, handler,
                    b -> b.selectorThreads(1).outboundQueue(LIMIT, policy));
            Session session = stalledClient(server);
            SendResult result = fillUntilNotSent(session);
            switch (policy) {
                case FAIL -> {
                    assertEquals(SendResult.REFUSED, result);
                    assertTrue(session.isOpen(), "FAIL keeps the client");
                }
                case DROP -> {
                    assertEquals(SendResult.DROPPED, result);
                    assertTrue(session.isOpen(), "DROP keeps the client");
                }
                default -> {
                    assertEquals(SendResult.CLOSED, result);
                    assertTrue(!session.isOpen(), "CLOSE closes the client");
                }
            }
            server.stop();
        }
    }
}

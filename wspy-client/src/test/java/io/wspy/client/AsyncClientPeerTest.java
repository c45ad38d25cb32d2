package io.wspy.client;

import io.wspy.connection.Session;
import io.wspy.protocol.BinaryMessage;
import io.wspy.protocol.Message;
import io.wspy.protocol.TextMessage;
import io.wspy.server.WebSocketHandler;
import io.wspy.server.interop.Exchange;
import io.wspy.server.interop.PeerPairs;
import io.wspy.server.interop.PeerProgram;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link AsyncClient} against the echo servers of Python {@code websockets} and Node {@code ws},
 * over ws and wss, with and without permessage-deflate: text, binary, 8 MiB, 1,000 messages, a ping and a close
 * with a code and reason, checked on our end; the peer reports what it received.
 */
@Tag("peer")
@Timeout(180)
class AsyncClientPeerTest {
    private static final long WAIT_SECONDS = 60;

    @ParameterizedTest(name = "deflate {0}, tls {1}")
    @CsvSource({"false, false", "true, false", "false, true", "true, true"})
    void againstPythonServer(boolean deflate, boolean tls) throws Exception {
        PeerPairs.ourClientAgainstPeerServer(deflate, tls,
                flags -> PeerProgram.python("ws_server.py", flags.toArray(String[]::new)),
                AsyncClientPeerTest::exchange);
    }

    @ParameterizedTest(name = "deflate {0}, tls {1}")
    @CsvSource({"false, false", "true, false", "false, true", "true, true"})
    void againstNodeServer(boolean deflate, boolean tls) throws Exception {
        PeerPairs.ourClientAgainstPeerServer(deflate, tls,
                flags -> PeerProgram.node("server.mjs", flags.toArray(String[]::new)),
                AsyncClientPeerTest::exchange);
    }

    private static Exchange.Sent exchange(URI uri, boolean deflate) throws Exception {
        Peer peer = new Peer();
        try (AsyncClient client = AsyncClient.builder().options(Exchange.clientOptions(uri, deflate)).build()) {
            Session s = client.connect(uri, peer).get(WAIT_SECONDS, TimeUnit.SECONDS);
            if (deflate) {
                assertNotNull(s.extensions(), "permessage-deflate negotiated");
                assertTrue(s.extensions().startsWith("permessage-deflate"), s.extensions());
            } else {
                assertNull(s.extensions());
            }
            long bytes = 0;
            s.send(new TextMessage(Exchange.TEXT));
            assertEquals(new TextMessage(Exchange.TEXT), peer.next(), "text");
            bytes += Exchange.TEXT.getBytes(StandardCharsets.UTF_8).length;

            byte[] all = new byte[256];
            for (int i = 0; i < all.length; i++) {
                all[i] = (byte) i;
            }
            s.send(new BinaryMessage(all));
            assertArrayEquals(all, binary(peer.next()), "binary");
            bytes += all.length;

            byte[] large = Exchange.farRepeats(Exchange.LARGE);
            s.send(new BinaryMessage(large));
            assertArrayEquals(large, binary(peer.next()), "8 MiB");
            bytes += large.length;

            for (int i = 0; i < Exchange.MANY; i++) {
                s.send(new TextMessage("message " + i));
                bytes += ("message " + i).length();
            }
            for (int i = 0; i < Exchange.MANY; i++) {
                assertEquals(new TextMessage("message " + i), peer.next(), "message " + i + " of " + Exchange.MANY);
            }

            s.ping("ping from wspy".getBytes(StandardCharsets.UTF_8));
            s.send(new TextMessage("after the ping"));
            assertEquals(new TextMessage("after the ping"), peer.next());
            bytes += "after the ping".length();
            assertEquals(List.of("ping from wspy"), peer.pongs, "the pong came before the echo sent after it");

            s.close(Exchange.CLOSE_CODE, Exchange.CLOSE_REASON);
            assertEquals(Exchange.CLOSE_CODE, peer.closed.get(WAIT_SECONDS, TimeUnit.SECONDS),
                    "the peer echoed our close code");
            return new Exchange.Sent(3 + Exchange.MANY + 1, bytes);
        }
    }

    private static byte[] binary(Message m) {
        assertTrue(m instanceof BinaryMessage, "a binary message, got " + m);
        return ((BinaryMessage) m).bytes();
    }

    /** The handler: what the peer echoed, its pongs and its close code. */
    private static final class Peer implements WebSocketHandler {
        final BlockingQueue<Message> received = new LinkedBlockingQueue<>();
        final List<String> pongs = new CopyOnWriteArrayList<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();

        Message next() throws InterruptedException {
            Message m = received.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertNotNull(m, "an echo within " + WAIT_SECONDS + " s");
            return m;
        }

        @Override
        public void onMessage(Session server, Message message) {
            received.add(message);
        }

        @Override
        public void onPong(Session server, byte[] payload) {
            pongs.add(new String(payload, StandardCharsets.UTF_8));
        }

        @Override
        public void onClose(Session server, int code, String reason) {
            closed.complete(code);
        }
    }
}

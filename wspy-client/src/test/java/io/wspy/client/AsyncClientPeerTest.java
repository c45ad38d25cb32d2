package io.wspy.client;

import io.wspy.connection.ClientOptions;
import io.wspy.connection.Session;
import io.wspy.extensions.PerMessageDeflate;
import io.wspy.handshake.ClientHandshakeConfig;
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
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link AsyncClient} against the echo servers of Python {@code websockets} and Node {@code ws},
 * over ws and wss, with and without permessage-deflate (also with every parameter asked for, and
 * wss through a CONNECT proxy): text, binary, 8 MiB, 1,000 messages, a ping and a close
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

    /**
     * permessage-deflate with every parameter asked for: no context takeover either way, the
     * server's window at 2^10 and ours at 2^9. The peers inflate with the agreed window, so a
     * back-reference of ours beyond 512 bytes would fail there; the exchange's data repeats
     * 3,000 bytes apart.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"python", "node"})
    void nonDefaultDeflateParameters(String peerName) throws Exception {
        PerMessageDeflate asked = PerMessageDeflate.builder().serverNoContextTakeover(true)
                .clientNoContextTakeover(true).serverMaxWindowBits(10).clientMaxWindowBits(9).build();
        PeerPairs.ourClientAgainstPeerServer(true, false, flags -> start(peerName, flags), (uri, deflate) -> {
            ClientOptions options = Exchange.clientOptions(uri, true).withHandshake(
                    ClientHandshakeConfig.builder().extensions(List.of(asked)).build());
            return exchange(uri, options, extensions -> assertEquals(List.of("permessage-deflate",
                    "server_no_context_takeover", "client_no_context_takeover", "server_max_window_bits=10",
                    "client_max_window_bits=9"), List.of(extensions.split("\\s*;\\s*"))));
        });
    }

    /** wss through an HTTP CONNECT proxy to a peer's server, permessage-deflate offered. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"python", "node"})
    void wssThroughAConnectProxy(String peerName) throws Exception {
        Queue<String> tunnels = new ConcurrentLinkedQueue<>();
        try (RawPeer proxy = RawPeer.connectProxy(null, 0, tunnels)) {
            PeerPairs.ourClientAgainstPeerServer(true, true, flags -> start(peerName, flags), (uri, deflate) -> {
                ClientOptions options = Exchange.clientOptions(uri, true)
                        .withProxy(new InetSocketAddress("127.0.0.1", proxy.port()), null);
                Exchange.Sent sent = exchange(uri, options, AsyncClientPeerTest::permessageDeflate);
                assertEquals(List.of(uri.getHost() + ":" + uri.getPort()), List.copyOf(tunnels), "the proxy's tunnels");
                return sent;
            });
        }
    }

    private static PeerProgram start(String peerName, List<String> flags) throws Exception {
        String[] args = flags.toArray(String[]::new);
        return peerName.equals("python") ? PeerProgram.python("ws_server.py", args) : PeerProgram.node("server.mjs", args);
    }

    private static void permessageDeflate(String extensions) {
        assertNotNull(extensions, "permessage-deflate negotiated");
        assertTrue(extensions.startsWith("permessage-deflate"), extensions);
    }

    private static Exchange.Sent exchange(URI uri, boolean deflate) throws Exception {
        return exchange(uri, Exchange.clientOptions(uri, deflate),
                deflate ? AsyncClientPeerTest::permessageDeflate : extensions -> assertNull(extensions));
    }

    private static Exchange.Sent exchange(URI uri, ClientOptions options, Consumer<String> checkExtensions)
            throws Exception {
        Peer peer = new Peer();
        try (AsyncClient client = AsyncClient.builder().options(options).build()) {
            Session s = client.connect(uri, peer).get(WAIT_SECONDS, TimeUnit.SECONDS);
            checkExtensions.accept(s.extensions());
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

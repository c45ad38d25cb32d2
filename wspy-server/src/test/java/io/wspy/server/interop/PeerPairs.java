package io.wspy.server.interop;

import io.wspy.extensions.PerMessageDeflate;
import io.wspy.frame.CloseStatus;
import io.wspy.server.conformance.EchoServerSpec;
import io.wspy.server.conformance.EchoServerUnderTest;
import io.wspy.server.conformance.ServersUnderTest;
import org.junit.jupiter.params.provider.Arguments;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The two ways to pair wspy with a peer program, shared by the Python and Node tests. */
public final class PeerPairs {
    static final Duration START = Duration.ofSeconds(30);
    static final Duration RUN = Duration.ofSeconds(90);

    /** What the peer client asks for. */
    enum Mode {
        PLAIN,
        DEFLATE,
        /** permessage-deflate with {@code server_max_window_bits=9} requested by the peer. */
        DEFLATE_WINDOW_9;

        List<String> flags() {
            switch (this) {
                case DEFLATE:
                    return List.of("--deflate");
                case DEFLATE_WINDOW_9:
                    return List.of("--deflate", "--server-max-window-bits", "9");
                default:
                    return List.of();
            }
        }
    }

    /** A peer client program started against a server's URI. */
    @FunctionalInterface
    interface ClientStarter {
        PeerProgram start(URI server, List<String> flags) throws Exception;
    }

    /** A peer echo server program, with or without permessage-deflate. */
    @FunctionalInterface
    public interface ServerStarter {
        PeerProgram start(boolean deflate) throws Exception;
    }

    /** One of our clients running the exchange against the peer's echo server at a URI. */
    @FunctionalInterface
    public interface OurClient {
        Exchange.Sent run(URI server, boolean deflate) throws Exception;
    }

    private PeerPairs() {
    }

    /** Every server implementation under test, with every mode. */
    static Stream<Arguments> serversAndModes() {
        List<Arguments> all = new ArrayList<>();
        for (ServersUnderTest.Named server : ServersUnderTest.all()) {
            for (Mode mode : Mode.values()) {
                all.add(Arguments.of(server, mode));
            }
        }
        return all.stream();
    }

    /**
     * The peer client runs the exchange against our echo server and checks the echoes; we check
     * what was negotiated and the close code and reason our server received.
     */
    static void peerClientAgainstOurServer(ServersUnderTest.Named server, Mode mode, ClientStarter peerClient,
                                           int closeCode, String closeReason) throws Exception {
        EchoServerSpec spec = mode == Mode.PLAIN ? EchoServerSpec.standard()
                : EchoServerSpec.standard().withExtensions(List.of(PerMessageDeflate.builder().build()));
        try (EchoServerUnderTest echo = server.factory().start(spec);
             PeerProgram peer = peerClient.start(echo.uri(), mode.flags())) {
            String extensions = peer.awaitLine("extensions: ", START);
            switch (mode) {
                case PLAIN:
                    assertTrue(extensions.endsWith("None") || extensions.endsWith("none"), extensions);
                    break;
                case DEFLATE:
                    assertTrue(extensions.contains("permessage-deflate"), extensions);
                    break;
                default:
                    assertTrue(extensions.contains("server_max_window_bits=9"), extensions);
            }
            peer.awaitSuccess(RUN);
            List<String> output = peer.output();
            for (String step : List.of("ok text", "ok binary", "ok fragmented", "ok large", "ok many", "ok ping",
                    "closed " + closeCode)) {
                assertTrue(output.contains(step), "the peer reports '" + step + "'" + peer.report());
            }
            CloseStatus received = echo.awaitClose(START);
            assertEquals(new CloseStatus(closeCode, closeReason), received, "what our server received");
        }
    }

    /**
     * Our client runs the exchange against the peer's echo server and checks the echoes; the peer
     * reports the close code and reason it received and how many messages and bytes.
     */
    static void ourClientAgainstPeerServer(boolean deflate, ServerStarter peerServer) throws Exception {
        ourClientAgainstPeerServer(deflate, peerServer, Exchange::runClient);
    }

    /** The same with {@code client}, any of our clients. */
    public static void ourClientAgainstPeerServer(boolean deflate, ServerStarter peerServer, OurClient client)
            throws Exception {
        try (PeerProgram peer = peerServer.start(deflate)) {
            int port = Integer.parseInt(peer.awaitLine("listening ", START).substring("listening ".length()).trim());
            Exchange.Sent sent = client.run(URI.create("ws://127.0.0.1:" + port + "/"), deflate);
            String closed = peer.awaitLine("closed ", START);
            assertEquals("closed " + Exchange.CLOSE_CODE + " " + Exchange.CLOSE_REASON + "|messages=" + sent.messages()
                    + "|bytes=" + sent.bytes(), closed, "what the peer received" + peer.report());
            peer.awaitSuccess(RUN);
        }
    }
}

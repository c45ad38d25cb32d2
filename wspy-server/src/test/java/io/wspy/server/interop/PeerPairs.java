package io.wspy.server.interop;

import io.wspy.extensions.PerMessageDeflate;
import io.wspy.frame.CloseStatus;
import io.wspy.server.conformance.EchoServerSpec;
import io.wspy.server.conformance.EchoServerUnderTest;
import io.wspy.server.conformance.ServersUnderTest;
import io.wspy.server.testing.TestCertificates;
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

    /** A peer echo server program started with flags: {@code --deflate}, {@code --tls CHAIN_PEM KEY_PEM}. */
    @FunctionalInterface
    public interface ServerStarter {
        PeerProgram start(List<String> flags) throws Exception;
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
     * reports the close code and reason it received and how many messages and bytes. With
     * {@code tls} the peer serves {@code wss://localhost} with the test certificate.
     */
    static void ourClientAgainstPeerServer(boolean deflate, boolean tls, ServerStarter peerServer) throws Exception {
        ourClientAgainstPeerServer(deflate, tls, peerServer, Exchange::runClient);
    }

    /** The same with {@code client}, any of our clients. */
    public static void ourClientAgainstPeerServer(boolean deflate, boolean tls, ServerStarter peerServer,
                                                  OurClient client) throws Exception {
        List<String> flags = new ArrayList<>();
        if (deflate) {
            flags.add("--deflate");
        }
        if (tls) {
            TestCertificates certificates = TestCertificates.get();
            flags.addAll(List.of("--tls", certificates.chainPem("server").toAbsolutePath().toString(),
                    certificates.keyPem("server").toAbsolutePath().toString()));
        }
        try (PeerProgram peer = peerServer.start(flags)) {
            int port = Integer.parseInt(peer.awaitLine("listening ", START).substring("listening ".length()).trim());
            URI uri = URI.create((tls ? "wss://localhost:" : "ws://127.0.0.1:") + port + "/");
            Exchange.Sent sent = client.run(uri, deflate);
            String closed = peer.awaitLine("closed ", START);
            assertEquals("closed " + Exchange.CLOSE_CODE + " " + Exchange.CLOSE_REASON + "|messages=" + sent.messages()
                    + "|bytes=" + sent.bytes(), closed, "what the peer received" + peer.report());
            peer.awaitSuccess(RUN);
        }
    }
}

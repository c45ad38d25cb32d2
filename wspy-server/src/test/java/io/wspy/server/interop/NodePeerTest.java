package io.wspy.server.interop;

import io.wspy.server.conformance.ServersUnderTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Node {@code ws} (from npm, installed by {@code npm ci} in interop/) as client of every server
 * implementation and as server for our client (ws and wss), with and without permessage-deflate,
 * including {@code server_max_window_bits=9} requested by Node, whose zlib then inflates with a 512-byte
 * window and fails on any back-reference beyond it.
 */
@Tag("peer")
@Timeout(180)
class NodePeerTest {
    static Stream<Arguments> serversAndModes() {
        return PeerPairs.serversAndModes();
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("serversAndModes")
    void nodeClientAgainstOurServer(ServersUnderTest.Named server, PeerPairs.Mode mode) throws Exception {
        PeerPairs.peerClientAgainstOurServer(server, mode, (uri, flags) -> {
            List<String> args = new ArrayList<>(List.of(uri.toString()));
            args.addAll(flags);
            return PeerProgram.node("client.mjs", args.toArray(String[]::new));
        }, 4003, "bye from node");
    }

    @ParameterizedTest(name = "deflate {0}, tls {1}")
    @CsvSource({"false, false", "true, false", "false, true", "true, true"})
    void ourClientAgainstNodeServer(boolean deflate, boolean tls) throws Exception {
        PeerPairs.ourClientAgainstPeerServer(deflate, tls,
                flags -> PeerProgram.node("server.mjs", flags.toArray(String[]::new)));
    }
}

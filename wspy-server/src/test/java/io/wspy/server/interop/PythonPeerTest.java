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
 * Python {@code websockets} (Debian's python3-websockets) as client of every server
 * implementation and as server for our client (ws and wss), with and without permessage-deflate,
 * including {@code server_max_window_bits=9} requested by Python, whose zlib then inflates with a 512-byte
 * window and fails on any back-reference beyond it.
 */
@Tag("peer")
@Timeout(180)
class PythonPeerTest {
    static Stream<Arguments> serversAndModes() {
        return PeerPairs.serversAndModes();
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("serversAndModes")
    void pythonClientAgainstOurServer(ServersUnderTest.Named server, PeerPairs.Mode mode) throws Exception {
        PeerPairs.peerClientAgainstOurServer(server, mode, (uri, flags) -> {
            List<String> args = new ArrayList<>(List.of(uri.toString()));
            args.addAll(flags);
            return PeerProgram.python("ws_client.py", args.toArray(String[]::new));
        }, 4001, "bye from python");
    }

    @ParameterizedTest(name = "deflate {0}, tls {1}")
    @CsvSource({"false, false", "true, false", "false, true", "true, true"})
    void ourClientAgainstPythonServer(boolean deflate, boolean tls) throws Exception {
        PeerPairs.ourClientAgainstPeerServer(deflate, tls,
                flags -> PeerProgram.python("ws_server.py", flags.toArray(String[]::new)));
    }
}

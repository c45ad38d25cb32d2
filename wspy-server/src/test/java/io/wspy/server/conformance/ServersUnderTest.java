package io.wspy.server.conformance;

import java.util.List;

/**
 * The echo server implementations the conformance suite and the interop tests run against. To
 * add one, implement {@link EchoServerUnderTest.Factory} (start on {@code 127.0.0.1:0} with the
 * spec's limit, extensions and subprotocols, echo every message) and list it here.
 */
public final class ServersUnderTest {
    /** One implementation, by name. */
    public record Named(String name, EchoServerUnderTest.Factory factory) {
        @Override
        public String toString() {
            return name;
        }
    }

    private ServersUnderTest() {
    }

    /** Every implementation under test. */
    public static List<Named> all() {
        return List.of(
                new Named("WebSocketServerSocket", ServerSocketEchoServer::start),
                new Named("Server", WspyServerEchoServer::threaded),
                new Named("AsyncServer", WspyServerEchoServer::async));
    }
}

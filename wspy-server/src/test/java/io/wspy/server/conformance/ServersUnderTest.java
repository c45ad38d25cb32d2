package io.wspy.server.conformance;

import java.util.ArrayList;
import java.util.List;

/**
 * The echo server implementations the conformance suite and the interop tests run against. To
 * add one, implement {@link EchoServerUnderTest.Factory} (start on {@code 127.0.0.1:0} with the
 * spec's limit, extensions and subprotocols, echo every message) and list it here.
 */
public final class ServersUnderTest {
    /**
     * One implementation, by name.
     *
     * @param tls whether it serves {@code wss://}
     */
    public record Named(String name, EchoServerUnderTest.Factory factory, boolean tls) {
        /** An implementation over plain TCP. */
        public Named(String name, EchoServerUnderTest.Factory factory) {
            this(name, factory, false);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private ServersUnderTest() {
    }

    /** Every implementation under test, over plain TCP ({@code ws://}). */
    public static List<Named> all() {
        return List.of(
                new Named("WebSocketServerSocket", ServerSocketEchoServer::start),
                new Named("Server", WspyServerEchoServer::threaded),
                new Named("AsyncServer", WspyServerEchoServer::async));
    }

    /**
     * Every implementation under test, and the servers over TLS ({@code wss://}, the certificate
     * of {@link io.wspy.server.TestCertificates}), for clients that can trust the test CA.
     */
    public static List<Named> allWithTls() {
        List<Named> servers = new ArrayList<>(all());
        servers.add(new Named("Server (TLS)", WspyServerEchoServer::threadedTls, true));
        servers.add(new Named("AsyncServer (TLS)", WspyServerEchoServer::asyncTls, true));
        return List.copyOf(servers);
    }
}

package io.wspy.server.conformance;

import java.net.URI;

/** A running echo server: every text or binary message it receives, it sends back unchanged. */
public interface EchoServerUnderTest extends AutoCloseable {
    /** Where it listens, for example {@code ws://127.0.0.1:40123/}. */
    URI uri();

    /** Stops it and drops its connections. */
    @Override
    void close() throws Exception;

    /** Starts an echo server of one implementation on a free loopback port. */
    @FunctionalInterface
    interface Factory {
        EchoServerUnderTest start(EchoServerSpec spec) throws Exception;
    }
}

package io.wspy.server.conformance;

import io.wspy.frame.CloseStatus;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;

/** A running echo server: every text or binary message it receives, it sends back unchanged. */
public interface EchoServerUnderTest extends AutoCloseable {
    /** Where it listens, for example {@code ws://127.0.0.1:40123/}. */
    URI uri();

    /**
     * The close status the next connection to end reported on the server's side (the client's
     * code and reason), or {@code null} if none ended within {@code timeout}.
     */
    CloseStatus awaitClose(Duration timeout) throws InterruptedException;

    /** Stops it and drops its connections. */
    @Override
    void close() throws IOException;

    /** Starts an echo server of one implementation on a free loopback port. */
    @FunctionalInterface
    interface Factory {
        EchoServerUnderTest start(EchoServerSpec spec) throws Exception;
    }
}

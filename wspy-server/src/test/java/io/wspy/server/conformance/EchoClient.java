package io.wspy.server.conformance;

import io.wspy.connection.ClientOptions;

import java.io.IOException;
import java.net.URI;

/**
 * A WebSocket client that {@link EchoClientRunner} drives through a fuzzing server's cases: the
 * blocking {@code Connection} ({@link EchoClientRunner#BLOCKING}), or another found through
 * {@link java.util.ServiceLoader} (wspy-client's tests provide the non-blocking one as
 * {@code async}).
 */
public interface EchoClient {
    /** The name that selects this client on {@link EchoClientRunner}'s command line. */
    String name();

    /** Connects to {@code uri}, echoes every message until the connection closes, and returns then. */
    void echoUntilClosed(URI uri, ClientOptions options) throws IOException;
}

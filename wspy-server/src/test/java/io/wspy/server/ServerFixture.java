package io.wspy.server;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * What a server test starts and opens, closed after each test: register it with
 * {@code @RegisterExtension}. Clients are closed first, then every server the test started is
 * stopped (a test that restarts a server leaves both to it).
 */
final class ServerFixture implements AfterEachCallback {
    /** The handler the tests' servers usually run. */
    final Recorder handler = new Recorder();
    private final List<AutoCloseable> opened = new ArrayList<>();
    private final List<WebSocketServer> servers = new ArrayList<>();

    /** Starts a server of {@code kind} with {@code handler} and keeps it for the teardown. */
    WebSocketServer start(ServerKind kind, WebSocketHandler handler, UnaryOperator<ServerConfig.Builder> options)
            throws Exception {
        return started(kind.start(handler, options));
    }

    /** Keeps a server the test started itself, for the teardown. */
    <S extends WebSocketServer> S started(S server) {
        servers.add(server);
        return server;
    }

    /** Keeps a client or socket for the teardown. */
    <C extends AutoCloseable> C closeAfter(C closeable) {
        opened.add(closeable);
        return closeable;
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        for (AutoCloseable c : opened) {
            c.close();
        }
        for (WebSocketServer s : servers) {
            s.stop();
        }
    }
}

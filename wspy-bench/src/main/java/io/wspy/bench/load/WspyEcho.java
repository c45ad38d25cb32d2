package io.wspy.bench.load;

import io.wspy.connection.Session;
import io.wspy.extensions.PerMessageDeflate;
import io.wspy.handshake.ServerHandshakeConfig;
import io.wspy.metrics.CountingMetrics;
import io.wspy.metrics.WebSocketMetrics;
import io.wspy.protocol.Message;
import io.wspy.protocol.ProtocolConfig;
import io.wspy.server.AsyncServer;
import io.wspy.server.Server;
import io.wspy.server.ServerConfig;
import io.wspy.server.WebSocketHandler;
import io.wspy.server.WebSocketServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * wspy's echo: {@link AsyncServer} (selector loops, one per processor) or {@link Server} (a thread
 * per connection, virtual on JDK 21+), defaults but for the message limit and room for the idle test.
 */
final class WspyEcho implements WebSocketHandler {
    private WspyEcho() {
    }

    /**
     * Starts the echo; {@code counted} counts every figure into a {@link CountingMetrics} (not timed).
     * The system property {@code wspy.bench.keepUpgradeRequest=false} (a {@code --server-jvm-arg})
     * measures {@link ServerConfig#keepUpgradeRequest()} off.
     */
    static void start(int port, boolean threaded, boolean counted) throws IOException {
        ProtocolConfig protocol = ServerConfig.defaults().options().protocol()
                .withMaxMessageSize(EchoServer.MAX_MESSAGE)
                .withMaxFrameSize(EchoServer.MAX_MESSAGE);
        ServerConfig config = ServerConfig.builder()
                .address(new InetSocketAddress("127.0.0.1", port))
                .maxConnections(20_000)
                .handshake(ServerHandshakeConfig.builder()
                        .extensions(List.of(PerMessageDeflate.builder().build()))
                        .build())
                .protocol(protocol)
                .metrics(counted ? CountingMetrics.create() : WebSocketMetrics.NONE)
                .keepUpgradeRequest(!"false".equals(System.getProperty("wspy.bench.keepUpgradeRequest")))
                .build();
        WebSocketServer server = threaded ? new Server(config, new WspyEcho()) : new AsyncServer(config, new WspyEcho());
        server.start();
    }

    @Override
    public void onMessage(Session client, Message message) {
        try {
            client.send(message);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

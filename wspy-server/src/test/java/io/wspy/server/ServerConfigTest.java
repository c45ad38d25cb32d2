package io.wspy.server;

import io.wspy.connection.ServerOptions;
import io.wspy.protocol.ProtocolConfig;
import io.wspy.ssl.ServerTls;
import io.wspy.server.testing.TestCertificates;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ServerConfigTest {
    @Test
    void defaultsAreSafe() {
        ServerConfig c = ServerConfig.defaults();
        assertEquals(8000, c.address().getPort());
        assertEquals(10_000, c.maxConnections());
        assertEquals(Duration.ofSeconds(30), c.options().protocol().pingInterval(), "dead peers are detected");
        assertEquals(Duration.ofSeconds(30), c.options().protocol().pongTimeout());
        assertEquals(ServerOptions.defaults().handshake(), c.options().handshake());
        assertEquals(4L << 20, c.maxQueuedBytes());
        assertEquals(SlowReaderPolicy.CLOSE, c.slowReaderPolicy());
        assertEquals(HandlerExecution.LOOP, c.handlerExecution());
        assertEquals(Runtime.getRuntime().availableProcessors(), c.selectorThreads());
        assertEquals(Duration.ZERO, c.idleTimeout());
        assertNull(c.handlerExecutor());
        assertNull(c.logLevel());
        assertNull(c.tls(), "plain TCP unless TLS is given");
    }

    @Test
    void builderSetsEveryOptionAndToBuilderKeepsThem() {
        ServerTls tls = TestCertificates.get().server();
        ServerConfig c = ServerConfig.builder()
                .address("127.0.0.1", 9000)
                .tls(tls)
                .backlog(10)
                .keepalive(Duration.ofSeconds(5), Duration.ofSeconds(2))
                .handshakeTimeout(Duration.ofSeconds(3))
                .maxConnections(7)
                .idleTimeout(Duration.ofMinutes(1))
                .selectorThreads(3)
                .handlerExecution(HandlerExecution.OFF_LOOP)
                .outboundQueue(1000, SlowReaderPolicy.BLOCK)
                .blockTimeout(Duration.ofSeconds(4))
                .maxPendingInboundBytes(2000)
                .messageAllocationBudget(3000)
                .shutdownTimeout(Duration.ofSeconds(6))
                .logLevel(System.Logger.Level.DEBUG)
                .build();
        ServerConfig copy = c.toBuilder().build();
        for (ServerConfig x : new ServerConfig[] {c, copy}) {
            assertEquals(new InetSocketAddress("127.0.0.1", 9000), x.address());
            assertEquals(10, x.backlog());
            assertEquals(Duration.ofSeconds(5), x.options().protocol().pingInterval());
            assertEquals(Duration.ofSeconds(3), x.options().handshakeTimeout());
            assertEquals(7, x.maxConnections());
            assertEquals(Duration.ofMinutes(1), x.idleTimeout());
            assertEquals(3, x.selectorThreads());
            assertEquals(HandlerExecution.OFF_LOOP, x.handlerExecution());
            assertEquals(1000, x.maxQueuedBytes());
            assertEquals(SlowReaderPolicy.BLOCK, x.slowReaderPolicy());
            assertEquals(Duration.ofSeconds(4), x.blockTimeout());
            assertEquals(2000, x.maxPendingInboundBytes());
            assertEquals(3000, x.messageAllocationBudget());
            assertEquals(Duration.ofSeconds(6), x.shutdownTimeout());
            assertEquals(System.Logger.Level.DEBUG, x.logLevel());
            assertSame(tls, x.tls());
        }
        assertNull(c.toBuilder().tls(null).build().tls());
    }

    @Test
    void protocolReplacesTheWholeProtocolConfig() {
        ProtocolConfig p = ProtocolConfig.defaults().withMaxMessageSize(10);
        assertSame(p, ServerConfig.builder().protocol(p).build().options().protocol());
    }

    @Test
    void badValuesAreRefused() {
        ServerConfig.Builder b = ServerConfig.builder();
        assertThrows(IllegalArgumentException.class, () -> b.maxConnections(0));
        assertThrows(IllegalArgumentException.class, () -> b.selectorThreads(0));
        assertThrows(IllegalArgumentException.class, () -> b.backlog(-1));
        assertThrows(IllegalArgumentException.class, () -> b.idleTimeout(Duration.ofSeconds(-1)));
        assertThrows(IllegalArgumentException.class, () -> b.outboundQueue(0, SlowReaderPolicy.FAIL));
        assertThrows(IllegalArgumentException.class, () -> b.outboundQueue(10, null));
        assertThrows(IllegalArgumentException.class, () -> b.maxPendingInboundBytes(0));
        assertThrows(IllegalArgumentException.class, () -> b.messageAllocationBudget(-1));
        assertThrows(IllegalArgumentException.class, () -> b.address(null));
        assertThrows(IllegalArgumentException.class, () -> b.options(null));
        assertThrows(IllegalArgumentException.class, () -> new Server(null));
    }

    @Test
    void serverStartsOnceAndStopIsIdempotent() throws Exception {
        Server server = new Server(ServerConfig.builder().address("127.0.0.1", 0).build());
        assertEquals(-1, server.port());
        server.start();
        assertThrows(IllegalStateException.class, server::start);
        server.stop();
        server.stop();
        assertEquals(false, server.isRunning());
    }

    @Test
    void bindFailureIsReported() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            for (WebSocketServer server : new WebSocketServer[] {
                    new Server(ServerConfig.builder().address("127.0.0.1", taken.getLocalPort()).build()),
                    new AsyncServer(ServerConfig.builder().address("127.0.0.1", taken.getLocalPort()).build())}) {
                assertThrows(java.net.BindException.class, server::start);
                assertEquals(false, server.isRunning());
                server.stop();
            }
        }
    }
}

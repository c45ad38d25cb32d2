package io.wspy.micrometer;

import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.wspy.connection.ClientOptions;
import io.wspy.connection.Connection;
import io.wspy.connection.HttpHandler;
import io.wspy.connection.WebSocket;
import io.wspy.handshake.HttpHeaders;
import io.wspy.handshake.HttpResponse;
import io.wspy.metrics.CountingMetrics;
import io.wspy.protocol.TextMessage;
import io.wspy.server.AsyncServer;
import io.wspy.server.ServerConfig;
import io.wspy.server.WebSocketHandler;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's Prometheus lines: the registry scraped from the server's own port. */
class PrometheusScrapeTest {
    @Test
    void theServerServesItsOwnScrape() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        CountingMetrics metrics = CountingMetrics.create();
        new WspyMetrics(metrics, Tags.of("server", "chat")).bindTo(registry);
        ServerConfig config = ServerConfig.builder().address(new InetSocketAddress("127.0.0.1", 0)).metrics(metrics)
                .jmx(false)
                .httpHandler(request -> request.target().equals("/metrics")
                        ? new HttpResponse("HTTP/1.1", 200, "OK", HttpHeaders.of("Content-Type", "text/plain; version=0.0.4"),
                                registry.scrape().getBytes(StandardCharsets.UTF_8))
                        : HttpHandler.UPGRADE_REQUIRED.handle(request))
                .build();
        AsyncServer server = new AsyncServer(config, new WebSocketHandler() { });
        server.start();
        try {
            URI uri = URI.create("ws://127.0.0.1:" + server.port() + "/");
            try (Connection client = new Connection(WebSocket.connect(uri, ClientOptions.defaults()))) {
                client.send(new TextMessage("counted"));
            }
            String scrape = get(server.port(), "/metrics");
            assertTrue(scrape.startsWith("HTTP/1.1 200"), scrape);
            assertTrue(scrape.contains("wspy_messages_total{direction=\"in\",opcode=\"TEXT\",server=\"chat\"} 1"), scrape);
            assertTrue(scrape.contains("wspy_connections_opened_total{server=\"chat\"} 1"), scrape);
            assertTrue(scrape.contains("wspy_payload_bytes_total{direction=\"in\",opcode=\"TEXT\",server=\"chat\"} 7"),
                    scrape);
            assertTrue(scrape.contains("wspy_connections_open{server=\"chat\"}"), scrape);
        } finally {
            server.stop();
        }
    }

    private static String get(int port, String path) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}

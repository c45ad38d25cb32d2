package io.wspy.client;

import io.wspy.connection.ClientOptions;
import io.wspy.connection.Session;
import io.wspy.protocol.Message;
import io.wspy.server.WebSocketHandler;
import io.wspy.server.conformance.EchoClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The non-blocking client as the conformance runner's echo client ({@code async}): one
 * {@link AsyncClient} per set of options, each case a connection that echoes until closed.
 */
public final class AsyncEchoClient implements EchoClient, AutoCloseable {
    private static final long CASE_SECONDS = 120;

    private final Map<ClientOptions, AsyncClient> clients = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return "async";
    }

    @Override
    public void echoUntilClosed(URI uri, ClientOptions options) throws IOException {
        AsyncClient client = clients.computeIfAbsent(options, o -> AsyncClient.builder().options(o).build());
        CompletableFuture<Void> closed = new CompletableFuture<>();
        CompletableFuture<Session> opened = client.connect(uri, new WebSocketHandler() {
            @Override
            public void onMessage(Session server, Message message) {
                try {
                    server.send(message);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public void onClose(Session server, int code, String reason) {
                closed.complete(null);
            }
        });
        try {
            opened.get(CASE_SECONDS, TimeUnit.SECONDS);
            closed.get(CASE_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException ? (IOException) e.getCause() : new IOException(e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("case at " + uri + " did not end in " + CASE_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    @Override
    public void close() {
        clients.values().forEach(AsyncClient::close);
    }
}

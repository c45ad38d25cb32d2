package io.wspy.server;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;

/** A {@code java.net.http.WebSocket} client that collects what it receives. */
final class JdkClient implements WebSocket.Listener {
    static final HttpClient HTTP = HttpClient.newHttpClient();

    final BlockingQueue<Object> messages = new LinkedBlockingQueue<>();
    final BlockingQueue<String> pongs = new LinkedBlockingQueue<>();
    final CompletableFuture<String> closed = new CompletableFuture<>();
    private final StringBuilder text = new StringBuilder();
    private java.io.ByteArrayOutputStream binary = new java.io.ByteArrayOutputStream();
    WebSocket socket;

    static JdkClient connect(URI uri, String... subprotocols) {
        JdkClient client = new JdkClient();
        WebSocket.Builder builder = HTTP.newWebSocketBuilder();
        if (subprotocols.length > 0) {
            builder.subprotocols(subprotocols[0], java.util.Arrays.copyOfRange(subprotocols, 1, subprotocols.length));
        }
        client.socket = builder.buildAsync(uri, client).join();
        return client;
    }

    static CompletableFuture<JdkClient> connectAsync(URI uri) {
        JdkClient client = new JdkClient();
        return HTTP.newWebSocketBuilder().buildAsync(uri, client).thenApply(ws -> {
            client.socket = ws;
            return client;
        });
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        text.append(data);
        if (last) {
            messages.add(text.toString());
            text.setLength(0);
        }
        ws.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
        byte[] b = new byte[data.remaining()];
        data.get(b);
        binary.writeBytes(b);
        if (last) {
            messages.add(binary.toByteArray());
            binary = new java.io.ByteArrayOutputStream();
        }
        ws.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onPong(WebSocket ws, ByteBuffer message) {
        byte[] b = new byte[message.remaining()];
        message.get(b);
        pongs.add(new String(b, java.nio.charset.StandardCharsets.UTF_8));
        ws.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
        closed.complete(statusCode + " " + reason);
        return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
        closed.completeExceptionally(error);
    }

    Object next() throws InterruptedException {
        return Recorder.next(messages);
    }

    String awaitClose() throws Exception {
        return closed.get(Recorder.WAIT_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
    }
}

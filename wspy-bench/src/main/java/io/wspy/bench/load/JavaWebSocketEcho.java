package io.wspy.bench.load;

import org.java_websocket.WebSocket;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.extensions.permessage_deflate.PerMessageDeflateExtension;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Java-WebSocket 1.6's echo: its {@link WebSocketServer} (a selector thread and one decoder thread
 * per processor), with permessage-deflate in its draft and TCP_NODELAY on.
 */
final class JavaWebSocketEcho extends WebSocketServer {
    private final CountDownLatch started = new CountDownLatch(1);

    private JavaWebSocketEcho(int port) {
        super(new InetSocketAddress("127.0.0.1", port), List.of(new Draft_6455(new PerMessageDeflateExtension())));
    }

    static void start(int port) throws InterruptedException {
        JavaWebSocketEcho server = new JavaWebSocketEcho(port);
        server.setTcpNoDelay(true);
        server.setReuseAddr(true);
        server.setMaxPendingConnections(1024);
        server.start();
        server.started.await();
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
        conn.send(message);
    }

    @Override
    public void onMessage(WebSocket conn, ByteBuffer message) {
        conn.send(message);
    }

    @Override
    public void onError(WebSocket conn, Exception ex) {
        if (conn == null) {
            ex.printStackTrace();
        }
    }

    @Override
    public void onStart() {
        started.countDown();
    }
}

package io.wspy.server.internal.threaded;

import io.wspy.connection.Connection;
import io.wspy.connection.WebSocket;
import io.wspy.protocol.Message;
import io.wspy.server.internal.ServerContext;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.function.BooleanSupplier;

/**
 * A client of the threaded server: a blocking {@link Connection} whose events go to the server's
 * handler, run by the client's own thread. Tracks when the client was last heard from, for the
 * idle timeout.
 */
public final class ThreadedClient extends Connection {
    private final ServerContext context;
    private final BooleanSupplier serverStopping;
    private volatile long lastHeard = System.nanoTime();
    private volatile boolean idleClosing;

    /** Takes over an upgraded socket. */
    public ThreadedClient(WebSocket webSocket, ServerContext context, BooleanSupplier serverStopping)
            throws IOException {
        super(webSocket);
        this.context = context;
        this.serverStopping = serverStopping;
    }

    /** Nanoseconds since anything arrived from the client. */
    long silentFor(long now) {
        return now - lastHeard;
    }

    /** Claims the idle close; true only the first time. */
    synchronized boolean claimIdleClose() {
        if (idleClosing) {
            return false;
        }
        idleClosing = true;
        return true;
    }

    @Override
    protected void onOpen() {
        context.opened(this);
        if (serverStopping.getAsBoolean()) {
            // Joined while the server was closing its clients: close like them.
            try {
                close(io.wspy.frame.CloseCode.GOING_AWAY, ServerContext.SHUTDOWN_REASON);
            } catch (IOException ignored) {
                // The connection is going anyway.
            }
        }
    }

    @Override
    protected void onMessage(Message message) {
        context.message(this, message);
    }

    @Override
    protected void onMessageStart(int opcode) {
        lastHeard = System.nanoTime();
        super.onMessageStart(opcode);
    }

    @Override
    protected void onMessageData(ByteBuffer data) {
        lastHeard = System.nanoTime();
        super.onMessageData(data);
    }

    @Override
    protected void onPing(byte[] payload) {
        lastHeard = System.nanoTime();
        context.ping(this, payload);
    }

    @Override
    protected void onPong(byte[] payload) {
        lastHeard = System.nanoTime();
        context.pong(this, payload);
    }

    @Override
    protected void onError(Throwable error) {
        context.error(this, error);
    }

    @Override
    protected void onClose(int code, String reason) {
        context.closed(this, code, reason);
    }

    @Override
    public String toString() {
        return "Client[" + remoteAddress() + "]";
    }
}

package io.wspy.connection.internal;

import io.wspy.connection.WebSocket;

import java.nio.ByteBuffer;
import java.util.function.Function;

/**
 * Lets wspy's own drivers take over a handshaken {@link WebSocket}, as {@code Connection} does,
 * without making the takeover public API: {@code WebSocket} registers it when its class is
 * initialized.
 */
public final class Takeover {
    private static volatile Function<WebSocket, ByteBuffer> detach;

    private Takeover() {
    }

    /** Called once, by {@code WebSocket}. */
    public static void register(Function<WebSocket, ByteBuffer> detacher) {
        if (detach != null) {
            throw new IllegalStateException("the takeover is registered once");
        }
        detach = detacher;
    }

    /**
     * Takes the socket over: returns the bytes received with the handshake and not decoded yet
     * (or {@code null}); the endpoint can no longer send or receive.
     */
    public static ByteBuffer detach(WebSocket webSocket) {
        return detach.apply(webSocket);
    }
}

package io.wspy.server;

/** Where {@link AsyncServer} runs the {@link WebSocketHandler} events. */
public enum HandlerExecution {
    /**
     * On the selector loop that reads the client (the default, and the fastest): an event must not
     * block or take long, as the loop's other clients wait meanwhile.
     */
    LOOP,
    /**
     * Off the loops, on an executor (virtual threads where the JDK has them), one event at a time
     * per client and in order: a slow or blocking event delays only its own client. While a
     * client's events fall behind by more than {@link ServerConfig#maxPendingInboundBytes()}, the
     * server stops reading from it, so TCP slows the client down.
     */
    OFF_LOOP
}

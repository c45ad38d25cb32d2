package io.wspy.server;

/** Where {@link AsyncServer} runs the {@link WebSocketHandler} events. */
public enum HandlerExecution {
    /**
     * On the selector loop that reads the client (the default, and the fastest): an event must not
     * block or take long, as the loop's other clients wait meanwhile. The handshake's decisions
     * run there too: the checks of the upgrade request and the authenticator with its
     * {@link io.wspy.handshake.PasswordLookup}, and the {@link io.wspy.connection.HttpHandler}
     * of plain HTTP requests, so they must not block either.
     */
    LOOP,
    /**
     * Off the loops, on an executor (virtual threads where the JDK has them), one event at a time
     * per client and in order: a slow or blocking event delays only its own client. While a
     * client's events fall behind by more than {@link ServerConfig#maxPendingInboundBytes()}, the
     * server stops reading from it, so TCP slows the client down. The handshake's decisions that
     * may block (the authenticator with its {@link io.wspy.handshake.PasswordLookup}, the
     * {@link io.wspy.connection.HttpHandler}) run on the executor too; the loop only reads the
     * request and writes the answer.
     */
    OFF_LOOP
}

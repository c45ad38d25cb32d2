package io.wspy.server.internal.nio;

import io.wspy.connection.ServerOptions;
import io.wspy.server.ServerConfig;
import io.wspy.server.internal.ServerContext;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.util.concurrent.Executor;

/**
 * What a {@link NioConnection} needs from whoever owns its loop, the server's {@link NioEngine}
 * or the non-blocking client's {@link NioClientEngine}: the events' receiver, the limits, where
 * handler events run, how its channel's byte stream opens and how its opening stage reads.
 */
interface LoopHost {
    /** Receives the session's events. */
    ServerContext context();

    /** Outbound queue, inbound backlog and sent reporting. */
    ServerConfig config();

    /** Protocol limits and timings, the handshake timeout. */
    ServerOptions options();

    /** How long a session may stay silent; 0 for ever. */
    long idleMillis();

    /** The executor of handler events, or {@code null} if they run on the loops. */
    Executor handlerExecutor();

    /** Whether the calling thread is one of the host's selector loops, which must never wait. */
    boolean onSelectorThread();

    /** Opens the byte stream of the channel: plain TCP, or TLS. */
    ChannelIO open(SocketChannel channel, Runnable wakeUp) throws IOException;

    /** The stage that reads the connection's handshake. */
    OpeningStage openingStage(NioConnection connection, SelectorLoop loop, boolean overLimit);

    /** A connection of this host is closed. */
    void connectionGone(boolean overLimit);
}

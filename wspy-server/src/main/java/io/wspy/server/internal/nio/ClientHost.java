package io.wspy.server.internal.nio;

import io.wspy.connection.ServerOptions;
import io.wspy.server.ServerConfig;
import io.wspy.server.internal.ServerContext;
import io.wspy.ssl.ClientTls;
import io.wspy.ssl.internal.TlsChannel;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.Executor;

/**
 * The {@link LoopHost} of one client connection: the client engine's settings, this connection's
 * event receiver and its opening stage, which writes the upgrade request and reads the answer.
 */
final class ClientHost implements LoopHost {
    private final NioClientEngine engine;
    private final ClientStage.Start start;
    private ClientStage stage;

    ClientHost(NioClientEngine engine, ClientStage.Start start) {
        this.engine = engine;
        this.start = start;
    }

    ClientStage stage() {
        return stage;
    }

    @Override
    public ServerContext context() {
        return start.events();
    }

    @Override
    public ServerConfig config() {
        return engine.config();
    }

    @Override
    public ServerOptions options() {
        return engine.options();
    }

    @Override
    public long idleMillis() {
        return 0;
    }

    @Override
    public Executor handlerExecutor() {
        return engine.handlerExecutor();
    }

    @Override
    public boolean onSelectorThread() {
        return engine.onSelectorThread();
    }

    @Override
    public ChannelIO open(SocketChannel channel, Runnable wakeUp) throws IOException {
        if (!start.handshake().secure()) {
            return new PlainChannelIO(channel);
        }
        SSLContext context = engine.clientOptions().sslContext();
        if (context == null) {
            try {
                context = SSLContext.getDefault();
            } catch (NoSuchAlgorithmException e) {
                throw new IOException("no default TLS context", e);
            }
        }
        // Naming the host turns on SNI; the endpoint identification algorithm checks the certificate's name.
        return new TlsChannelIO(channel, new TlsChannel(channel,
                ClientTls.of(context).newEngine(start.handshake().host(), start.handshake().port()),
                engine.tlsTasks(), wakeUp));
    }

    @Override
    public OpeningStage openingStage(NioConnection connection, SelectorLoop loop, boolean overLimit) {
        stage = new ClientStage(connection, start);
        return stage;
    }

    @Override
    public void connectionGone(boolean overLimit) {
        engine.connectionGone();
    }
}

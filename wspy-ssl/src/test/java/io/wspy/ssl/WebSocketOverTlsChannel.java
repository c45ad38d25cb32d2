package io.wspy.ssl;

import io.wspy.ssl.internal.TlsChannel;
import io.wspy.frame.CloseStatus;
import io.wspy.frame.Role;
import io.wspy.handshake.ServerHandshake;
import io.wspy.handshake.ServerHandshakeConfig;
import io.wspy.protocol.MessageAssembler;
import io.wspy.protocol.ProtocolConfig;
import io.wspy.protocol.ProtocolListener;
import io.wspy.protocol.ProtocolTimer;
import io.wspy.protocol.Transport;
import io.wspy.protocol.WebSocketProtocol;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A WebSocket echo connection of a {@link SelectorTlsServer}: the Sans-I/O {@link ServerHandshake}
 * and {@link WebSocketProtocol} fed with what the {@link TlsChannel} reads, writing through the
 * loop. A small model of what AsyncServer does over TLS. Everything runs on the loop thread:
 * timers fire into the loop, and messages are echoed while they are received.
 */
final class WebSocketOverTlsChannel implements SelectorTlsServer.Handler, Transport {
    /** What every connection of one server shares. */
    static final class Shared {
        final ServerHandshakeConfig handshake;
        final ProtocolConfig protocol;
        final ScheduledExecutorService timers;
        final LinkedBlockingQueue<String> closes = new LinkedBlockingQueue<>();
        final List<Integer> chunkSizes = new CopyOnWriteArrayList<>();

        Shared(ServerHandshakeConfig handshake, ProtocolConfig protocol, ScheduledExecutorService timers) {
            this.handshake = handshake;
            this.protocol = protocol;
            this.timers = timers;
        }

        String nextClose() throws InterruptedException {
            String close = closes.poll(20, TimeUnit.SECONDS);
            if (close == null) {
                throw new AssertionError("no connection closed within 20 s");
            }
            return close;
        }
    }

    private final SelectorTlsServer server;
    private final SelectorTlsServer.Conn conn;
    private final Shared shared;
    private final ServerHandshake handshake;
    private final Map<ProtocolTimer, ScheduledFuture<?>> timers = new EnumMap<>(ProtocolTimer.class);
    private WebSocketProtocol protocol;

    WebSocketOverTlsChannel(SelectorTlsServer.Conn conn, Shared shared) {
        this.server = conn.server();
        this.conn = conn;
        this.shared = shared;
        this.handshake = new ServerHandshake(shared.handshake);
    }

    @Override
    public void onData(SelectorTlsServer.Conn c, ByteBuffer data) {
        shared.chunkSizes.add(data.remaining());
        if (protocol != null) {
            protocol.receive(data);
            return;
        }
        ServerHandshake.Outcome outcome = handshake.receive(data);
        if (outcome instanceof ServerHandshake.Accepted) {
            ServerHandshake.Accepted accepted = (ServerHandshake.Accepted) outcome;
            conn.send(ByteBuffer.wrap(accepted.response().toBytes()));
            protocol = new WebSocketProtocol(Role.SERVER, shared.protocol, accepted.extensions(), this, new Echo());
            protocol.start();
            if (data.hasRemaining()) {
                protocol.receive(data);
            }
        } else if (outcome instanceof ServerHandshake.Rejected) {
            conn.send(ByteBuffer.wrap(((ServerHandshake.Rejected) outcome).response().toBytes()));
            conn.shutdown();
        } else if (outcome instanceof ServerHandshake.NotUpgrade) {
            conn.send(ByteBuffer.wrap(((ServerHandshake.NotUpgrade) outcome).upgradeRequired().toBytes()));
            conn.shutdown();
        }
    }

    @Override
    public void onClosed(SelectorTlsServer.Conn c, IOException error) {
        if (protocol != null) {
            protocol.transportClosed();
        }
    }

    // ---------------------------------------------------------------- Transport, on the loop thread

    @Override
    public void write(ByteBuffer data) {
        conn.send(data);
    }

    @Override
    public void flush() {
        // The loop writes what is queued once the current event is handled.
    }

    @Override
    public void close() {
        conn.shutdown();
    }

    @Override
    public void abort() {
        conn.close(null);
    }

    @Override
    public void schedule(ProtocolTimer timer, long delayMillis) {
        cancel(timer);
        timers.put(timer, shared.timers.schedule(() -> server.execute(() -> protocol.onTimer(timer)),
                delayMillis, TimeUnit.MILLISECONDS));
    }

    @Override
    public void cancel(ProtocolTimer timer) {
        ScheduledFuture<?> running = timers.remove(timer);
        if (running != null) {
            running.cancel(false);
        }
    }

    /** Echoes each whole message and records how the connection closed. */
    private final class Echo implements ProtocolListener {
        private final MessageAssembler assembler = new MessageAssembler(message -> {
            try {
                protocol.send(message);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });

        @Override
        public void onMessageStart(int opcode) {
            assembler.start(opcode);
        }

        @Override
        public void onMessageData(ByteBuffer data) {
            assembler.data(data);
        }

        @Override
        public void onMessageEnd() {
            assembler.end();
        }

        @Override
        public void onClose(CloseStatus status) {
            shared.closes.add(status.code() + " " + status.reason());
        }
    }
}

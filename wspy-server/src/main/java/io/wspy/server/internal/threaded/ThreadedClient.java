package io.wspy.server.internal.threaded;

import io.wspy.connection.WebSocket;
import io.wspy.connection.internal.BlockingReader;
import io.wspy.connection.internal.SocketTransport;
import io.wspy.connection.internal.Takeover;
import io.wspy.frame.Role;
import io.wspy.protocol.Message;
import io.wspy.protocol.WebSocketProtocol;
import io.wspy.server.internal.ClientLink;
import io.wspy.server.internal.ClientSession;
import io.wspy.server.internal.ServerContext;
import io.wspy.server.internal.Threads;

import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;

/**
 * The blocking driver of one client of the threaded server: the client's own thread reads its
 * socket and feeds the protocol, and so runs the handler's events. The client's
 * {@link ClientSession} holds what handlers see; this class only moves its bytes.
 */
final class ThreadedClient implements ClientLink {
    /** Not the upgraded {@link WebSocket}: an idle client keeps neither its parsed request nor its decoder. */
    private final Socket socket;
    private final SocketTransport transport;
    private final WebSocketProtocol protocol;
    private final ClientSession session;
    private final BlockingReader reader;

    /** Takes over an upgraded socket. */
    ThreadedClient(WebSocket webSocket, ServerContext context) throws IOException {
        this.socket = webSocket.socket();
        ByteBuffer pendingInput = Takeover.detach(webSocket);
        this.transport = new SocketTransport(socket, webSocket.config().closeTimeout().toMillis());
        this.session = new ClientSession(context, this, new ClientSession.Accepted(webSocket.request(),
                webSocket.user(), webSocket.subprotocol(), webSocket.extensionChain(), webSocket.upgradeAttachment()),
                null, nowMillis());
        this.protocol = new WebSocketProtocol(Role.SERVER, webSocket.config(), webSocket.extensionChain(), transport,
                session);
        // The reading thread is always there to see the socket close: a hard close needs no report of its own.
        transport.bind(protocol, () -> { });
        this.reader = new BlockingReader(socket, pendingInput, transport, protocol,
                () -> session.inputArrived(nowMillis()), session::eventFailed, Threads.virtual());
    }

    /** The monotonic clock of the idle rule, in milliseconds. */
    static long nowMillis() {
        return System.nanoTime() / 1_000_000;
    }

    ClientSession session() {
        return session;
    }

    /** On the client's thread: {@code onOpen}, then reads and handles events until the close is reported. */
    void run() {
        session.open(protocol);
        while (protocol.state() != WebSocketProtocol.State.CLOSED) {
            reader.readOnce(this::stillOpen);
        }
    }

    private boolean stillOpen() {
        return protocol.state() != WebSocketProtocol.State.CLOSED;
    }

    /** The client's thread ends: reports the close (1006) if the socket went without one. */
    void ended() {
        transport.closeSocket();
        protocol.transportClosed();
    }

    @Override
    public boolean admit() {
        return true;
    }

    @Override
    public void markSent(Message message) {
        // Sends return once written: there is nothing left to report.
    }

    @Override
    public long bufferedAmount() {
        return 0;
    }

    @Override
    public void abort() {
        transport.abort();
    }

    @Override
    public void pauseReading() {
        // Events run on the reading thread itself: reading waits for them anyway.
    }

    @Override
    public void resumeReading() {
        // See pauseReading.
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return (InetSocketAddress) socket.getRemoteSocketAddress();
    }

    @Override
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    @Override
    public boolean isSecure() {
        return socket instanceof SSLSocket;
    }

    @Override
    public SSLSession sslSession() {
        return socket instanceof SSLSocket tls ? tls.getSession() : null;
    }

    @Override
    public String toString() {
        return session.toString();
    }
}

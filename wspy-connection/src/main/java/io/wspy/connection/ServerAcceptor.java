package io.wspy.connection;

import io.wspy.connection.internal.TimerService;
import io.wspy.frame.Role;
import io.wspy.handshake.HandshakeException;
import io.wspy.handshake.HttpResponse;
import io.wspy.handshake.ServerHandshake;
import io.wspy.metrics.internal.UpgradeReport;

import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/** Runs the server side of the opening handshake over a blocking socket. */
final class ServerAcceptor {
    private ServerAcceptor() {
    }

    static WebSocket upgrade(Socket socket, ServerOptions options) throws IOException {
        // A TLS handshake runs inside the first read, where the read timeout bounds each packet but
        // not the whole handshake: a peer trickling bytes would outlast the deadline. A watchdog
        // closes the socket when the deadline passes.
        AtomicBoolean settled = new AtomicBoolean();
        ScheduledFuture<?> watchdog = socket instanceof SSLSocket ? TimerService.schedule(() -> {
            if (settled.compareAndSet(false, true)) {
                closeQuietly(socket);
            }
        }, options.handshakeTimeout().toMillis()) : null;
        try {
            WebSocket accepted = handshake(socket, options);
            if (!settled.compareAndSet(false, true)) {
                accepted.close();
                throw failed(new SocketTimeoutException("handshake timed out"), socket, options);
            }
            return accepted;
        } catch (HandshakeException e) {
            throw e;
        } catch (IOException e) {
            if (watchdog != null && !settled.compareAndSet(false, true)) {
                throw failed(new SocketTimeoutException("handshake timed out"), socket, options);
            }
            throw failed(e, socket, options);
        } finally {
            if (watchdog != null) {
                watchdog.cancel(false);
            }
        }
    }

    /** Reports a handshake that timed out or whose TLS failed; returns {@code error}. */
    private static IOException failed(IOException error, Socket socket, ServerOptions options) {
        UpgradeReport.failedIfKnown(options.protocol().metrics(), error, socket.getRemoteSocketAddress());
        return error;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // The handshake's reader fails on the closed socket; that is the point.
        }
    }

    private static WebSocket handshake(Socket socket, ServerOptions options) throws IOException {
        try {
            socket.setTcpNoDelay(true);
            HandshakeReader reader = new HandshakeReader(socket, options.handshakeTimeout());
            ServerHandshake handshake = new ServerHandshake(options.handshake());
            while (true) {
                ByteBuffer in = reader.read();
                ServerHandshake.Outcome outcome = handshake.receive(in,
                        (InetSocketAddress) socket.getRemoteSocketAddress(),
                        socket instanceof SSLSocket ? ((SSLSocket) socket).getSession() : null);
                if (outcome instanceof ServerHandshake.Accepted) {
                    ServerHandshake.Accepted a = (ServerHandshake.Accepted) outcome;
                    write(socket, a.response());
                    return new WebSocket(socket, Role.SERVER, options.protocol(), new WebSocket.Handshaken(
                            a.request(), a.response(), a.subprotocol(), a.extensions(), a.user(), a.attachment(),
                            HandshakeReader.finish(socket, in)));
                }
                if (outcome instanceof ServerHandshake.Rejected) {
                    ServerHandshake.Rejected r = (ServerHandshake.Rejected) outcome;
                    UpgradeReport.refused(options.protocol().metrics(), r.reason().status(), r.reason().getMessage(),
                            socket.getRemoteSocketAddress());
                    write(socket, r.response());
                    throw r.reason();
                }
                if (outcome instanceof ServerHandshake.NotUpgrade) {
                    ServerHandshake.NotUpgrade plain = (ServerHandshake.NotUpgrade) outcome;
                    HttpResponse response = options.httpHandler().handle(plain.request());
                    write(socket, response);
                    throw new HandshakeException(response.status(), "plain HTTP request answered: "
                            + plain.request().method() + " " + plain.request().target());
                }
            }
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private static void write(Socket socket, HttpResponse response) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(response.toBytes());
        out.flush();
    }
}

package io.wspy.connection;

import io.wspy.frame.Role;
import io.wspy.handshake.HandshakeException;
import io.wspy.handshake.HttpResponse;
import io.wspy.handshake.ServerHandshake;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;

/** Runs the server side of the opening handshake over a blocking socket. */
final class ServerAcceptor {
    private ServerAcceptor() {
    }

    static WebSocket upgrade(Socket socket, ServerOptions options) throws IOException {
        try {
            socket.setTcpNoDelay(true);
            HandshakeReader reader = new HandshakeReader(socket, options.handshakeTimeout());
            ServerHandshake handshake = new ServerHandshake(options.handshake());
            while (true) {
                ByteBuffer in = reader.read();
                ServerHandshake.Outcome outcome = handshake.receive(in);
                if (outcome instanceof ServerHandshake.Accepted) {
                    ServerHandshake.Accepted a = (ServerHandshake.Accepted) outcome;
                    write(socket, a.response());
                    return new WebSocket(socket, Role.SERVER, options.protocol(), new WebSocket.Handshaken(
                            a.request(), a.response(), a.subprotocol(), a.extensions(), a.user(),
                            HandshakeReader.finish(socket, in)));
                }
                if (outcome instanceof ServerHandshake.Rejected) {
                    ServerHandshake.Rejected r = (ServerHandshake.Rejected) outcome;
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

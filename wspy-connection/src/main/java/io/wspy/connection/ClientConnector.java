package io.wspy.connection;

import io.wspy.connection.internal.ClientRoute;
import io.wspy.frame.Role;
import io.wspy.handshake.ClientHandshake;
import io.wspy.handshake.HandshakeException;
import io.wspy.metrics.internal.UpgradeReport;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.security.NoSuchAlgorithmException;

/**
 * Runs the client side of the opening handshake over blocking sockets: TCP (through a proxy if
 * set), TLS for {@code wss://}, then request and response, reconnecting for redirects and
 * authentication challenges as the Sans-I/O {@link ClientHandshake} directs.
 */
final class ClientConnector {
    private static final String[] TLS_VERSIONS = {"TLSv1.3", "TLSv1.2"};

    private final ClientOptions options;

    ClientConnector(ClientOptions options) {
        this.options = options;
    }

    WebSocket connect(URI uri) throws IOException {
        return run(ClientHandshake.start(uri, options.handshake()), null);
    }

    /** A {@code wss://} URI on a plain socket gets TLS first: the URI says the connection is secure. */
    WebSocket upgrade(Socket socket, URI uri) throws IOException {
        ClientHandshake handshake = ClientHandshake.start(uri, options.handshake());
        Socket given = socket;
        if (handshake.secure() && !(socket instanceof SSLSocket)) {
            try {
                given = tls(socket, handshake, (int) options.connectTimeout().toMillis());
            } catch (IOException | RuntimeException e) {
                socket.close();
                throw e;
            }
        }
        return run(handshake, given);
    }

    private WebSocket run(ClientHandshake handshake, Socket given) throws IOException {
        Socket socket = given;
        boolean requestSent = false;
        try {
            while (true) {
                if (socket == null) {
                    socket = open(handshake);
                }
                socket.setTcpNoDelay(true);
                OutputStream out = socket.getOutputStream();
                out.write(handshake.request().toBytes());
                out.flush();
                requestSent = true;
                HandshakeReader reader = new HandshakeReader(socket, options.handshakeTimeout());
                ClientHandshake.Outcome outcome = null;
                ByteBuffer in = null;
                while (outcome == null) {
                    in = reader.read();
                    outcome = handshake.receive(in);
                }
                if (outcome instanceof ClientHandshake.Accepted) {
                    ClientHandshake.Accepted a = (ClientHandshake.Accepted) outcome;
                    return new WebSocket(socket, Role.CLIENT, options.protocol(), new WebSocket.Handshaken(
                            handshake.request(), a.response(), a.subprotocol(), a.extensions(), null, null,
                            HandshakeReader.finish(socket, in)));
                }
                if (outcome instanceof ClientHandshake.Redirect) {
                    handshake = ((ClientHandshake.Redirect) outcome).next();
                    socket = reconnect(socket, given);
                } else {
                    ClientHandshake.AuthenticationRequired challenge = (ClientHandshake.AuthenticationRequired) outcome;
                    handshake = challenge.next();
                    if (!challenge.sameConnection()) {
                        socket = reconnect(socket, given);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            if (socket != null) {
                socket.close();
            }
            UpgradeReport.clientFailed(options.protocol().metrics(), e, requestSent, handshake.uri());
            throw e;
        }
    }

    /** A socket the caller handed in cannot be replaced: following a redirect needs a new one. */
    private static Socket reconnect(Socket socket, Socket given) throws IOException {
        socket.close();
        if (given != null) {
            throw new HandshakeException(0, "the server asked to reconnect, which an upgraded socket cannot do");
        }
        return null;
    }

    private Socket open(ClientHandshake handshake) throws IOException {
        int timeout = (int) options.connectTimeout().toMillis();
        Socket socket = new Socket();
        try {
            ClientRoute.connect(socket, handshake.uri(), options);
            return handshake.secure() ? tls(socket, handshake, timeout) : socket;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private SSLSocket tls(Socket socket, ClientHandshake handshake, int timeout) throws IOException {
        SSLContext context = options.sslContext();
        if (context == null) {
            try {
                context = SSLContext.getDefault();
            } catch (NoSuchAlgorithmException e) {
                throw new IOException("no default TLS context", e);
            }
        }
        // Naming the host turns on SNI; the endpoint identification algorithm checks the certificate's name.
        SSLSocket tls = (SSLSocket) context.getSocketFactory()
                .createSocket(socket, handshake.host(), handshake.port(), true);
        SSLParameters parameters = tls.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        parameters.setProtocols(TLS_VERSIONS);
        tls.setSSLParameters(parameters);
        tls.setSoTimeout(timeout);
        tls.startHandshake();
        return tls;
    }
}

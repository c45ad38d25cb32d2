package io.wspy.connection.internal;

import io.wspy.connection.ClientOptions;
import io.wspy.handshake.HandshakeException;
import io.wspy.handshake.ProxyConnect;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * The TCP leg of a client connection, shared by the blocking and the non-blocking client: which
 * HTTP proxy to go through (the one in {@link ClientOptions}, else what the JDK's
 * {@link ProxySelector} picks, so the {@code http(s).proxyHost} system properties work), the
 * connect within the connect timeout, and the proxy's {@code CONNECT} tunnel. Blocking; the
 * non-blocking client runs it on its connecting threads, which also keeps name resolution off
 * its loops. Errors name the address tried and the URI (without its credentials).
 */
public final class ClientRoute {
    private static final int CHUNK = 1024;

    private ClientRoute() {
    }

    /** Connects {@code socket} to the host of the {@code ws(s)://} {@code uri}, tunnelling through a proxy if one applies. */
    public static void connect(Socket socket, URI uri, ClientOptions options) throws IOException {
        String host = host(uri);
        int port = uri.getPort() >= 0 ? uri.getPort() : uri.getScheme().equalsIgnoreCase("wss") ? 443 : 80;
        InetSocketAddress proxy = proxyFor(uri, options);
        int timeout = (int) options.connectTimeout().toMillis();
        InetSocketAddress target = proxy != null ? proxy : new InetSocketAddress(host, port);
        String via = proxy != null ? " through the proxy " + proxy.getHostString() + ":" + proxy.getPort() : "";
        if (target.isUnresolved()) {
            throw new UnknownHostException("cannot resolve " + target.getHostString() + via + " ("
                    + SocketErrors.shown(uri) + ")");
        }
        try {
            socket.connect(target, timeout);
        } catch (IOException e) {
            throw SocketErrors.named(e, "connecting to " + host + ":" + port + via + " failed (" + SocketErrors.shown(uri) + ")");
        }
        if (proxy != null) {
            tunnel(socket, uri, host, port, options);
        }
    }

    private static String host(URI uri) {
        String host = uri.getHost();
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }

    /** The options' proxy, else the first HTTP proxy the default {@link ProxySelector} gives, or {@code null}. */
    static InetSocketAddress proxyFor(URI uri, ClientOptions options) {
        if (options.proxy() != null) {
            return options.proxy();
        }
        ProxySelector selector = ProxySelector.getDefault();
        if (selector == null) {
            return null;
        }
        // The selector knows http and https, whose system properties map to ws and wss.
        URI asHttp = URI.create((uri.getScheme().equalsIgnoreCase("wss") ? "https" : "http") + "://"
                + uri.getRawAuthority() + "/");
        List<Proxy> proxies = selector.select(asHttp);
        for (Proxy p : proxies) {
            if (p.type() == Proxy.Type.HTTP && p.address() instanceof InetSocketAddress) {
                InetSocketAddress a = (InetSocketAddress) p.address();
                // Resolved here, on the connecting thread, never on a loop.
                return a.isUnresolved() ? new InetSocketAddress(a.getHostString(), a.getPort()) : a;
            }
        }
        return null;
    }

    private static void tunnel(Socket socket, URI uri, String host, int port, ClientOptions options)
            throws IOException {
        ProxyConnect connect = new ProxyConnect(host, port, options.proxyCredentials(), options.handshake().limits());
        OutputStream out = socket.getOutputStream();
        out.write(connect.request().toBytes());
        out.flush();
        InputStream in = socket.getInputStream();
        long deadline = System.nanoTime() + options.handshakeTimeout().toNanos();
        byte[] buffer = new byte[CHUNK];
        try {
            while (true) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    throw new SocketTimeoutException("the proxy did not answer CONNECT in time");
                }
                socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
                // One byte at a time past the head would be slow; a proxy sends nothing after its answer until used.
                int n = in.read(buffer);
                if (n < 0) {
                    throw new EOFException("the proxy closed the connection before answering CONNECT");
                }
                ByteBuffer read = ByteBuffer.wrap(buffer, 0, n);
                if (connect.receive(read) != null) {
                    if (read.hasRemaining()) {
                        throw new HandshakeException(0, "the proxy sent data before the tunnel was used");
                    }
                    socket.setSoTimeout(0);
                    return;
                }
            }
        } catch (HandshakeException e) {
            throw new HandshakeException(e.status(), e.getMessage() + " (CONNECT " + host + ":" + port + " for "
                    + SocketErrors.shown(uri) + ")", e.response(), e);
        } catch (IOException e) {
            throw SocketErrors.named(e, "tunnelling to " + host + ":" + port + " failed (" + SocketErrors.shown(uri) + ")");
        }
    }
}

package io.wspy.client;

import io.wspy.handshake.WebSocketKey;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/** A loopback peer that behaves as a test says, a thread per connection: redirects, proxies, misbehaving servers. */
final class RawPeer implements AutoCloseable {
    /** What the peer does with one accepted connection. */
    interface Behaviour {
        void run(Socket socket) throws Exception;
    }

    private final ServerSocket listener;
    private final Thread acceptor;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();

    RawPeer(Behaviour behaviour) throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(() -> {
            while (!listener.isClosed()) {
                try {
                    Socket s = listener.accept();
                    accepted.add(s);
                    Thread t = new Thread(() -> {
                        try (s) {
                            behaviour.run(s);
                        } catch (Exception ignored) {
                            // The test looks at what the client saw.
                        }
                    }, "raw-peer-conn");
                    t.setDaemon(true);
                    t.start();
                } catch (IOException e) {
                    return;
                }
            }
        }, "raw-peer");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Reads an HTTP request or response head, through the blank line. */
    static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed before the end of the head");
            }
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    static String header(String head, String name) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    /** Reads the upgrade request and accepts it with a 101. */
    static void accept(Socket socket) throws IOException {
        accept(socket, null);
    }

    /** Reads the upgrade request and accepts it with a 101 agreeing to {@code extensions} (if not null). */
    static void accept(Socket socket, String extensions) throws IOException {
        String head = readHead(socket.getInputStream());
        String key = header(head, "Sec-WebSocket-Key");
        write(socket, "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + WebSocketKey.accept(key) + "\r\n"
                + (extensions == null ? "" : "Sec-WebSocket-Extensions: " + extensions + "\r\n") + "\r\n");
    }

    static void write(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /**
     * A CONNECT proxy: answers 200 (checking the credentials if any are expected), pipes both ways,
     * and adds each tunnel's target ({@code host:port}) to {@code targets}; or refuses every
     * request with {@code refuseWith} if it is not 0.
     */
    static RawPeer connectProxy(String expectedAuthorization, int refuseWith, Collection<String> targets)
            throws IOException {
        return new RawPeer(s -> {
            String head = readHead(s.getInputStream());
            String auth = header(head, "Proxy-Authorization");
            if (refuseWith != 0) {
                write(s, "HTTP/1.1 " + refuseWith + " No\r\nContent-Length: 0\r\n\r\n");
                return;
            }
            if (expectedAuthorization != null && !expectedAuthorization.equals(auth)) {
                write(s, "HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 0\r\n\r\n");
                return;
            }
            String target = head.split(" ")[1];
            targets.add(target);
            int colon = target.lastIndexOf(':');
            try (Socket upstream = new Socket(target.substring(0, colon), Integer.parseInt(target.substring(colon + 1)))) {
                write(s, "HTTP/1.1 200 Connection established\r\n\r\n");
                Thread back = new Thread(() -> pipe(upstream, s), "raw-peer-pipe");
                back.setDaemon(true);
                back.start();
                pipe(s, upstream);
                back.join(5000);
            }
        });
    }

    private static void pipe(Socket from, Socket to) {
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            byte[] buffer = new byte[8192];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                out.write(buffer, 0, n);
                out.flush();
            }
            to.shutdownOutput();
        } catch (IOException ignored) {
            // One side closed.
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket s : accepted) {
            s.close();
        }
    }
}

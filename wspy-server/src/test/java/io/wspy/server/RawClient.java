package io.wspy.server;

import io.wspy.frame.Frame;
import io.wspy.frame.FrameEncoder;
import io.wspy.frame.FrameReader;
import io.wspy.frame.Role;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** A client on a plain socket, for sending exactly the bytes a test needs, broken ones included. */
final class RawClient implements AutoCloseable {
    static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";

    final Socket socket;
    private final FrameEncoder encoder = new FrameEncoder(Role.CLIENT);
    private final FrameReader reader = new FrameReader(Role.CLIENT);

    RawClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout((int) Recorder.WAIT_SECONDS * 1000);
    }

    /** Connects and completes a WebSocket handshake for {@code path}. */
    static RawClient upgraded(int port, String path) throws IOException {
        RawClient c = new RawClient(port);
        c.send(upgradeRequest(path, ""));
        String head = c.readHead();
        if (!head.startsWith("HTTP/1.1 101")) {
            throw new IOException("handshake refused: " + head);
        }
        return c;
    }

    static String upgradeRequest(String path, String extraHeaders) {
        return "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + KEY + "\r\nSec-WebSocket-Version: 13\r\n" + extraHeaders + "\r\n";
    }

    void send(String ascii) throws IOException {
        send(ascii.getBytes(StandardCharsets.ISO_8859_1));
    }

    void send(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
    }

    /** The bytes of {@code frame} as this client sends it (masked). */
    byte[] encode(Frame frame) {
        ByteBuffer b = encoder.encode(frame);
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    void send(Frame frame) throws IOException {
        send(encode(frame));
    }

    /** Reads an HTTP response head, up to the blank line (or the end of the stream). */
    String readHead() throws IOException {
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        while (head.length() < 4 || !head.substring(head.length() - 4).equals("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        return head.toString();
    }

    /** Reads everything until the server closes. */
    String readToEnd() throws IOException {
        return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }

    /** The next frame from the server, or {@code null} at the end of the stream. */
    Frame readFrame() throws IOException {
        byte[] buffer = new byte[8192];
        for (Frame f = reader.poll(); ; f = reader.poll()) {
            if (f != null) {
                return f;
            }
            int n = socket.getInputStream().read(buffer);
            if (n < 0) {
                return null;
            }
            reader.feed(buffer, 0, n);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

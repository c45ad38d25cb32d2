package io.wspy.server.internal.threaded;

import io.wspy.handshake.HandshakeException;
import io.wspy.handshake.HandshakeLimits;
import io.wspy.handshake.internal.HttpRequestParser;
import io.wspy.server.internal.Overload;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * Answers a client beyond the connection limit with 503 on a blocking socket: reads its request
 * head first (within the handshake timeout), so the client is reading when the answer comes.
 */
final class Refusal {
    private Refusal() {
    }

    /** Returns whether the client was answered (false if it sent no request in time, or hung up). */
    static boolean answer(Socket socket, HandshakeLimits limits, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequestParser parser = new HttpRequestParser(limits);
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[2048];
        try {
            while (true) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    return false;
                }
                socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
                int n = in.read(buffer);
                if (n < 0) {
                    return false;
                }
                if (parser.parse(ByteBuffer.wrap(buffer, 0, n)) != null) {
                    break;
                }
            }
        } catch (HandshakeException malformed) {
            // Refused all the same: the answer is about the load, not the request.
        }
        OutputStream out = socket.getOutputStream();
        out.write(Overload.response().toBytes());
        out.flush();
        socket.shutdownOutput();
        return true;
    }
}

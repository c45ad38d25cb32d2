package io.wspy.ssl;

import io.wspy.connection.WebSocket;
import io.wspy.frame.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The handshake timeout bounds the TLS handshake too, which runs inside the server's first read:
 * a client trickling its ClientHello cannot hold the (serial) acceptor.
 */
@Timeout(60)
class TlsHandshakeTimeoutTest {
    private static final TestCertificates CERTS = TestCertificates.get();
    private static final int TRICKLE_BYTES = 100;

    /** Sends a TLS record header promising 512 bytes, then one byte every 100 ms; the byte count it managed. */
    private static int trickle(Socket socket) {
        try {
            OutputStream out = socket.getOutputStream();
            out.write(new byte[] {0x16, 0x03, 0x01, 0x02, 0x00});
            for (int sent = 0; sent < TRICKLE_BYTES; sent++) {
                Thread.sleep(100);
                out.write(1);
                out.flush();
            }
            return TRICKLE_BYTES;
        } catch (IOException closedByServer) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -2;
        }
    }

    @Test
    void aTricklingClientIsCutOffAtTheHandshakeDeadline() throws Exception {
        try (TlsEchoServer server = new TlsEchoServer(CERTS.server("server-ec"),
                // 3 s, not less: the well-behaved client below must finish its TLS and WebSocket
                // handshakes within the same deadline on a loaded machine.
                WssLoopbackTest.serverOptions().withHandshakeTimeout(Duration.ofSeconds(3)));
             Socket slow = new Socket("127.0.0.1", server.port())) {
            CompletableFuture<Integer> trickled = CompletableFuture.supplyAsync(() -> trickle(slow));
            InputStream in = slow.getInputStream();
            slow.setSoTimeout(30_000);
            // The server closes the connection (with an alert, perhaps) long before the ten seconds
            // of trickling are over.
            in.readAllBytes();
            assertFalse(trickled.isDone(), "cut off before the end of the trickle");
            try (WebSocket ws = WebSocket.connect(server.uri("localhost"), WssLoopbackTest.clientOptions(CERTS.client()))) {
                ws.send(Frame.text("next"));
                assertEquals("next", ws.recv().payloadText());
            }
            assertEquals(-1, trickled.get(20, TimeUnit.SECONDS), "the trickler's writes fail once cut off");
        }
    }
}

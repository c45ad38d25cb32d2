package io.wspy.server.interop;

import io.wspy.connection.ClientOptions;
import io.wspy.connection.Connection;
import io.wspy.connection.WebSocket;
import io.wspy.extensions.PerMessageDeflate;
import io.wspy.frame.Opcode;
import io.wspy.handshake.ClientHandshakeConfig;
import io.wspy.protocol.BinaryMessage;
import io.wspy.protocol.Message;
import io.wspy.protocol.MessageWriter;
import io.wspy.protocol.ProtocolConfig;
import io.wspy.protocol.TextMessage;
import io.wspy.server.testing.TestCertificates;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The exchange every interop pair runs, here from our client's side against a peer's echo server:
 * text, binary, a fragmented message, 8 MiB, 1,000 messages, a ping, and a close with code 4002
 * and a reason, each checked on our end. The peer checks its end and reports what it received.
 */
public final class Exchange {
    public static final int LARGE = 8 << 20;
    public static final int MANY = 1000;
    public static final String TEXT = "héllo wspy ✓";
    public static final int CLOSE_CODE = 4002;
    public static final String CLOSE_REASON = "bye from wspy";

    /** What the peer's echo server should report having received. */
    public record Sent(int messages, long bytes) {
    }

    private Exchange() {
    }

    /**
     * The options of our client for {@code uri}: 16 MiB messages, permessage-deflate offered if
     * asked, and for {@code wss://} the test certificate authority trusted.
     */
    public static ClientOptions clientOptions(URI uri, boolean deflate) {
        ClientHandshakeConfig handshake = deflate
                ? ClientHandshakeConfig.builder().extensions(List.of(PerMessageDeflate.builder().build())).build()
                : ClientHandshakeConfig.defaults();
        ClientOptions options = ClientOptions.defaults().withHandshake(handshake)
                .withProtocol(ProtocolConfig.defaults().withMaxMessageSize(16 << 20).withMaxFrameSize(16 << 20));
        return "wss".equals(uri.getScheme()) ? TestCertificates.get().client().applyTo(options) : options;
    }

    /** Runs the exchange with our client against the echo server at {@code uri}. */
    static Sent runClient(URI uri, boolean deflate) throws IOException {
        List<String> pongs = new CopyOnWriteArrayList<>();
        Connection c = new Connection(WebSocket.connect(uri, clientOptions(uri, deflate))) {
            @Override
            protected void onPong(byte[] payload) {
                pongs.add(new String(payload, StandardCharsets.UTF_8));
            }
        };
        if (deflate) {
            assertNotNull(c.extensions(), "permessage-deflate negotiated");
            assertTrue(c.extensions().startsWith("permessage-deflate"), c.extensions());
        } else {
            assertNull(c.extensions());
        }
        long bytes = 0;
        c.send(new TextMessage(TEXT));
        assertEquals(new TextMessage(TEXT), c.receive(), "text");
        bytes += TEXT.getBytes(StandardCharsets.UTF_8).length;

        byte[] all = new byte[256];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        c.send(new BinaryMessage(all));
        assertArrayEquals(all, binary(c.receive()), "binary");
        bytes += all.length;

        try (MessageWriter w = c.beginMessage(Opcode.TEXT)) {
            w.write(utf8("frag"));
            w.write(utf8("men"));
            w.finish(utf8("ted ✓"));
        }
        assertEquals(new TextMessage("fragmented ✓"), c.receive(), "fragmented");
        bytes += "fragmented ✓".getBytes(StandardCharsets.UTF_8).length;

        byte[] large = farRepeats(LARGE);
        c.send(new BinaryMessage(large));
        assertArrayEquals(large, binary(c.receive()), "8 MiB");
        bytes += large.length;

        for (int i = 0; i < MANY; i++) {
            c.send(new TextMessage("message " + i));
            bytes += ("message " + i).length();
        }
        for (int i = 0; i < MANY; i++) {
            assertEquals(new TextMessage("message " + i), c.receive(), "message " + i + " of " + MANY);
        }

        c.ping("ping from wspy".getBytes(StandardCharsets.UTF_8));
        c.send(new TextMessage("after the ping"));
        assertEquals(new TextMessage("after the ping"), c.receive());
        bytes += "after the ping".length();
        assertEquals(List.of("ping from wspy"), pongs, "the pong came before the echo sent after it");

        c.close(CLOSE_CODE, CLOSE_REASON);
        assertNotNull(c.closeStatus(), "closed when close() returns");
        assertEquals(CLOSE_CODE, c.closeStatus().code(), "the peer echoed our close code");
        return new Sent(4 + MANY + 1, bytes);
    }

    /** Data whose repeats lie 3,000 bytes apart: beyond a 512-byte window, within a 32 KiB one. */
    public static byte[] farRepeats(int size) {
        Random random = new Random(7);
        byte[] block = new byte[1000];
        random.nextBytes(block);
        byte[] out = new byte[size];
        byte[] noise = new byte[2000];
        for (int at = 0; at < size; at += 3000) {
            random.nextBytes(noise);
            System.arraycopy(block, 0, out, at, Math.min(1000, size - at));
            if (at + 1000 < size) {
                System.arraycopy(noise, 0, out, at + 1000, Math.min(2000, size - at - 1000));
            }
        }
        return out;
    }

    private static byte[] binary(Message m) {
        assertTrue(m instanceof BinaryMessage, "a binary message, got " + m);
        return ((BinaryMessage) m).bytes();
    }

    private static ByteBuffer utf8(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }
}

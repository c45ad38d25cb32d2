package io.wspy.connection.internal;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How the blocking transport shapes its writes: what leaves the socket in one call. */
class SocketTransportTest {
    private static final byte[] HEADER = {(byte) 0x82, 126, 0x40, 0x00};

    @Test
    void aFramesHeaderLeavesWithItsPayloadInOneWrite() throws IOException {
        RecordingSocket socket = new RecordingSocket();
        SocketTransport transport = new SocketTransport(socket, 1000);
        byte[] payload = pattern(16 * 1024);

        transport.write(ByteBuffer.wrap(HEADER));
        transport.write(ByteBuffer.wrap(payload));
        transport.flush();

        assertEquals(1, socket.writes.size());
        assertArrayEquals(concat(HEADER, payload), socket.writes.get(0));
    }

    @Test
    void aPayloadLargerThanTheBufferLeavesWholeInOrderAndStartsWithItsHeader() throws IOException {
        RecordingSocket socket = new RecordingSocket();
        SocketTransport transport = new SocketTransport(socket, 1000);
        byte[] payload = pattern(1 << 20);
        byte[] next = pattern(100);

        transport.write(ByteBuffer.wrap(HEADER));
        transport.write(ByteBuffer.wrap(payload));
        transport.write(ByteBuffer.wrap(next));
        transport.flush();

        assertArrayEquals(concat(concat(HEADER, payload), next), socket.written());
        byte[] first = socket.writes.get(0);
        assertEquals(64 * 1024, first.length);
        assertEquals(HEADER[0], first[0]);
        assertTrue(socket.writes.size() <= 3, "writes: " + socket.writes.size());
    }

    @Test
    void answersToInputThatIsLeftLeaveTogetherAfterIt() throws IOException {
        RecordingSocket socket = new RecordingSocket();
        SocketTransport transport = new SocketTransport(socket, 1000);
        ByteBuffer input = ByteBuffer.allocate(10);

        transport.batch().begin(input);
        for (int i = 0; i < 3; i++) {
            transport.write(ByteBuffer.wrap(HEADER));
            transport.flush();
        }
        assertEquals(0, socket.writes.size());
        input.position(input.limit());
        assertTrue(transport.batch().end());
        transport.flush();

        assertEquals(1, socket.writes.size());
        assertArrayEquals(concat(concat(HEADER, HEADER), HEADER), socket.writes.get(0));
    }

    @Test
    void aSocketWithAChannelSendsLargeAndSmallFramesWholeAndInOrder() throws Exception {
        try (ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            try (Socket client = new Socket(InetAddress.getLoopbackAddress(), listener.socket().getLocalPort());
                 Socket accepted = listener.socket().accept()) {
                byte[] large = pattern((1 << 20) + 13);
                byte[] small = pattern(100);
                byte[] expected = concat(concat(concat(HEADER, large), HEADER), small);
                CompletableFuture<byte[]> received = CompletableFuture.supplyAsync(() -> readFully(client, expected.length));

                SocketTransport transport = new SocketTransport(accepted, 1000);
                transport.write(ByteBuffer.wrap(HEADER));
                transport.write(ByteBuffer.wrap(large));
                transport.write(ByteBuffer.wrap(HEADER));
                transport.write(ByteBuffer.wrap(small));
                transport.flush();

                assertArrayEquals(expected, received.get(10, TimeUnit.SECONDS));
            }
        }
    }

    @Test
    void aFailedWriteReportsTheFailureEveryTimeAndTheNextWriteStartsClean() throws IOException {
        RecordingSocket socket = new RecordingSocket();
        SocketTransport transport = new SocketTransport(socket, 1000);
        socket.failing = true;

        assertThrows(IOException.class, () -> transport.write(ByteBuffer.wrap(pattern(200_000))));
        transport.write(ByteBuffer.wrap(HEADER));
        assertThrows(IOException.class, transport::flush);

        socket.failing = false;
        transport.write(ByteBuffer.wrap(HEADER));
        transport.flush();
        assertArrayEquals(HEADER, socket.written());
    }

    private static byte[] readFully(Socket socket, int length) {
        try {
            return socket.getInputStream().readNBytes(length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] pattern(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i * 31 + 7);
        }
        return bytes;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    /** An unconnected socket whose output stream records each write call. */
    private static final class RecordingSocket extends Socket {
        final List<byte[]> writes = new ArrayList<>();
        boolean failing;

        @Override
        public OutputStream getOutputStream() {
            return new OutputStream() {
                @Override
                public void write(int b) {
                    writes.add(new byte[] {(byte) b});
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    if (failing) {
                        throw new IOException("broken pipe");
                    }
                    byte[] copy = new byte[len];
                    System.arraycopy(b, off, copy, 0, len);
                    writes.add(copy);
                }
            };
        }

        byte[] written() {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            writes.forEach(all::writeBytes);
            return all.toByteArray();
        }
    }
}

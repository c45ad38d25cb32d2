package io.wspy.protocol;

import io.wspy.frame.Frame;
import io.wspy.frame.FrameReader;
import io.wspy.frame.Opcode;
import io.wspy.frame.Role;
import io.wspy.frame.extension.ExtensionChain;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PreparedMessageTest {
    /** Records every byte written, and which buffers came through {@link #writeShared}. */
    private static final class SharingTransport implements Transport {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final List<ByteBuffer> shared = new ArrayList<>();

        @Override
        public void write(ByteBuffer data) {
            byte[] b = new byte[data.remaining()];
            data.get(b);
            bytes.writeBytes(b);
        }

        @Override
        public void writeShared(ByteBuffer data) {
            shared.add(data.duplicate());
            write(data);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }

        @Override
        public void schedule(ProtocolTimer timer, long delayMillis) {
        }

        @Override
        public void cancel(ProtocolTimer timer) {
        }
    }

    private static WebSocketProtocol protocol(Role role, ProtocolConfig config, SharingTransport transport) {
        return new WebSocketProtocol(role, config, ExtensionChain.empty(), transport, new RecordingListener());
    }

    private static List<Frame> frames(byte[] wire, Role from) throws Exception {
        FrameReader reader = new FrameReader(from.peer());
        reader.feed(wire, 0, wire.length);
        List<Frame> frames = new ArrayList<>();
        for (Frame f = reader.poll(); f != null; f = reader.poll()) {
            frames.add(f);
        }
        return frames;
    }

    @Test
    void preparedBytesAreExactlyWhatSendWrites() throws Exception {
        for (Message m : List.of(new TextMessage("héllo"), new BinaryMessage(new byte[70_000]), new TextMessage(""))) {
            SharingTransport plain = new SharingTransport();
            protocol(Role.SERVER, ProtocolConfig.defaults(), plain).send(m);
            PreparedMessage prepared = new PreparedMessage(m, 0);
            byte[] encoded = new byte[prepared.frames().remaining()];
            prepared.frames().get(encoded);
            assertArrayEquals(plain.bytes.toByteArray(), encoded, "encoding of " + m);
        }
    }

    @Test
    void serverWithoutExtensionsWritesTheSharedBuffer() throws Exception {
        SharingTransport transport = new SharingTransport();
        PreparedMessage prepared = new PreparedMessage(new TextMessage("to everyone"), 0);
        protocol(Role.SERVER, ProtocolConfig.defaults(), transport).send(prepared);
        assertEquals(1, transport.shared.size());
        assertTrue(transport.shared.get(0).isReadOnly(), "shared bytes cannot be changed by a driver");
        List<Frame> frames = frames(transport.bytes.toByteArray(), Role.SERVER);
        assertEquals(1, frames.size());
        assertEquals("to everyone", frames.get(0).payloadText());
    }

    @Test
    void fragmentedPreparationMatchesTheConnectionsFragmentation() throws Exception {
        SharingTransport transport = new SharingTransport();
        PreparedMessage prepared = new PreparedMessage(new TextMessage("abcdefghij"), 4);
        protocol(Role.SERVER, ProtocolConfig.defaults().withFragmentSize(4), transport).send(prepared);
        assertEquals(1, transport.shared.size());
        List<Frame> frames = frames(transport.bytes.toByteArray(), Role.SERVER);
        assertEquals(List.of("abcd", "efgh", "ij"), frames.stream().map(Frame::payloadText).toList());
        assertEquals(Opcode.TEXT, frames.get(0).opcode());
        assertEquals(Opcode.CONTINUATION, frames.get(2).opcode());
        assertFalse(frames.get(1).fin());
        assertTrue(frames.get(2).fin());
    }

    @Test
    void otherFragmentationOrAClientEncodesTheMessageItself() throws Exception {
        PreparedMessage prepared = new PreparedMessage(new TextMessage("abcdefghij"), 0);

        SharingTransport fragmenting = new SharingTransport();
        protocol(Role.SERVER, ProtocolConfig.defaults().withFragmentSize(4), fragmenting).send(prepared);
        assertTrue(fragmenting.shared.isEmpty());
        assertEquals(3, frames(fragmenting.bytes.toByteArray(), Role.SERVER).size());

        SharingTransport client = new SharingTransport();
        protocol(Role.CLIENT, ProtocolConfig.defaults(), client).send(prepared);
        assertTrue(client.shared.isEmpty());
        Frame masked = frames(client.bytes.toByteArray(), Role.CLIENT).get(0);
        assertTrue(masked.isMasked());
        assertEquals("abcdefghij", masked.payloadText());
    }

    @Test
    void preparedMessageCannotBeSentAfterTheCloseFrame() throws Exception {
        SharingTransport transport = new SharingTransport();
        WebSocketProtocol server = protocol(Role.SERVER, ProtocolConfig.defaults(), transport);
        server.close(1000, "");
        assertThrows(ConnectionClosedException.class,
                () -> server.send(new PreparedMessage(new TextMessage("late"), 0)));
        assertTrue(transport.shared.isEmpty());
    }

    @Test
    void negativeFragmentSizeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new PreparedMessage(new TextMessage("x"), -1));
    }
}

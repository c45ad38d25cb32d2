package io.wspy.protocol;

import io.wspy.frame.CloseCode;
import io.wspy.frame.Frame;
import io.wspy.frame.FrameHeader;
import io.wspy.frame.Opcode;
import io.wspy.frame.ProtocolException;
import io.wspy.frame.Role;
import io.wspy.frame.extension.Extension;
import io.wspy.frame.extension.ExtensionChain;
import io.wspy.frame.extension.ExtensionParameters;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The protocol runs data frames through negotiated extensions, and never control frames. */
class ExtensionIntegrationTest {
    /** Reverses every data frame's payload and marks the first frame of a message with RSV1. */
    static final class Reverse implements Extension {
        int encoded;
        int decoded;
        boolean closed;

        @Override
        public ExtensionParameters parameters() {
            return ExtensionParameters.of("x-reverse");
        }

        @Override
        public int rsvBits() {
            return FrameHeader.RSV1;
        }

        @Override
        public boolean perMessage() {
            return true;
        }

        @Override
        public Frame encode(Frame frame) {
            encoded++;
            Frame out = frame.withPayload(reverse(frame.payload()));
            return frame.opcode() == Opcode.CONTINUATION ? out : out.withRsv(FrameHeader.RSV1);
        }

        @Override
        public Frame decode(Frame frame, long maxPayload) throws ProtocolException {
            decoded++;
            if (frame.length() > maxPayload) {
                throw new ProtocolException(CloseCode.MESSAGE_TOO_BIG, "too big");
            }
            return frame.withRsv(0).withPayload(reverse(frame.payload()));
        }

        @Override
        public void close() {
            closed = true;
        }

        private static ByteBuffer reverse(ByteBuffer in) {
            byte[] b = new byte[in.remaining()];
            for (int i = 0; i < b.length; i++) {
                b[b.length - 1 - i] = in.get(in.position() + i);
            }
            return ByteBuffer.wrap(b);
        }
    }

    @Test
    void dataFramesPassThroughTheChainBothWays() throws Exception {
        Reverse clientSide = new Reverse();
        Reverse serverSide = new Reverse();
        Endpoint client = new Endpoint(Role.CLIENT, ProtocolConfig.defaults().withFragmentSize(3),
                new ExtensionChain(List.of(clientSide)));
        Endpoint server = new Endpoint(Role.SERVER, ProtocolConfig.defaults(), new ExtensionChain(List.of(serverSide)));

        client.protocol.sendText("abcdefgh");
        client.protocol.ping(ByteBuffer.wrap("ping".getBytes()));
        client.deliverTo(server);

        assertEquals(List.of(new TextMessage("abcdefgh")), server.events.messages);
        assertEquals(List.of("ping"), server.events.pings, "control frames bypass extensions");
        assertEquals(3, clientSide.encoded);
        assertEquals(3, serverSide.decoded);
    }

    @Test
    void perMessageRsvBitOnAContinuationIs1002() {
        Endpoint server = new Endpoint(Role.SERVER, ProtocolConfig.defaults(), new ExtensionChain(List.of(new Reverse())));
        io.wspy.frame.FrameEncoder encoder = new io.wspy.frame.FrameEncoder(Role.CLIENT);
        ByteBuffer wire = ByteBuffer.allocate(64);
        encoder.encode(new Frame(false, FrameHeader.RSV1, Opcode.TEXT, ByteBuffer.wrap("ba".getBytes())), wire);
        encoder.encode(new Frame(true, FrameHeader.RSV1, Opcode.CONTINUATION, ByteBuffer.wrap("dc".getBytes())), wire);
        server.protocol.receive(wire.flip());
        assertEquals(CloseCode.PROTOCOL_ERROR, server.events.errors.get(0).closeCode());
    }

    @Test
    void extensionsAreClosedWhenTheConnectionEnds() {
        Reverse ext = new Reverse();
        Endpoint server = new Endpoint(Role.SERVER, ProtocolConfig.defaults(), new ExtensionChain(List.of(ext)));
        assertFalse(ext.closed);
        server.protocol.transportClosed();
        assertTrue(ext.closed);
    }

    @Test
    void decodedSizeCountsAgainstTheMessageLimit() {
        Reverse ext = new Reverse();
        Endpoint server = new Endpoint(Role.SERVER, ProtocolConfig.defaults().withMaxMessageSize(4),
                new ExtensionChain(List.of(ext)));
        io.wspy.frame.FrameEncoder encoder = new io.wspy.frame.FrameEncoder(Role.CLIENT);
        ByteBuffer wire = ByteBuffer.allocate(64);
        encoder.encode(new Frame(false, FrameHeader.RSV1, Opcode.TEXT, ByteBuffer.wrap("abc".getBytes())), wire);
        encoder.encode(new Frame(true, 0, Opcode.CONTINUATION, ByteBuffer.wrap("def".getBytes())), wire);
        server.protocol.receive(wire.flip());
        assertEquals(CloseCode.MESSAGE_TOO_BIG, server.events.errors.get(0).closeCode());
    }

    @Test
    void unmarkedTextFailsAtItsFirstInvalidByteBeforeTheFrameEnds() {
        Endpoint server = new Endpoint(Role.SERVER, ProtocolConfig.defaults(), new ExtensionChain(List.of(new Reverse())));
        ByteBuffer wire = headerOnly(Opcode.TEXT, 100);
        wire.put("0123456789".getBytes()).put((byte) 0xFF);
        server.protocol.receive(wire.flip());
        assertEquals(CloseCode.INVALID_PAYLOAD, server.events.errors.get(0).closeCode(),
                "without waiting for the other 89 bytes of the frame");
    }

    @Test
    void unmarkedFrameOverTheMessageLimitIs1009FromItsHeader() {
        Endpoint server = new Endpoint(Role.SERVER, ProtocolConfig.defaults().withMaxMessageSize(4),
                new ExtensionChain(List.of(new Reverse())));
        server.protocol.receive(headerOnly(Opcode.BINARY, 100).flip());
        assertEquals(CloseCode.MESSAGE_TOO_BIG, server.events.errors.get(0).closeCode());
    }

    @Test
    void unmarkedMessagesBypassTheExtension() {
        Reverse ext = new Reverse();
        Endpoint server = new Endpoint(Role.SERVER, ProtocolConfig.defaults(), new ExtensionChain(List.of(ext)));
        io.wspy.frame.FrameEncoder encoder = new io.wspy.frame.FrameEncoder(Role.CLIENT);
        ByteBuffer wire = ByteBuffer.allocate(64);
        encoder.encode(new Frame(false, 0, Opcode.TEXT, ByteBuffer.wrap("ab".getBytes())), wire);
        encoder.encode(new Frame(true, 0, Opcode.CONTINUATION, ByteBuffer.wrap("cd".getBytes())), wire);
        server.protocol.receive(wire.flip());
        assertEquals(List.of(new TextMessage("abcd")), server.events.messages);
        assertEquals(0, ext.decoded);
    }

    /** A client's frame header with a zero masking key (the payload goes as it is), announcing {@code length} bytes. */
    private static ByteBuffer headerOnly(int opcode, int length) {
        ByteBuffer wire = ByteBuffer.allocate(256);
        io.wspy.frame.FrameEncoder.writeHeader(wire, true, 0, opcode, length, true, 0);
        return wire;
    }
}

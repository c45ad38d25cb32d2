package io.wspy.protocol;

import io.wspy.frame.CloseCode;
import io.wspy.frame.CloseStatus;
import io.wspy.frame.Frame;
import io.wspy.frame.FrameEncoder;
import io.wspy.frame.Opcode;
import io.wspy.frame.Role;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WebSocketProtocolTest {
    private final Endpoint client = new Endpoint(Role.CLIENT);
    private final Endpoint server = new Endpoint(Role.SERVER);
    private static final FrameEncoder CLIENT_FRAMES = new FrameEncoder(Role.CLIENT);

    private static byte[] fromClient(Frame... frames) {
        ByteBuffer out = ByteBuffer.allocate(1 << 20);
        for (Frame f : frames) {
            CLIENT_FRAMES.encode(f, out);
        }
        out.flip();
        byte[] bytes = new byte[out.remaining()];
        out.get(bytes);
        return bytes;
    }

    private static Frame frame(boolean fin, int opcode, String payload) {
        return new Frame(fin, 0, opcode, ByteBuffer.wrap(payload.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void textAndBinaryMessagesTravelBothWays() throws Exception {
        client.protocol.sendText("hello");
        client.protocol.sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3}));
        client.deliverTo(server);
        assertEquals(List.of(new TextMessage("hello"), new BinaryMessage(new byte[] {1, 2, 3})), server.events.messages);

        server.protocol.send(new TextMessage("héllo wörld"));
        server.deliverTo(client);
        assertEquals("héllo wörld", ((TextMessage) client.events.messages.get(0)).text());
    }

    @Test
    void clientMasksAndServerDoesNot() throws Exception {
        client.protocol.sendText("x");
        server.protocol.sendText("y");
        Frame fromClient = client.writtenFrames().get(0);
        Frame fromServer = server.writtenFrames().get(0);
        assertTrue(fromClient.isMasked());
        assertFalse(fromServer.isMasked());
    }

    @Test
    void outgoingMessagesAreFragmentedWhenConfigured() throws Exception {
        Endpoint fragmenting = new Endpoint(Role.SERVER, ProtocolConfig.defaults().withFragmentSize(4));
        fragmenting.protocol.sendText("abcdefghij");
        List<Frame> frames = fragmenting.writtenFrames();
        assertEquals(3, frames.size());
        assertEquals(Opcode.TEXT, frames.get(0).opcode());
        assertEquals(Opcode.CONTINUATION, frames.get(1).opcode());
        assertFalse(frames.get(1).fin());
        assertTrue(frames.get(2).fin());
        assertEquals("ij", frames.get(2).payloadText());
    }

    @Test
    void fragmentedMessageIsReassembledWithControlFramesInBetween() {
        server.receive(fromClient(frame(false, Opcode.TEXT, "Hel"), Frame.ping("p".getBytes()),
                frame(false, Opcode.CONTINUATION, "lo, "), frame(true, Opcode.CONTINUATION, "World")));
        assertEquals(List.of(new TextMessage("Hello, World")), server.events.messages);
        assertEquals(List.of("p"), server.events.pings);
    }

    @Test
    void aClientsMessagesReachTheListenerStillMaskedInAnySplit() {
        byte[] payload = new byte[10_001];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (i * 31 + 7);
        }
        byte[] wire = fromClient(new Frame(false, 0, Opcode.BINARY, ByteBuffer.wrap(payload, 0, 4_999)),
                Frame.ping("p".getBytes()),
                new Frame(true, 0, Opcode.CONTINUATION, ByteBuffer.wrap(payload, 4_999, payload.length - 4_999)),
                frame(true, Opcode.TEXT, "text is checked as it reads unmasked"));
        for (int split : new int[] {1, 3, 1000, wire.length}) {
            Endpoint receiver = new Endpoint(Role.SERVER);
            byte[] bytes = wire.clone(); // the ping is unmasked in place
            for (int at = 0; at < bytes.length; at += split) {
                receiver.protocol.receive(ByteBuffer.wrap(bytes, at, Math.min(split, bytes.length - at)).slice());
            }
            assertEquals(List.of(new BinaryMessage(payload), new TextMessage("text is checked as it reads unmasked")),
                    receiver.events.messages, "split " + split);
            assertEquals(List.of("p"), receiver.events.pings);
            assertEquals(payload.length + 36, receiver.events.maskedBytes, "split " + split);
        }
    }

    @Test
    void aListenerThatDoesNotUnmaskGetsUnmaskedBinaryData() {
        List<Message> messages = new java.util.ArrayList<>();
        ProtocolListener plain = new AssemblingListener(messages::add);
        WebSocketProtocol protocol = new WebSocketProtocol(Role.SERVER, ProtocolConfig.defaults(),
                io.wspy.frame.extension.ExtensionChain.empty(), new MemoryTransport(), plain);
        protocol.receive(ByteBuffer.wrap(fromClient(Frame.binary(new byte[] {1, 2, 3, 4, 5}))));
        assertEquals(List.of(new BinaryMessage(new byte[] {1, 2, 3, 4, 5})), messages);
    }

    @Test
    void pingIsAnsweredWithPongCarryingTheSamePayload() throws Exception {
        server.receive(fromClient(Frame.ping("abc".getBytes())));
        List<Frame> answer = server.writtenFrames();
        assertEquals(1, answer.size());
        assertEquals(Opcode.PONG, answer.get(0).opcode());
        assertEquals("abc", answer.get(0).payloadText());
    }

    @Test
    void unsolicitedPongIsAccepted() {
        server.receive(fromClient(Frame.pong("hb".getBytes()), Frame.text("after")));
        assertEquals(List.of("hb"), server.events.pongs);
        assertEquals(List.of(new TextMessage("after")), server.events.messages);
        assertTrue(server.events.errors.isEmpty());
    }

    @Test
    void clientInitiatedCloseHandshake() throws Exception {
        client.protocol.close(CloseCode.NORMAL_CLOSURE, "bye");
        assertEquals(WebSocketProtocol.State.CLOSING, client.protocol.state());
        assertTrue(client.transport.timers.containsKey(ProtocolTimer.CLOSE_HANDSHAKE));
        client.deliverTo(server);

        // The server echoes the code and closes TCP first.
        Frame echo = server.writtenFrames().get(0);
        assertEquals(new CloseStatus(1000, ""), echo.closeStatus());
        assertTrue(server.transport.closed);
        server.protocol.transportClosed();
        assertEquals(List.of(new CloseStatus(1000, "bye")), server.events.closes);

        client.protocol.receive(ByteBuffer.wrap(new FrameEncoder(Role.SERVER).encode(echo).array()));
        // The client waits for the server to close TCP, and only then reports the close.
        assertFalse(client.transport.closed);
        assertTrue(client.transport.timers.containsKey(ProtocolTimer.CLOSE_HANDSHAKE));
        client.protocol.transportClosed();
        assertEquals(List.of(new CloseStatus(1000, "")), client.events.closes);
        assertEquals(WebSocketProtocol.State.CLOSED, client.protocol.state());
    }

    @Test
    void serverInitiatedCloseHandshake() throws Exception {
        server.protocol.close(CloseCode.GOING_AWAY, "restart");
        server.deliverTo(client);
        assertFalse(client.transport.closed, "the client leaves closing TCP to the server");
        client.deliverTo(server);
        assertTrue(server.transport.closed);
        server.protocol.transportClosed();
        client.protocol.transportClosed();
        assertEquals(List.of(new CloseStatus(1001, "")), server.events.closes);
        assertEquals(List.of(new CloseStatus(1001, "restart")), client.events.closes);
    }

    @Test
    void closeWithoutStatusIsEchoedWithoutStatus() throws Exception {
        server.receive(fromClient(Frame.close()));
        Frame echo = server.writtenFrames().get(0);
        assertEquals(0, echo.length());
        server.protocol.transportClosed();
        assertEquals(CloseCode.NO_STATUS_RECEIVED, server.events.closes.get(0).code());
    }

    @Test
    void closeTimeoutDropsTheConnection() throws Exception {
        client.protocol.close(CloseCode.NORMAL_CLOSURE, "");
        assertEquals(10_000L, client.transport.timers.get(ProtocolTimer.CLOSE_HANDSHAKE));
        client.protocol.onTimer(ProtocolTimer.CLOSE_HANDSHAKE);
        assertTrue(client.transport.closed);
        client.protocol.transportClosed();
        assertEquals(CloseCode.ABNORMAL_CLOSURE, client.events.closes.get(0).code());
    }

    @Test
    void nothingCanBeSentAfterTheCloseFrame() throws Exception {
        server.protocol.close(CloseCode.NORMAL_CLOSURE, "");
        assertThrows(ConnectionClosedException.class, () -> server.protocol.sendText("late"));
        assertThrows(ConnectionClosedException.class, () -> server.protocol.ping(ByteBuffer.allocate(0)));
    }

    @Test
    void dataAfterTheCloseFrameIsIgnored() {
        server.receive(fromClient(Frame.close(1000, ""), Frame.text("ignored")));
        assertTrue(server.events.messages.isEmpty());
        assertTrue(server.events.errors.isEmpty());
    }

    @Test
    void closeIsReportedOnce() {
        server.protocol.transportClosed();
        server.protocol.transportClosed();
        assertEquals(List.of(CloseStatus.ABNORMAL), server.events.closes);
    }

    private void assertFailsWith(int code, byte[] input) throws Exception {
        server.receive(input);
        assertEquals(1, server.events.errors.size(), "one protocol error");
        assertEquals(code, server.events.errors.get(0).closeCode());
        List<Frame> written = server.writtenFrames();
        Frame close = written.get(written.size() - 1);
        assertEquals(Opcode.CLOSE, close.opcode());
        assertEquals(code, close.closeStatus().code());
        assertTrue(server.transport.closed, "a failed connection is closed");
        server.protocol.transportClosed();
        assertEquals(code, server.events.closes.get(0).code());
    }

    @Test
    void continuationWithoutStartIs1002() throws Exception {
        assertFailsWith(CloseCode.PROTOCOL_ERROR, fromClient(frame(true, Opcode.CONTINUATION, "x")));
    }

    @Test
    void newMessageInsideFragmentedMessageIs1002() throws Exception {
        assertFailsWith(CloseCode.PROTOCOL_ERROR, fromClient(frame(false, Opcode.TEXT, "a"), frame(true, Opcode.TEXT, "b")));
    }

    @Test
    void unmaskedClientFrameIs1002() throws Exception {
        assertFailsWith(CloseCode.PROTOCOL_ERROR, new FrameEncoder(Role.SERVER).encode(Frame.text("x")).array());
    }

    @Test
    void rsvBitWithoutExtensionIs1002() throws Exception {
        assertFailsWith(CloseCode.PROTOCOL_ERROR, fromClient(Frame.text("x").withRsv(Frame.RSV1)));
    }

    @Test
    void invalidUtf8FailsAtTheFirstBadByteBeforeTheFrameEnds() throws Exception {
        byte[] wire = fromClient(new Frame(Opcode.TEXT, new byte[] {'o', 'k', (byte) 0xC0, 'a', 'b', 'c'}));
        // Deliver only up to and including the bad byte: the error must not wait for the rest.
        byte[] head = java.util.Arrays.copyOf(wire, wire.length - 3);
        server.receive(head);
        assertEquals(1, server.events.errors.size());
        assertEquals(CloseCode.INVALID_PAYLOAD, server.events.errors.get(0).closeCode());
    }

    @Test
    void invalidUtf8AcrossFragmentsIs1007() throws Exception {
        assertFailsWith(CloseCode.INVALID_PAYLOAD, fromClient(
                new Frame(false, 0, Opcode.TEXT, ByteBuffer.wrap(new byte[] {(byte) 0xE2, (byte) 0x82})),
                new Frame(true, 0, Opcode.CONTINUATION, ByteBuffer.wrap(new byte[] {(byte) 0x28}))));
    }

    @Test
    void textEndingInsideACharacterIs1007() throws Exception {
        assertFailsWith(CloseCode.INVALID_PAYLOAD, fromClient(new Frame(Opcode.TEXT, new byte[] {'a', (byte) 0xE2, (byte) 0x82})));
    }

    @Test
    void utf8SplitAcrossFragmentsIsAccepted() {
        byte[] euro = "€".getBytes(StandardCharsets.UTF_8);
        server.receive(fromClient(
                new Frame(false, 0, Opcode.TEXT, ByteBuffer.wrap(euro, 0, 1)),
                new Frame(false, 0, Opcode.CONTINUATION, ByteBuffer.wrap(euro, 1, 1)),
                new Frame(true, 0, Opcode.CONTINUATION, ByteBuffer.wrap(euro, 2, 1))));
        assertEquals(List.of(new TextMessage("€")), server.events.messages);
    }

    @Test
    void messageOverTheLimitIsRefusedFromTheHeader() throws Exception {
        Endpoint small = new Endpoint(Role.SERVER, ProtocolConfig.defaults().withMaxMessageSize(10));
        byte[] wire = fromClient(Frame.binary(new byte[11]));
        // Only the header: the payload is never needed to decide.
        small.receive(java.util.Arrays.copyOf(wire, 6));
        assertEquals(CloseCode.MESSAGE_TOO_BIG, small.events.errors.get(0).closeCode());
        assertEquals(0, small.events.chunks.stream().mapToInt(Integer::intValue).sum());
    }

    @Test
    void fragmentedMessageOverTheLimitIsRefused() throws Exception {
        Endpoint small = new Endpoint(Role.SERVER, ProtocolConfig.defaults().withMaxMessageSize(10));
        small.receive(fromClient(frame(false, Opcode.BINARY, "123456"), frame(true, Opcode.CONTINUATION, "78901")));
        assertEquals(CloseCode.MESSAGE_TOO_BIG, small.events.errors.get(0).closeCode());
        assertTrue(small.events.messages.isEmpty());
    }

    @Test
    void frameOverTheFrameLimitIs1009() throws Exception {
        Endpoint small = new Endpoint(Role.SERVER, ProtocolConfig.defaults().withMaxFrameSize(4));
        small.receive(fromClient(Frame.binary(new byte[5])));
        assertEquals(CloseCode.MESSAGE_TOO_BIG, small.events.errors.get(0).closeCode());
    }

    @Test
    void invalidCloseCodeIs1002() throws Exception {
        ByteBuffer payload = ByteBuffer.allocate(2).putShort(0, (short) 1005);
        assertFailsWith(CloseCode.PROTOCOL_ERROR, fromClient(new Frame(Opcode.CLOSE, payload)));
    }

    @Test
    void invalidCloseReasonIs1007() throws Exception {
        ByteBuffer payload = ByteBuffer.wrap(new byte[] {0x03, (byte) 0xE8, (byte) 0xFF});
        assertFailsWith(CloseCode.INVALID_PAYLOAD, fromClient(new Frame(Opcode.CLOSE, payload)));
    }

    @Test
    void streamingDeliversLargeMessagesChunkByChunk() {
        byte[] big = new byte[100_000];
        byte[] wire = fromClient(Frame.binary(big));
        for (int at = 0; at < wire.length; at += 1000) {
            server.receive(java.util.Arrays.copyOfRange(wire, at, Math.min(wire.length, at + 1000)));
        }
        assertTrue(server.events.chunks.size() > 50, "the payload arrived in many chunks");
        assertEquals(1, server.events.messages.size());
        assertEquals(100_000, server.events.messages.get(0).length());
    }

    @Test
    void messageWriterSendsPiecesAsFragments() throws Exception {
        try (MessageWriter writer = server.protocol.beginMessage(Opcode.TEXT)) {
            writer.write(ByteBuffer.wrap("ab".getBytes()));
            server.protocol.ping(ByteBuffer.wrap("in-between".getBytes()));
            writer.write(ByteBuffer.wrap("cd".getBytes()));
        }
        List<Frame> frames = server.writtenFrames();
        assertEquals(List.of(Opcode.TEXT, Opcode.PING, Opcode.CONTINUATION, Opcode.CONTINUATION),
                frames.stream().map(Frame::opcode).toList());
        assertTrue(frames.get(3).fin());
        assertEquals(0, frames.get(3).length());
    }

    @Test
    void keepalivePingWithoutPongDropsTheConnectionWith1006() throws Exception {
        Endpoint keepalive = new Endpoint(Role.CLIENT, ProtocolConfig.defaults()
                .withKeepalive(java.time.Duration.ofSeconds(5), java.time.Duration.ofSeconds(2)));
        keepalive.protocol.start();
        assertEquals(5_000L, keepalive.transport.timers.get(ProtocolTimer.KEEPALIVE));
        keepalive.protocol.onTimer(ProtocolTimer.KEEPALIVE);
        assertEquals(Opcode.PING, keepalive.writtenFrames().get(0).opcode());
        assertEquals(2_000L, keepalive.transport.timers.get(ProtocolTimer.PONG_DEADLINE));
        // Another tick before the pong neither sends a second ping nor pushes the deadline back.
        keepalive.transport.timers.remove(ProtocolTimer.PONG_DEADLINE);
        keepalive.protocol.onTimer(ProtocolTimer.PONG_DEADLINE);
        assertTrue(keepalive.transport.aborted, "a dead peer is dropped at once, not gracefully");
        keepalive.protocol.transportClosed();
        assertEquals(CloseCode.ABNORMAL_CLOSURE, keepalive.events.closes.get(0).code());
    }

    @Test
    void unansweredPingKeepsItsDeadlineWhenTheIntervalIsShorter() throws Exception {
        Endpoint keepalive = new Endpoint(Role.SERVER, ProtocolConfig.defaults()
                .withKeepalive(java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(5)));
        keepalive.protocol.start();
        keepalive.protocol.onTimer(ProtocolTimer.KEEPALIVE);
        assertEquals(1, keepalive.writtenFrames().size());
        keepalive.transport.timers.remove(ProtocolTimer.PONG_DEADLINE);
        keepalive.protocol.onTimer(ProtocolTimer.KEEPALIVE);
        assertTrue(keepalive.writtenFrames().isEmpty(), "no second ping while the first is unanswered");
        assertFalse(keepalive.transport.timers.containsKey(ProtocolTimer.PONG_DEADLINE), "the deadline is not pushed back");
        keepalive.protocol.onTimer(ProtocolTimer.PONG_DEADLINE);
        assertTrue(keepalive.transport.closed);
    }

    @Test
    void keepalivePongCancelsTheDeadline() throws Exception {
        Endpoint keepalive = new Endpoint(Role.SERVER, ProtocolConfig.defaults()
                .withKeepalive(java.time.Duration.ofSeconds(5), java.time.Duration.ofSeconds(2)));
        keepalive.protocol.start();
        keepalive.protocol.onTimer(ProtocolTimer.KEEPALIVE);
        Frame ping = keepalive.writtenFrames().get(0);
        keepalive.transport.timers.remove(ProtocolTimer.KEEPALIVE);
        keepalive.receive(fromClient(Frame.pong(ping.payloadBytes())));
        assertFalse(keepalive.transport.timers.containsKey(ProtocolTimer.PONG_DEADLINE));
        assertEquals(5_000L, keepalive.transport.timers.get(ProtocolTimer.KEEPALIVE), "next round after the pong");
        keepalive.protocol.onTimer(ProtocolTimer.PONG_DEADLINE);
        assertFalse(keepalive.transport.closed);
    }

    @Test
    void applicationFailureSendsItsCodeAndCloses() throws Exception {
        server.protocol.fail(CloseCode.INTERNAL_ERROR, "handler crashed");
        Frame close = server.writtenFrames().get(0);
        assertEquals(new CloseStatus(1011, "handler crashed"), close.closeStatus());
        assertTrue(server.transport.closed);
    }

    @Test
    void bytesSplitAtEveryPositionGiveTheSameMessages() {
        byte[] wire = fromClient(frame(false, Opcode.TEXT, "ab€"), Frame.ping("x".getBytes()),
                frame(true, Opcode.CONTINUATION, "cd"), Frame.binary(new byte[300]));
        for (int split = 0; split <= wire.length; split++) {
            Endpoint fresh = new Endpoint(Role.SERVER);
            fresh.receive(java.util.Arrays.copyOfRange(wire, 0, split));
            fresh.receive(java.util.Arrays.copyOfRange(wire, split, wire.length));
            assertEquals(List.of(new TextMessage("ab€cd"), new BinaryMessage(new byte[300])), fresh.events.messages,
                    "split at " + split);
            assertTrue(fresh.events.errors.isEmpty());
        }
    }

    @Test
    void receivedTextKeepsItsBytesForAnEcho() throws Exception {
        server.receive(fromClient(Frame.text("echo me")));
        Message m = server.events.messages.get(0);
        server.protocol.send(m);
        assertArrayEquals("echo me".getBytes(StandardCharsets.UTF_8), server.writtenFrames().get(0).payloadBytes());
    }
}

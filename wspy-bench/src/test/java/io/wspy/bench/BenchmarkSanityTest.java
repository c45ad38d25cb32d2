package io.wspy.bench;

import io.netty.buffer.ByteBuf;
import io.netty.util.ReferenceCountUtil;
import io.wspy.frame.Frame;
import io.wspy.frame.Role;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs each benchmark body once per size and checks that every contender did the work it is
 * timed for (the right frames, the right bytes): a fast benchmark that does nothing is a bug.
 */
class BenchmarkSanityTest {

    @ParameterizedTest
    @ValueSource(ints = {16, 1024, 65536, 1048576})
    void everyMaskingContenderProducesTheMaskedBytes(int size) throws Exception {
        MaskingBenchmark bench = new MaskingBenchmark();
        bench.size = size;
        bench.setup();
        byte[] expected = bench.naiveByteLoop().clone();
        assertEquals(bench.src[0] ^ 0x1A, expected[0]);

        bench.wspyCopy();
        assertArrayEquals(expected, bench.dst, "wspy copy");

        System.arraycopy(bench.src, 0, bench.dst, 0, size);
        bench.wspyInPlace();
        assertArrayEquals(expected, bench.dst, "wspy in place");

        System.arraycopy(bench.src, 0, bench.dst, 0, size);
        bench.wspyScalarInPlace();
        assertArrayEquals(expected, bench.dst, "wspy scalar kernel");

        bench.wspyDirectInPlace();
        byte[] direct = new byte[size];
        bench.direct.get(0, direct);
        assertArrayEquals(expected, direct, "wspy direct buffer");

        assertArrayEquals(bench.src, bench.arraycopy(), "arraycopy");
        int header = headerLength(size, true);
        assertArrayEquals(bench.src, unmask(bench.javaWebSocket(), header), "Java-WebSocket");
        assertArrayEquals(bench.src, unmask(nettyWire(bench.nettyEncoder, bench.nettyContext, bench.nettyFrame),
                header), "Netty");
        bench.netty();
    }

    @ParameterizedTest
    @ValueSource(ints = {16, 1024, 65536})
    void everyDecoderDecodesEveryFrameTwice(int size) throws Exception {
        for (String opcode : new String[] {"TEXT", "BINARY"}) {
            DecodeBenchmark bench = new DecodeBenchmark();
            bench.size = size;
            bench.opcode = opcode;
            bench.setup();
            assertEquals(Math.max(4, 65536 / size), bench.frames);
            for (int round = 0; round < 2; round++) { // the second round shows the state is reusable
                assertEquals(bench.frames, bench.wspy(), "wspy");
                assertEquals(bench.frames, bench.netty(), "Netty");
                assertEquals(bench.frames, bench.nettyPipeline(), "Netty pipeline");
                assertEquals(bench.frames, bench.javaWebSocket(), "Java-WebSocket");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {16, 1024, 65536})
    void gatheringWritesTheHeaderAndLeavesThePayloadReadyToSend(int size) {
        for (Role role : Role.values()) {
            EncodeBenchmark bench = new EncodeBenchmark();
            bench.size = size;
            bench.role = role;
            bench.setup();
            boolean masked = role.masksOutgoing();
            ByteBuffer header = bench.wspyGathering().flip();
            assertEquals(headerLength(size, masked), header.remaining());
            assertEquals((byte) 0x82, header.get(0), "FIN + binary");
            ByteBuffer wire = ByteBuffer.allocate(header.remaining() + size).put(header).put(bench.payload.duplicate().clear()).flip();
            byte[] body = masked ? unmask(wire, headerLength(size, true))
                    : Arrays.copyOfRange(wire.array(), headerLength(size, false), headerLength(size, false) + size);
            assertArrayEquals(Payloads.randomBytes(size), body, role + " payload");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 16, 1024, 65536})
    void textPayloadsAreValidUtf8OfTheExactSize(int size) {
        byte[] text = Payloads.text(size);
        assertEquals(size, text.length);
        assertEquals(true, io.wspy.frame.Utf8Validator.isValid(text));
    }

    @ParameterizedTest
    @ValueSource(ints = {16, 1024, 65536})
    void everyEncoderWritesTheSameFrame(int size) throws Exception {
        for (Role role : Role.values()) {
            EncodeBenchmark bench = new EncodeBenchmark();
            bench.size = size;
            bench.role = role;
            bench.setup();
            byte[] payload = Payloads.randomBytes(size);
            boolean masked = role.masksOutgoing();
            int header = headerLength(size, masked);
            List<ByteBuffer> wires = List.of(bench.wspy().flip(), bench.javaWebSocket(),
                    nettyWire(bench.nettyEncoder, bench.nettyContext, bench.nettyFrame));
            for (ByteBuffer wire : wires) {
                assertEquals(header + size, wire.remaining(), role + " frame length");
                assertEquals((byte) 0x82, wire.get(0), "FIN + binary");
                assertEquals(masked, (wire.get(1) & 0x80) != 0, "mask bit");
                byte[] body = masked ? unmask(wire, header)
                        : Arrays.copyOfRange(wire.array(), wire.arrayOffset() + header, wire.arrayOffset() + header + size);
                assertArrayEquals(payload, body, role + " payload");
            }
            bench.netty();
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void everyCompressorWritesTheSameBytesAndEveryInflaterRestoresTheMessages(boolean contextTakeover)
            throws Exception {
        DeflateBenchmark bench = new DeflateBenchmark();
        bench.contextTakeover = contextTakeover;
        bench.setup();
        try {
            assertEquals(DeflateBenchmark.SIZE, bench.messages[0].length);
            assertEquals(true, io.wspy.frame.Utf8Validator.isValid(bench.messages[0]));
            assertEquals(false, Arrays.equals(bench.messages[0], bench.messages[1]), "distinct messages");
            assertTrue(bench.compressed[0].length < DeflateBenchmark.SIZE / 2, "JSON compresses");
            // Twice round, so that with context takeover every message is compressed after the previous
            // ones and the cycle restarts where a fresh connection would.
            for (int round = 0; round < 2; round++) {
                for (int i = 0; i < DeflateBenchmark.MESSAGES; i++) {
                    String at = "message " + i + " round " + round;
                    byte[] expected = bench.compressed[i];
                    bench.seek(i);
                    bench.zlibCompress();
                    assertArrayEquals(expected, bench.zlibOutput(), "zlib " + at);
                    bench.seek(i);
                    Frame wspy = bench.wspyCompress();
                    assertEquals(io.wspy.frame.FrameHeader.RSV1, wspy.rsv(), "RSV1 " + at);
                    assertArrayEquals(expected, wspy.payloadBytes(), "wspy " + at);
                    bench.seek(i);
                    assertArrayEquals(expected, bench.nettyCompressedBytes(), "Netty " + at);

                    bench.seek(i);
                    bench.zlibInflate();
                    assertArrayEquals(bench.messages[i], bench.zlibOutput(), "zlib inflate " + at);
                    bench.seek(i);
                    Frame inflated = bench.wspyInflate();
                    assertEquals(0, inflated.rsv(), "RSV1 cleared " + at);
                    assertArrayEquals(bench.messages[i], inflated.payloadBytes(), "wspy inflate " + at);
                    bench.seek(i);
                    assertArrayEquals(bench.messages[i], bench.nettyInflatedBytes(), "Netty inflate " + at);
                }
                if (contextTakeover && round == 0) {
                    // The benchmarks keep cycling; a cycle compressed after the first is smaller
                    // (the window holds the last messages), so compare against a fresh setup.
                    bench.tearDown();
                    bench.setup();
                }
            }
        } finally {
            bench.tearDown();
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void everyHandshakeAnswersTheBrowserWith101AndTheRightAccept(boolean deflate) throws Exception {
        HandshakeBenchmark bench = new HandshakeBenchmark();
        bench.deflate = deflate;
        bench.setup();
        List<String> responses = new ArrayList<>();
        responses.add(new String(bench.wspy(), StandardCharsets.ISO_8859_1));
        responses.add(new String(bench.nettyResponse(), StandardCharsets.ISO_8859_1));
        ByteArrayOutputStream jws = new ByteArrayOutputStream();
        for (ByteBuffer b : bench.javaWebSocket()) {
            byte[] chunk = new byte[b.remaining()];
            b.get(chunk);
            jws.writeBytes(chunk);
        }
        responses.add(jws.toString(StandardCharsets.ISO_8859_1));
        for (String response : responses) {
            String lower = response.toLowerCase(java.util.Locale.ROOT);
            assertTrue(response.startsWith("HTTP/1.1 101"), response);
            assertTrue(lower.contains("sec-websocket-accept: " + BrowserRequest.ACCEPT.toLowerCase(java.util.Locale.ROOT)),
                    response);
            assertEquals(deflate, lower.contains("sec-websocket-extensions: permessage-deflate"), response);
            assertTrue(response.endsWith("\r\n\r\n"), response);
        }
        assertTrue(bench.netty() > 0);
        assertTrue(bench.nettyChannel());
    }

    @ParameterizedTest
    @ValueSource(ints = {32, 16384, 1048576})
    void jsonPayloadsAreValidUtf8OfTheExactSizeAndDeterministic(int size) {
        byte[] json = Payloads.json(size, 7);
        assertEquals(size, json.length);
        assertTrue(io.wspy.frame.Utf8Validator.isValid(json));
        assertArrayEquals(json, Payloads.json(size, 7));
        assertEquals('[', json[0]);
    }

    /** Netty's encoder output for one frame, all buffers concatenated, then released. */
    private static ByteBuffer nettyWire(NettyCodecs.Encoder encoder, io.netty.channel.ChannelHandlerContext ctx,
                                        io.netty.handler.codec.http.websocketx.WebSocketFrame frame) throws Exception {
        List<Object> out = new ArrayList<>();
        frame.content().readerIndex(0);
        encoder.encodeFrame(ctx, frame, out);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (Object o : out) {
            ByteBuf buf = (ByteBuf) o;
            byte[] chunk = new byte[buf.readableBytes()];
            buf.getBytes(buf.readerIndex(), chunk);
            bytes.write(chunk);
            ReferenceCountUtil.release(o);
        }
        return ByteBuffer.wrap(bytes.toByteArray());
    }

    private static int headerLength(int size, boolean masked) {
        return (size < 126 ? 2 : size <= 0xFFFF ? 4 : 10) + (masked ? 4 : 0);
    }

    /** The payload of a masked frame whose key sits just before {@code payloadStart}. */
    private static byte[] unmask(ByteBuffer wire, int payloadStart) {
        byte[] out = new byte[wire.remaining() - payloadStart];
        int base = wire.position();
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) (wire.get(base + payloadStart + i) ^ wire.get(base + payloadStart - 4 + (i & 3)));
        }
        return out;
    }
}

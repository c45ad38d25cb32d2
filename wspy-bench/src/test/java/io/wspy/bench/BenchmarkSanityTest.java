package io.wspy.bench;

import io.netty.buffer.ByteBuf;
import io.netty.util.ReferenceCountUtil;
import io.wspy.frame.Role;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

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

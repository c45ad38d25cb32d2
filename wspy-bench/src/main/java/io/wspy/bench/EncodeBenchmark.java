package io.wspy.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import io.wspy.frame.FrameEncoder;
import io.wspy.frame.Masking;
import io.wspy.frame.MaskingKeys;
import io.wspy.frame.Opcode;
import io.wspy.frame.Role;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.framing.BinaryFrame;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * Encoding one binary frame of {@code size} bytes, as a server (unmasked) or a client (masked,
 * with each library's default key source). Throughput is frames per second.
 *
 * <p>wspy writes header and payload into a reused buffer ({@link #wspy}), or only the header
 * ({@link #wspyGathering}). Netty allocates its output from the channel's allocator and, for
 * unmasked payloads over 1 KiB, writes only the header and passes the payload on for a gathering
 * write (no copy). Java-WebSocket allocates a new heap buffer.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
public class EncodeBenchmark {
    @Param({"16", "1024", "65536"})
    int size;

    @Param({"SERVER", "CLIENT"})
    Role role;

    ByteBuffer payload;
    private ByteBuffer wspyOut;
    private FrameEncoder wspyEncoder;
    private final IntSupplier maskingKeys = MaskingKeys.secure();

    NettyCodecs.Encoder nettyEncoder;
    ChannelHandlerContext nettyContext;
    BinaryWebSocketFrame nettyFrame;
    private final List<Object> nettyOut = new ArrayList<>();

    private Draft_6455 javaWebSocket;
    private BinaryFrame javaWebSocketFrame;

    @Setup
    public void setup() {
        byte[] bytes = Payloads.randomBytes(size);
        payload = ByteBuffer.wrap(bytes);
        wspyOut = ByteBuffer.allocate(size + FrameEncoder.MAX_HEADER_SIZE);
        wspyEncoder = new FrameEncoder(role);

        nettyEncoder = new NettyCodecs.Encoder(role.masksOutgoing());
        nettyContext = NettyCodecs.contextOf(nettyEncoder);
        nettyFrame = new BinaryWebSocketFrame(Unpooled.wrappedBuffer(bytes));

        javaWebSocket = new Draft_6455();
        javaWebSocket.setParseMode(role == Role.CLIENT ? org.java_websocket.enums.Role.CLIENT
                : org.java_websocket.enums.Role.SERVER);
        javaWebSocketFrame = new BinaryFrame();
        javaWebSocketFrame.setPayload(ByteBuffer.wrap(bytes));
    }

    /** FrameEncoder.encode from parts (the allocation-free path) into a reused heap buffer. */
    @Benchmark
    public ByteBuffer wspy() {
        wspyEncoder.encode(true, 0, Opcode.BINARY, payload.clear(), wspyOut.clear());
        return wspyOut;
    }

    /**
     * The zero-copy way, as Netty does for unmasked payloads over 1 KiB: only the header goes into a
     * buffer and the payload stays where it is, for a gathering write (a client masks it in place).
     */
    @Benchmark
    public ByteBuffer wspyGathering() {
        ByteBuffer header = wspyOut.clear();
        boolean masked = role.masksOutgoing();
        int key = masked ? maskingKeys.getAsInt() : 0;
        FrameEncoder.writeHeader(header, true, 0, Opcode.BINARY, size, masked, key);
        if (masked) {
            Masking.mask(payload.clear(), key, 0);
        }
        return header;
    }

    /** WebSocket08FrameEncoder.encode called directly; its outputs are released after each frame. */
    @Benchmark
    public ByteBuf netty() throws Exception {
        nettyFrame.content().readerIndex(0);
        nettyEncoder.encodeFrame(nettyContext, nettyFrame, nettyOut);
        ByteBuf header = (ByteBuf) nettyOut.get(0);
        for (Object o : nettyOut) {
            ReferenceCountUtil.release(o);
        }
        nettyOut.clear();
        return header;
    }

    /** Draft_6455.createBinaryFrame: a new heap buffer per frame. */
    @Benchmark
    public ByteBuffer javaWebSocket() {
        javaWebSocketFrame.getPayloadData().rewind();
        return javaWebSocket.createBinaryFrame(javaWebSocketFrame);
    }
}

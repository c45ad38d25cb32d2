package io.wspy.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import io.wspy.frame.Masking;
import io.wspy.frame.internal.MaskKernel;
import io.wspy.frame.internal.MaskKernels;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.enums.Role;
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

/**
 * Masking {@code size} bytes: wspy beside the memory-bandwidth limit ({@code System.arraycopy}),
 * a naive byte loop, and the peers' masking paths (which also write a header into a fresh buffer
 * and draw a key: that is how they expose masking). Throughput is operations per second; the
 * report turns it into GB/s.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
public class MaskingBenchmark {
    private static final int KEY = 0x1A2B3C4D;
    private static final byte[] KEY_BYTES = {0x1A, 0x2B, 0x3C, 0x4D};
    private static final MaskKernel SCALAR = MaskKernels.scalar();

    @Param({"16", "1024", "65536", "1048576"})
    int size;

    byte[] src;
    byte[] dst;
    ByteBuffer direct;

    NettyCodecs.Encoder nettyEncoder;
    ChannelHandlerContext nettyContext;
    BinaryWebSocketFrame nettyFrame;
    private final List<Object> nettyOut = new ArrayList<>();

    private Draft_6455 javaWebSocket;
    private BinaryFrame javaWebSocketFrame;

    /** Shows which kernel Masking chose in this fork: it depends on the JVM flags (see the README). */
    @Setup
    public void showKernel() {
        System.out.println("# wspy masking kernel: " + MaskKernels.best().getClass().getSimpleName());
    }

    @Setup
    public void setup() {
        src = Payloads.randomBytes(size);
        dst = new byte[size];
        direct = ByteBuffer.allocateDirect(size).put(src).clear();

        nettyEncoder = new NettyCodecs.Encoder(true);
        nettyContext = NettyCodecs.contextOf(nettyEncoder);
        nettyFrame = new BinaryWebSocketFrame(Unpooled.wrappedBuffer(src));

        javaWebSocket = new Draft_6455();
        javaWebSocket.setParseMode(Role.CLIENT);
        javaWebSocketFrame = new BinaryFrame();
        javaWebSocketFrame.setPayload(ByteBuffer.wrap(src));
    }

    /** The limit: copying the same bytes, no XOR. */
    @Benchmark
    public byte[] arraycopy() {
        System.arraycopy(src, 0, dst, 0, size);
        return dst;
    }

    /** The textbook loop: one byte at a time, key byte by index. */
    @Benchmark
    public byte[] naiveByteLoop() {
        byte[] s = src;
        byte[] d = dst;
        for (int i = 0; i < s.length; i++) {
            d[i] = (byte) (s[i] ^ KEY_BYTES[i & 3]);
        }
        return d;
    }

    @Benchmark
    public int wspyCopy() {
        return Masking.mask(src, 0, dst, 0, size, KEY, 0);
    }

    @Benchmark
    public int wspyInPlace() {
        return Masking.mask(dst, 0, size, KEY, 0);
    }

    @Benchmark
    public int wspyDirectInPlace() {
        return Masking.mask(direct.clear(), KEY, 0);
    }

    /** wspy's portable kernel (what runs without {@code jdk.incubator.vector}), in place. */
    @Benchmark
    public byte[] wspyScalarInPlace() {
        SCALAR.mask(dst, 0, size, KEY);
        return dst;
    }

    /** WebSocket08FrameEncoder with masking on: header and masked copy into a buffer from the channel's allocator. */
    @Benchmark
    public ByteBuf netty() throws Exception {
        nettyEncoder.encodeFrame(nettyContext, nettyFrame, nettyOut);
        ByteBuf encoded = (ByteBuf) nettyOut.get(0);
        for (Object o : nettyOut) {
            ReferenceCountUtil.release(o);
        }
        nettyOut.clear();
        return encoded;
    }

    /** Draft_6455.createBinaryFrame as a client: header and masked copy into a new heap buffer. */
    @Benchmark
    public ByteBuffer javaWebSocket() {
        javaWebSocketFrame.getPayloadData().rewind();
        return javaWebSocket.createBinaryFrame(javaWebSocketFrame);
    }
}

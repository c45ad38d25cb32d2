package io.wspy.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.Utf8FrameValidator;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import io.wspy.frame.FrameDecoder;
import io.wspy.frame.Opcode;
import io.wspy.frame.ProtocolException;
import io.wspy.frame.Role;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.framing.Framedata;
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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Decoding a buffer of masked client frames, as a server receives them: 64 KiB of payload and at
 * least 4 frames ({@link Payloads#framesPerBuffer}), text or binary with the same JSON-like
 * payload. One operation is one buffer; the report turns operations into frames/s and MB/s.
 *
 * <p>Every contender produces each frame's unmasked payload, checks text payloads as UTF-8 and
 * counts the frames. wspy unmasks in place, so its benchmark first restores the buffer from a
 * pristine copy, and that copy is part of its time; the peers copy each payload out of their
 * input instead ({@link #copyOnly} shows what the restore costs).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
public class DecodeBenchmark {
    @Param({"16", "1024", "65536"})
    int size;

    @Param({"TEXT", "BINARY"})
    String opcode;

    int frames;
    private byte[] pristine;
    private byte[] work;
    private ByteBuffer workBuffer;

    private FrameDecoder wspyDecoder;
    private TextFrameCounter wspyListener;

    private NettyCodecs.Decoder nettyDecoder;
    private ChannelHandlerContext nettyContext;
    private ByteBuf nettyInput;
    private final List<Object> nettyOut = new ArrayList<>();

    private EmbeddedChannel nettyPipeline;
    private int nettyPipelineFrames;

    private Draft_6455 javaWebSocket;
    private ByteBuffer javaWebSocketInput;

    @Setup
    public void setup() {
        frames = Payloads.framesPerBuffer(size);
        pristine = Payloads.maskedFrames("TEXT".equals(opcode) ? Opcode.TEXT : Opcode.BINARY, Payloads.text(size), frames);
        work = pristine.clone();
        workBuffer = ByteBuffer.wrap(work);

        wspyDecoder = new FrameDecoder(Role.SERVER);
        wspyListener = new TextFrameCounter();

        nettyDecoder = new NettyCodecs.Decoder(NettyCodecs.serverDecoderConfig());
        nettyContext = NettyCodecs.contextOf(nettyDecoder);
        nettyInput = Unpooled.wrappedBuffer(pristine);

        nettyPipeline = new EmbeddedChannel(
                new WebSocket08FrameDecoder(NettyCodecs.serverDecoderConfig()),
                new Utf8FrameValidator(),
                new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        nettyPipelineFrames++;
                        ReferenceCountUtil.release(msg);
                    }
                });

        javaWebSocket = new Draft_6455();
        javaWebSocket.setParseMode(org.java_websocket.enums.Role.SERVER);
        javaWebSocketInput = ByteBuffer.wrap(pristine);
    }

    /** The restore copy alone, included in {@link #wspy}'s time. */
    @Benchmark
    public byte[] copyOnly() {
        System.arraycopy(pristine, 0, work, 0, pristine.length);
        return work;
    }

    /** FrameDecoder (unmasking in place) with a listener that validates text as UTF-8 and counts frames. */
    @Benchmark
    public int wspy() throws ProtocolException {
        System.arraycopy(pristine, 0, work, 0, pristine.length);
        wspyDecoder.decode(workBuffer.clear(), wspyListener);
        return wspyListener.takeFrames();
    }

    /**
     * WebSocket08FrameDecoder.decode called directly until the input is consumed; each text frame
     * checked with Netty's own UTF-8 check (ByteBufUtil.isText), then released.
     */
    @Benchmark
    public int netty() throws Exception {
        ByteBuf in = nettyInput.readerIndex(0);
        int count = 0;
        while (in.isReadable()) {
            nettyDecoder.decodeFrame(nettyContext, in, nettyOut);
            for (Object o : nettyOut) {
                WebSocketFrame frame = (WebSocketFrame) o;
                if (frame instanceof TextWebSocketFrame && !ByteBufUtil.isText(frame.content(), StandardCharsets.UTF_8)) {
                    throw new IllegalStateException("invalid UTF-8");
                }
                count++;
                frame.release();
            }
            nettyOut.clear();
        }
        return count;
    }

    /**
     * The same bytes through a Netty pipeline as a Netty server has it: WebSocket08FrameDecoder,
     * Utf8FrameValidator, and a last handler that counts and releases the frames.
     */
    @Benchmark
    public int nettyPipeline() {
        nettyPipelineFrames = 0;
        nettyPipeline.writeInbound(nettyInput.readerIndex(0).retainedDuplicate());
        return nettyPipelineFrames;
    }

    /** Draft_6455.translateFrame: parses, unmasks into a new buffer per frame, validates text as UTF-8. */
    @Benchmark
    public int javaWebSocket() throws InvalidDataException {
        List<Framedata> decoded = javaWebSocket.translateFrame(javaWebSocketInput.rewind());
        return decoded.size();
    }
}

package io.wspy.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.wspy.extensions.PerMessageDeflate;
import io.wspy.frame.FrameHeader;
import io.wspy.frame.Frame;
import io.wspy.frame.Opcode;
import io.wspy.frame.ProtocolException;
import io.wspy.frame.WebSocketException;
import io.wspy.frame.extension.Extension;
import io.wspy.frame.extension.ExtensionException;
import io.wspy.frame.extension.ExtensionNegotiation;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * permessage-deflate of a 16 KiB JSON-like text message, one message per operation, as a server
 * does it: compressing what it sends, inflating what clients send. {@link #MESSAGES} distinct
 * messages of the same structure are used in turn, so that with context takeover each message
 * finds the previous ones in the window, as on a real connection (repeating one message would let
 * zlib match it whole).
 *
 * <p>{@code contextTakeover=true} is the RFC's default, negotiated from a browser's offer
 * ({@code permessage-deflate; client_max_window_bits}); {@code false} is negotiated with both
 * {@code no_context_takeover} parameters, so every message is compressed and inflated on its own.
 *
 * <ul>
 *   <li>{@code zlib*}: the limit, {@link Deflater}/{@link Inflater} (raw, level 6) driven directly
 *       into reused arrays: SYNC_FLUSH and the 4-byte tail stripped when compressing, the tail fed
 *       back when inflating; {@code reset()} per message without context takeover;</li>
 *   <li>{@code wspy*}: the {@link Extension} that {@link ExtensionNegotiation} creates from
 *       {@link PerMessageDeflate}, {@code encode}/{@code decode} of one whole-message frame;</li>
 *   <li>{@code netty*}: the encoder and decoder that Netty's
 *       {@code PerMessageDeflateServerExtensionHandshaker} creates for the same offer, each in an
 *       {@link EmbeddedChannel} (their encode/decode methods are not public); a frame goes in,
 *       the transformed frame comes out and is released.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
public class DeflateBenchmark {
    /** The message size. */
    static final int SIZE = 16 << 10;
    /** Distinct messages sent in turn (a power of two). */
    static final int MESSAGES = 16;
    private static final byte[] TAIL = {0, 0, (byte) 0xff, (byte) 0xff};
    private static final long MAX_PAYLOAD = 1 << 20;

    @Param({"true", "false"})
    boolean contextTakeover;

    byte[][] messages;
    /** What a client with the same context setting sends for each message, in order. */
    byte[][] compressed;
    private int next;

    private Deflater deflater;
    private Inflater inflater;
    private byte[] zlibOut;
    int zlibLength;

    Extension wspy;

    EmbeddedChannel nettyEncoder;
    EmbeddedChannel nettyDecoder;

    @Setup(Level.Trial)
    public void setup() throws ExtensionException {
        messages = new byte[MESSAGES][];
        for (int i = 0; i < MESSAGES; i++) {
            messages[i] = Payloads.json(SIZE, i);
        }
        compressed = compressAll(messages, contextTakeover);
        deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        inflater = new Inflater(true);
        zlibOut = new byte[SIZE + SIZE / 8 + 64];

        String offer = contextTakeover ? "permessage-deflate; client_max_window_bits"
                : "permessage-deflate; client_max_window_bits; server_no_context_takeover; client_no_context_takeover";
        PerMessageDeflate factory = contextTakeover ? PerMessageDeflate.builder().build()
                : PerMessageDeflate.builder().lean().build();
        wspy = ExtensionNegotiation.negotiate(List.of(factory), offer).extensions().get(0);

        nettyEncoder = new EmbeddedChannel(NettyCodecs.perMessageDeflate(contextTakeover).newExtensionEncoder());
        nettyDecoder = new EmbeddedChannel(NettyCodecs.perMessageDeflate(contextTakeover).newExtensionDecoder());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        deflater.end();
        inflater.end();
        wspy.close();
        nettyEncoder.finishAndReleaseAll();
        nettyDecoder.finishAndReleaseAll();
    }

    /** The messages as a permessage-deflate sender writes them, each in a fresh array, tails stripped. */
    static byte[][] compressAll(byte[][] messages, boolean contextTakeover) {
        Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        byte[] out = new byte[SIZE + SIZE / 8 + 64];
        byte[][] result = new byte[messages.length][];
        for (int i = 0; i < messages.length; i++) {
            if (!contextTakeover) {
                d.reset();
            }
            int n = deflate(d, messages[i], out);
            result[i] = java.util.Arrays.copyOf(out, n);
        }
        d.end();
        return result;
    }

    /** Compresses {@code in} with a sync flush into {@code out} and returns the length without the tail. */
    private static int deflate(Deflater d, byte[] in, byte[] out) {
        d.setInput(in);
        int n = d.deflate(out, 0, out.length, Deflater.SYNC_FLUSH);
        if (n == out.length) {
            throw new IllegalStateException("output array too small");
        }
        if (n < 4 || out[n - 4] != 0 || out[n - 3] != 0 || out[n - 2] != (byte) 0xff || out[n - 1] != (byte) 0xff) {
            throw new IllegalStateException("sync flush did not end with 00 00 ff ff");
        }
        return n - 4;
    }

    private int nextIndex() {
        int i = next;
        next = (i + 1) & (MESSAGES - 1);
        return i;
    }

    /** Makes the next operation use message {@code i}; for the sanity test, which runs contenders in turn. */
    void seek(int i) {
        next = i;
    }

    /** The limit: Deflater with SYNC_FLUSH into a reused array, tail stripped. */
    @Benchmark
    public int zlibCompress() {
        if (!contextTakeover) {
            deflater.reset();
        }
        zlibLength = deflate(deflater, messages[nextIndex()], zlibOut);
        return zlibLength;
    }

    /** The limit: Inflater fed the message and then the tail, into a reused array. */
    @Benchmark
    public int zlibInflate() throws DataFormatException {
        if (!contextTakeover) {
            inflater.reset();
        }
        inflater.setInput(compressed[nextIndex()]);
        int n = inflater.inflate(zlibOut);
        inflater.setInput(TAIL);
        n += inflater.inflate(zlibOut, n, zlibOut.length - n);
        zlibLength = n;
        return n;
    }

    /** wspy's negotiated permessage-deflate extension compressing one whole-message text frame. */
    @Benchmark
    public Frame wspyCompress() throws WebSocketException {
        return wspy.encode(new Frame(true, 0, Opcode.TEXT, ByteBuffer.wrap(messages[nextIndex()])));
    }

    /** wspy's negotiated permessage-deflate extension inflating one compressed text frame (RSV1). */
    @Benchmark
    public Frame wspyInflate() throws ProtocolException {
        return wspy.decode(new Frame(true, FrameHeader.RSV1, Opcode.TEXT, ByteBuffer.wrap(compressed[nextIndex()])),
                MAX_PAYLOAD);
    }

    /** Netty's PerMessageDeflateEncoder (through its handshaker) compressing one text frame. */
    @Benchmark
    public int nettyCompress() {
        nettyEncoder.writeOutbound(new TextWebSocketFrame(Unpooled.wrappedBuffer(messages[nextIndex()])));
        return releaseAll(nettyEncoder, false);
    }

    /** Netty's PerMessageDeflateDecoder (through its handshaker) inflating one compressed text frame. */
    @Benchmark
    public int nettyInflate() {
        nettyDecoder.writeInbound(new TextWebSocketFrame(true, FrameHeader.RSV1,
                Unpooled.wrappedBuffer(compressed[nextIndex()])));
        return releaseAll(nettyDecoder, true);
    }

    /** Reads and releases every frame the channel produced; returns their payload bytes. */
    private static int releaseAll(EmbeddedChannel channel, boolean inbound) {
        int bytes = 0;
        Object o;
        while ((o = inbound ? channel.readInbound() : channel.readOutbound()) != null) {
            WebSocketFrame frame = (WebSocketFrame) o;
            bytes += frame.content().readableBytes();
            frame.release();
        }
        return bytes;
    }

    /** The bytes of the next frame Netty's encoder produces, for the sanity test. */
    byte[] nettyCompressedBytes() {
        nettyEncoder.writeOutbound(new TextWebSocketFrame(Unpooled.wrappedBuffer(messages[nextIndex()])));
        return readBytes(nettyEncoder.readOutbound());
    }

    /** The bytes of the next frame Netty's decoder produces, for the sanity test. */
    byte[] nettyInflatedBytes() {
        nettyDecoder.writeInbound(new TextWebSocketFrame(true, FrameHeader.RSV1,
                Unpooled.wrappedBuffer(compressed[nextIndex()])));
        return readBytes(nettyDecoder.readInbound());
    }

    /** The array the zlib benchmarks write into; the result is its first {@link #zlibLength} bytes. */
    byte[] zlibOutput() {
        return java.util.Arrays.copyOf(zlibOut, zlibLength);
    }

    private static byte[] readBytes(WebSocketFrame frame) {
        ByteBuf content = frame.content();
        byte[] bytes = new byte[content.readableBytes()];
        content.getBytes(content.readerIndex(), bytes);
        frame.release();
        return bytes;
    }
}

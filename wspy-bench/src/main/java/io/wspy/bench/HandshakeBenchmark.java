package io.wspy.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketServerCompressionHandler;
import io.wspy.extensions.PerMessageDeflate;
import io.wspy.handshake.ServerHandshake;
import io.wspy.handshake.ServerHandshakeConfig;
import org.java_websocket.drafts.Draft;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.enums.HandshakeState;
import org.java_websocket.exceptions.InvalidHandshakeException;
import org.java_websocket.extensions.permessage_deflate.PerMessageDeflateExtension;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.handshake.HandshakeImpl1Server;
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

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A server's opening handshake, from the request bytes a browser sends ({@link BrowserRequest}:
 * Chromium's header set, offering permessage-deflate or not) to the 101 response bytes, with a
 * server configured with permessage-deflate ({@code deflate=true}, so the offer is negotiated) or
 * without. One operation is one handshake, with the per-connection state each library needs.
 *
 * <ul>
 *   <li>{@code wspy}: a new {@link ServerHandshake} fed the bytes; {@code Accepted.response().toBytes()};
 *       the negotiated extension chain closed (it holds no zlib state yet);</li>
 *   <li>{@code netty}: what a Netty server runs per connection: a new pipeline ({@link EmbeddedChannel})
 *       of {@link HttpServerCodec}, {@link HttpObjectAggregator}, {@link WebSocketServerCompressionHandler}
 *       (with deflate) and {@link WebSocketServerProtocolHandler}, fed the bytes; the response bytes
 *       read and released. Netty's handshaker writes its response into a channel and rebuilds the
 *       pipeline, so it cannot be timed without one; {@code nettyChannel} is the cost of the same
 *       pipeline set up and torn down without any input, which a Netty server also pays per
 *       connection;</li>
 *   <li>{@code javaWebSocket}: {@link Draft_6455} copied per connection (as its server does),
 *       {@code translateHandshake}, {@code acceptHandshakeAsServer},
 *       {@code postProcessHandshakeResponseAsServer} and {@code createHandshake}.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
public class HandshakeBenchmark {
    private static final int MAX_FRAME = 2 << 20;

    @Param({"false", "true"})
    boolean deflate;

    byte[] request;
    private ServerHandshakeConfig wspyConfig;
    private Draft_6455 javaWebSocketDraft;
    private WebSocketServerProtocolConfig nettyConfig;

    @Setup
    public void setup() {
        request = BrowserRequest.of("127.0.0.1:8000", "/", deflate);
        wspyConfig = ServerHandshakeConfig.builder()
                .extensions(deflate ? List.of(PerMessageDeflate.builder().build()) : List.of())
                .build();
        javaWebSocketDraft = deflate ? new Draft_6455(new PerMessageDeflateExtension()) : new Draft_6455();
        nettyConfig = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath("/")
                .allowExtensions(deflate)
                .maxFramePayloadLength(MAX_FRAME)
                .build();
    }

    /** ServerHandshake from request bytes to response bytes. */
    @Benchmark
    public byte[] wspy() {
        ServerHandshake.Outcome outcome = new ServerHandshake(wspyConfig).receive(ByteBuffer.wrap(request));
        if (!(outcome instanceof ServerHandshake.Accepted)) {
            throw new IllegalStateException("not accepted: " + outcome);
        }
        ServerHandshake.Accepted accepted = (ServerHandshake.Accepted) outcome;
        accepted.extensions().close();
        return accepted.response().toBytes();
    }

    /** A Netty server pipeline fed the request; the response bytes it writes. */
    @Benchmark
    public int netty() {
        EmbeddedChannel channel = new EmbeddedChannel(nettyHandlers());
        channel.writeInbound(Unpooled.wrappedBuffer(request));
        int bytes = 0;
        Object o;
        while ((o = channel.readOutbound()) != null) {
            ByteBuf buf = (ByteBuf) o;
            bytes += buf.readableBytes();
            buf.release();
        }
        channel.finishAndReleaseAll();
        return bytes;
    }

    /** The same pipeline set up and torn down without input: Netty's per-connection floor. */
    @Benchmark
    public boolean nettyChannel() {
        return new EmbeddedChannel(nettyHandlers()).finishAndReleaseAll();
    }

    /** Draft_6455 (copied per connection) parsing the request and writing the response. */
    @Benchmark
    public List<ByteBuffer> javaWebSocket() throws InvalidHandshakeException {
        Draft draft = javaWebSocketDraft.copyInstance();
        draft.setParseMode(org.java_websocket.enums.Role.SERVER);
        ClientHandshake handshake = (ClientHandshake) draft.translateHandshake(ByteBuffer.wrap(request));
        if (draft.acceptHandshakeAsServer(handshake) != HandshakeState.MATCHED) {
            throw new IllegalStateException("not accepted");
        }
        return draft.createHandshake(draft.postProcessHandshakeResponseAsServer(handshake, new HandshakeImpl1Server()));
    }

    private ChannelHandler[] nettyHandlers() {
        List<ChannelHandler> handlers = new ArrayList<>(4);
        handlers.add(new HttpServerCodec());
        handlers.add(new HttpObjectAggregator(65536));
        if (deflate) {
            handlers.add(new WebSocketServerCompressionHandler());
        }
        handlers.add(new WebSocketServerProtocolHandler(nettyConfig));
        return handlers.toArray(new ChannelHandler[0]);
    }

    /** The response bytes Netty writes, for the sanity test. */
    byte[] nettyResponse() {
        EmbeddedChannel channel = new EmbeddedChannel(nettyHandlers());
        channel.writeInbound(Unpooled.wrappedBuffer(request));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Object o;
        while ((o = channel.readOutbound()) != null) {
            ByteBuf buf = (ByteBuf) o;
            byte[] chunk = new byte[buf.readableBytes()];
            buf.readBytes(chunk);
            out.writeBytes(chunk);
            buf.release();
        }
        channel.finishAndReleaseAll();
        return out.toByteArray();
    }
}

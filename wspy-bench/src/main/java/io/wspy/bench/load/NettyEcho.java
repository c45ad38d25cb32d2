package io.wspy.bench.load;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketServerCompressionHandler;
import io.netty.util.internal.PlatformDependent;

/**
 * Netty's minimal WebSocket echo on the NIO transport (the JDK's selector, as wspy's AsyncServer):
 * {@link HttpServerCodec}, {@link HttpObjectAggregator}, {@link WebSocketServerCompressionHandler},
 * {@link WebSocketServerProtocolHandler} (which answers pings and closes), and a handler that writes
 * each data frame back and flushes once per read burst, as Netty's own echo example does, and
 * closes a connection that fails without logging. Event loops: Netty's default count (twice the
 * processors). On a JVM that knows it (JDK 23+) the orchestrator starts it with
 * {@code --sun-misc-unsafe-memory-access=allow}, as Netty's guide for Java 24+ says, so that it keeps
 * its Unsafe buffer access (off by default on Java 25).
 */
final class NettyEcho {
    private NettyEcho() {
    }

    /** What decides Netty's speed beyond the pipeline, for the READY line: whether it may use sun.misc.Unsafe. */
    static String setup() {
        return " unsafe " + PlatformDependent.hasUnsafe();
    }

    static void start(int port) throws InterruptedException {
        EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
        WebSocketServerProtocolConfig config = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath("/")
                .allowExtensions(true)
                .maxFramePayloadLength(EchoServer.MAX_MESSAGE)
                .build();
        new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(
                                new HttpServerCodec(),
                                new HttpObjectAggregator(65536),
                                new WebSocketServerCompressionHandler(),
                                new WebSocketServerProtocolHandler(config),
                                new Echo());
                    }
                })
                .bind("127.0.0.1", port).sync();
    }

    /** Writes every data frame back; flushes when the read burst ends. */
    private static final class Echo extends SimpleChannelInboundHandler<WebSocketFrame> {
        Echo() {
            super(false);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
            ctx.write(frame);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        /** A client that resets its connection is no news: close quietly, as a real server would. */
        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}

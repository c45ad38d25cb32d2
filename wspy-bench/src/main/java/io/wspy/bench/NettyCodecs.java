package io.wspy.bench;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionData;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketServerExtension;
import io.netty.handler.codec.http.websocketx.extensions.compression.PerMessageDeflateServerExtensionHandshaker;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Netty's WebSocket codecs called without the pipeline around them: the leanest honest way to
 * time their own work. Each codec sits in an {@link EmbeddedChannel}, whose handler context gives
 * it the channel's real allocator, and its protected encode/decode method is called directly.
 */
final class NettyCodecs {
    private NettyCodecs() {
    }

    /** The decoder a Netty server uses, limits as wspy's defaults (16 MiB frames, no extensions). */
    static WebSocketDecoderConfig serverDecoderConfig() {
        return WebSocketDecoderConfig.newBuilder()
                .expectMaskedFrames(true)
                .allowExtensions(false)
                .maxFramePayloadLength(16 << 20)
                .build();
    }

    /**
     * What Netty's server negotiates for a browser's offer ({@code client_max_window_bits}), through
     * its public handshaker: with context takeover (Netty's defaults), or with both
     * {@code no_context_takeover} parameters offered and allowed. Its encoder and decoder are
     * Netty's PerMessageDeflateEncoder and PerMessageDeflateDecoder (package-private classes).
     */
    static WebSocketServerExtension perMessageDeflate(boolean contextTakeover) {
        PerMessageDeflateServerExtensionHandshaker handshaker = contextTakeover
                ? new PerMessageDeflateServerExtensionHandshaker()
                : new PerMessageDeflateServerExtensionHandshaker(6, false, 15, true, true);
        // Parameters without a value are null, as Netty's header parser gives them.
        Map<String, String> offer = new HashMap<>();
        offer.put("client_max_window_bits", null);
        if (!contextTakeover) {
            offer.put("server_no_context_takeover", null);
            offer.put("client_no_context_takeover", null);
        }
        WebSocketServerExtension extension =
                handshaker.handshakeExtension(new WebSocketExtensionData("permessage-deflate", offer));
        if (extension == null) {
            throw new IllegalStateException("Netty declined the offer " + offer);
        }
        return extension;
    }

    /** The context {@code handler} runs in, in a fresh embedded channel. */
    static ChannelHandlerContext contextOf(ChannelHandler handler) {
        return new EmbeddedChannel(handler).pipeline().context(handler);
    }

    /** {@link WebSocket08FrameEncoder} with its encode step exposed. */
    static final class Encoder extends WebSocket08FrameEncoder {
        Encoder(boolean maskPayload) {
            super(maskPayload);
        }

        void encodeFrame(ChannelHandlerContext ctx, WebSocketFrame frame, List<Object> out) throws Exception {
            encode(ctx, frame, out);
        }
    }

    /** {@link WebSocket08FrameDecoder} with its decode step (one frame per call) exposed. */
    static final class Decoder extends WebSocket08FrameDecoder {
        Decoder(WebSocketDecoderConfig config) {
            super(config);
        }

        void decodeFrame(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
            decode(ctx, in, out);
        }
    }
}

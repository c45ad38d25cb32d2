package io.wspy.extensions;

import io.wspy.extensions.internal.DeflateFrameExtension;
import io.wspy.extensions.internal.DeflateFrameParameters;
import io.wspy.extensions.internal.Deflating;
import io.wspy.extensions.internal.Inflating;
import io.wspy.extensions.internal.WindowBits;
import io.wspy.frame.extension.Extension;
import io.wspy.frame.extension.ExtensionException;
import io.wspy.frame.extension.ExtensionParameters;

import java.util.List;

/**
 * The deflate-frame extension (draft-tyoshino-hybi-websocket-perframe-deflate-06), known to older
 * browsers as {@code x-webkit-deflate-frame}: each data frame is compressed on its own and marked
 * with RSV1. Prefer {@link PerMessageDeflate}, its standard successor; this one is for peers that
 * speak only the draft.
 *
 * <p>Both parameters are requests to the peer about how the peer compresses: {@code
 * max_window_bits} limits its window, {@code no_context_takeover} makes it compress each frame
 * with a fresh history. A client puts them in its offer, a server in its response; each side
 * honours what the other asked for. Without context takeover, streams come from a bounded pool
 * for one frame at a time, as in {@link PerMessageDeflate}.
 *
 * <p>Immutable and thread-safe.
 */
public final class DeflateFrame extends DeflateFactory {
    /** The draft's extension name. */
    public static final String NAME = "deflate-frame";
    /** The name WebKit and Chromium used. */
    public static final String WEBKIT_NAME = "x-webkit-deflate-frame";

    private final DeflateFrameParameters request;

    private DeflateFrame(Builder b) {
        super(b);
        this.request = new DeflateFrameParameters(b.maxWindowBits < WindowBits.MAX ? b.maxWindowBits : 0,
                b.noContextTakeover);
    }

    /** A builder with the defaults: context takeover, 32 KiB windows, level 6. */
    public static Builder builder() {
        return new Builder();
    }

    /** {@code deflate-frame} and {@code x-webkit-deflate-frame}. */
    @Override
    public List<String> names() {
        return List.of(NAME, WEBKIT_NAME);
    }

    /** Two alternatives with this side's requests: {@code deflate-frame}, then the WebKit name. */
    @Override
    public List<ExtensionParameters> offers() {
        return List.of(request.toElement(NAME), request.toElement(WEBKIT_NAME));
    }

    /**
     * Accepts the server's response if its parameters are valid, and compresses as it asks.
     */
    @Override
    public Extension acceptResponse(ExtensionParameters response) throws ExtensionException {
        if (!answersTo(response.name())) {
            throw new ExtensionException("not a deflate-frame response: " + response);
        }
        return create(response, DeflateFrameParameters.parse(response));
    }

    /**
     * Accepts a client's offer with valid parameters, compressing as it asks, and answers with this
     * side's requests; declines ({@code null}) an offer with invalid parameters.
     */
    @Override
    public Extension acceptOffer(ExtensionParameters offer) {
        DeflateFrameParameters asked;
        try {
            asked = DeflateFrameParameters.parse(offer);
        } catch (ExtensionException invalid) {
            return null;
        }
        return create(request.toElement(offer.name()), asked);
    }

    private Extension create(ExtensionParameters response, DeflateFrameParameters peerAsks) {
        return new DeflateFrameExtension(response,
                new Deflating(pool, !peerAsks.noContextTakeover(), peerAsks.windowBitsOrDefault()),
                new Inflating(pool, !request.noContextTakeover()),
                compressionThreshold);
    }

    @Override
    public String toString() {
        return "DeflateFrame[requests: " + request.toElement(NAME) + ", threshold " + compressionThreshold + "]";
    }

    /** Configures a {@link DeflateFrame}. Not thread-safe; {@link #build()} copies. */
    public static final class Builder extends CompressionBuilder<Builder> {
        private boolean noContextTakeover;
        private int maxWindowBits = WindowBits.MAX;

        private Builder() {
        }

        /**
         * {@code no_context_takeover}: asks the peer to compress every frame with a fresh history,
         * so this side inflates with pooled state. This side's own compression follows the peer's
         * request.
         */
        public Builder noContextTakeover(boolean on) {
            this.noContextTakeover = on;
            return this;
        }

        /** {@code max_window_bits} (8-15, default 15): asks the peer for a window of at most 2^bits. */
        public Builder maxWindowBits(int bits) {
            this.maxWindowBits = WindowBits.check(bits, "max_window_bits");
            return this;
        }

        @Override
        Builder self() {
            return this;
        }

        /** The configured factory. */
        public DeflateFrame build() {
            return new DeflateFrame(this);
        }
    }
}

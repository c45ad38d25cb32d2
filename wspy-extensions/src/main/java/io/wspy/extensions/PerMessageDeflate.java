package io.wspy.extensions;

import io.wspy.extensions.internal.Deflating;
import io.wspy.extensions.internal.Inflating;
import io.wspy.extensions.internal.PerMessageDeflateExtension;
import io.wspy.extensions.internal.PerMessageDeflateParameters;
import io.wspy.extensions.internal.WindowBits;
import io.wspy.frame.extension.Extension;
import io.wspy.frame.extension.ExtensionException;
import io.wspy.frame.extension.ExtensionParameters;

import java.util.List;
import java.util.zip.Deflater;

import static io.wspy.extensions.internal.PerMessageDeflateParameters.ABSENT;
import static io.wspy.extensions.internal.PerMessageDeflateParameters.NO_VALUE;

/**
 * The permessage-deflate extension (RFC 7692), for clients and servers, with all four parameters.
 *
 * <p>Memory is a choice made here. With <em>context takeover</em> (the RFC's default, {@link
 * Builder#ratio()}) each direction of a connection keeps its own zlib stream, so repeated content
 * compresses well; the stream is created at the first compressed message and its native memory is
 * released when the connection closes the extension. Without context takeover ({@link
 * Builder#lean()}) each message borrows a stream from a bounded pool shared by the factory's
 * connections and gives it back reset, so an idle connection holds no zlib state at all. A server
 * in lean mode answers {@code server_no_context_takeover} and {@code client_no_context_takeover}
 * whether the client offered them or not, which RFC 7692 allows.
 *
 * <p>Window sizes below 15 bits are honoured for real when this side compresses, although {@link
 * Deflater} has no window setting: see the module's README. This side inflates with a 32 KiB
 * window, which reads data compressed with any window.
 *
 * <p>Immutable and thread-safe: one instance serves every connection of a client or a server.
 *
 * <pre>{@code
 * PerMessageDeflate deflate = PerMessageDeflate.builder().lean().compressionThreshold(256).build();
 * }</pre>
 */
public final class PerMessageDeflate extends DeflateFactory {
    /** The extension name. */
    public static final String NAME = "permessage-deflate";

    private final boolean serverNoContextTakeover;
    private final boolean clientNoContextTakeover;
    private final int serverMaxWindowBits;
    private final int clientMaxWindowBits;
    private final boolean offerClientMaxWindowBits;

    private PerMessageDeflate(Builder b) {
        super(b);
        this.serverNoContextTakeover = b.serverNoContextTakeover;
        this.clientNoContextTakeover = b.clientNoContextTakeover;
        this.serverMaxWindowBits = b.serverMaxWindowBits;
        this.clientMaxWindowBits = b.clientMaxWindowBits;
        this.offerClientMaxWindowBits = b.offerClientMaxWindowBits;
    }

    /** A builder with the defaults: context takeover both ways, 32 KiB windows, level 6. */
    public static Builder builder() {
        return new Builder();
    }

    /** {@code permessage-deflate}. */
    @Override
    public List<String> names() {
        return List.of(NAME);
    }

    /**
     * The client's offer: the two {@code no_context_takeover} parameters if configured, {@code
     * server_max_window_bits} if below 15, and {@code client_max_window_bits}: with a value if
     * below 15, else without one, telling the server it may choose (unless switched off).
     */
    @Override
    public List<ExtensionParameters> offers() {
        int clientBits = clientMaxWindowBits < WindowBits.MAX ? clientMaxWindowBits
                : offerClientMaxWindowBits ? NO_VALUE : ABSENT;
        return List.of(new PerMessageDeflateParameters(serverNoContextTakeover, clientNoContextTakeover,
                serverMaxWindowBits < WindowBits.MAX ? serverMaxWindowBits : ABSENT, clientBits).toElement(NAME));
    }

    /**
     * Checks the server's response against the offer (RFC 7692 sections 7.1.1 and 7.1.2): no
     * unknown, repeated or malformed parameter, {@code server_no_context_takeover} present if
     * requested, {@code server_max_window_bits} present and not larger if requested, {@code
     * client_max_window_bits} only if offered and not larger than offered.
     */
    @Override
    public Extension acceptResponse(ExtensionParameters response) throws ExtensionException {
        if (!response.is(NAME)) {
            throw new ExtensionException("not a permessage-deflate response: " + response);
        }
        PerMessageDeflateParameters answer = PerMessageDeflateParameters.parse(response, true);
        if (serverNoContextTakeover && !answer.serverNoContextTakeover()) {
            throw new ExtensionException("server ignored the requested server_no_context_takeover: " + response);
        }
        if (serverMaxWindowBits < WindowBits.MAX) {
            if (answer.serverMaxWindowBits() == ABSENT) {
                throw new ExtensionException("server ignored the requested server_max_window_bits: " + response);
            }
            if (answer.serverMaxWindowBits() > serverMaxWindowBits) {
                throw new ExtensionException("server_max_window_bits above the requested "
                        + serverMaxWindowBits + ": " + response);
            }
        }
        int clientBits = clientMaxWindowBits;
        if (answer.clientMaxWindowBits() != ABSENT) {
            if (clientMaxWindowBits == WindowBits.MAX && !offerClientMaxWindowBits) {
                throw new ExtensionException("client_max_window_bits in a response to an offer without it: "
                        + response);
            }
            if (answer.clientMaxWindowBits() > clientMaxWindowBits) {
                throw new ExtensionException("client_max_window_bits above the offered "
                        + clientMaxWindowBits + ": " + response);
            }
            clientBits = answer.clientMaxWindowBits();
        }
        boolean sendWithContext = !clientNoContextTakeover && !answer.clientNoContextTakeover();
        return new PerMessageDeflateExtension(response,
                new Deflating(pool, sendWithContext, clientBits),
                new Inflating(pool, !answer.serverNoContextTakeover()),
                compressionThreshold);
    }

    /**
     * Answers a client's offer, or declines it ({@code null}) if its parameters are invalid. The
     * response keeps what the offer asked for ({@code server_no_context_takeover}, {@code
     * server_max_window_bits} capped by this side's setting) and adds this side's policy:
     * {@code server_no_context_takeover} and {@code client_no_context_takeover} if configured,
     * {@code server_max_window_bits} if configured below 15, and {@code client_max_window_bits} if
     * configured below 15 and the client offered it.
     */
    @Override
    public Extension acceptOffer(ExtensionParameters offer) {
        PerMessageDeflateParameters asked;
        try {
            asked = PerMessageDeflateParameters.parse(offer, false);
        } catch (ExtensionException invalid) {
            return null;
        }
        boolean serverNoContext = asked.serverNoContextTakeover() || serverNoContextTakeover;
        boolean clientNoContext = asked.clientNoContextTakeover() || clientNoContextTakeover;
        int serverBits = asked.serverMaxWindowBits() != ABSENT
                ? Math.min(asked.serverMaxWindowBits(), serverMaxWindowBits)
                : serverMaxWindowBits < WindowBits.MAX ? serverMaxWindowBits : ABSENT;
        int clientBits = ABSENT;
        if (asked.clientMaxWindowBits() != ABSENT && clientMaxWindowBits < WindowBits.MAX) {
            clientBits = asked.clientMaxWindowBits() == NO_VALUE ? clientMaxWindowBits
                    : Math.min(asked.clientMaxWindowBits(), clientMaxWindowBits);
        }
        ExtensionParameters response = new PerMessageDeflateParameters(serverNoContext, clientNoContext,
                serverBits, clientBits).toElement(offer.name());
        return new PerMessageDeflateExtension(response,
                new Deflating(pool, !serverNoContext, serverBits == ABSENT ? WindowBits.MAX : serverBits),
                new Inflating(pool, !clientNoContext),
                compressionThreshold);
    }

    @Override
    public String toString() {
        return "PerMessageDeflate[offer: " + offers().get(0) + ", threshold " + compressionThreshold + "]";
    }

    /** Configures a {@link PerMessageDeflate}. Not thread-safe; {@link #build()} copies. */
    public static final class Builder extends CompressionBuilder<Builder> {
        private boolean serverNoContextTakeover;
        private boolean clientNoContextTakeover;
        private int serverMaxWindowBits = WindowBits.MAX;
        private int clientMaxWindowBits = WindowBits.MAX;
        private boolean offerClientMaxWindowBits = true;

        private Builder() {
        }

        /**
         * Lean mode: no context takeover in either direction, so every message borrows pooled zlib
         * state and an idle connection holds none. A server answers both {@code
         * no_context_takeover} parameters; a client offers them.
         */
        public Builder lean() {
            return serverNoContextTakeover(true).clientNoContextTakeover(true);
        }

        /**
         * Ratio mode (the default): context takeover in both directions unless the peer asks
         * otherwise; each connection keeps up to two zlib streams until it closes.
         */
        public Builder ratio() {
            return serverNoContextTakeover(false).clientNoContextTakeover(false);
        }

        /**
         * {@code server_no_context_takeover}: a client requests it in its offer; a server puts it
         * in every response and compresses each message on its own.
         */
        public Builder serverNoContextTakeover(boolean on) {
            this.serverNoContextTakeover = on;
            return this;
        }

        /**
         * {@code client_no_context_takeover}: a client offers it and compresses each message on its
         * own; a server puts it in every response, so clients must do the same.
         */
        public Builder clientNoContextTakeover(boolean on) {
            this.clientNoContextTakeover = on;
            return this;
        }

        /**
         * {@code server_max_window_bits} (8-15, default 15): a client below 15 asks the server to
         * compress with a window of at most 2^bits bytes; a server compresses with at most that
         * window and says so.
         */
        public Builder serverMaxWindowBits(int bits) {
            this.serverMaxWindowBits = WindowBits.check(bits, "server_max_window_bits");
            return this;
        }

        /**
         * {@code client_max_window_bits} (8-15, default 15): a client compresses with at most this
         * window and offers the value when below 15; a server below 15 asks clients that offered
         * the parameter to compress with at most this window.
         */
        public Builder clientMaxWindowBits(int bits) {
            this.clientMaxWindowBits = WindowBits.check(bits, "client_max_window_bits");
            return this;
        }

        /**
         * Whether a client whose {@link #clientMaxWindowBits} is 15 offers {@code
         * client_max_window_bits} without a value, letting the server choose the client's window
         * (default true, as browsers do). Without it, a server may not answer the parameter.
         */
        public Builder offerClientMaxWindowBits(boolean on) {
            this.offerClientMaxWindowBits = on;
            return this;
        }

        @Override
        Builder self() {
            return this;
        }

        /** The configured factory. */
        public PerMessageDeflate build() {
            return new PerMessageDeflate(this);
        }
    }
}

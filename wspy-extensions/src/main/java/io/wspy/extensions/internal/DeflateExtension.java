package io.wspy.extensions.internal;

import io.wspy.frame.CloseCode;
import io.wspy.frame.Frame;
import io.wspy.frame.FrameHeader;
import io.wspy.frame.ProtocolException;
import io.wspy.frame.extension.Extension;
import io.wspy.frame.extension.ExtensionParameters;

import java.nio.ByteBuffer;

/** What permessage-deflate and deflate-frame share: RSV1, the two halves, the threshold, closing. */
abstract class DeflateExtension implements Extension {
    private final ExtensionParameters parameters;
    final Deflating sending;
    final Inflating receiving;
    final int threshold;

    DeflateExtension(ExtensionParameters parameters, Deflating sending, Inflating receiving, int threshold) {
        this.parameters = parameters;
        this.sending = sending;
        this.receiving = receiving;
        this.threshold = threshold;
    }

    @Override
    public final ExtensionParameters parameters() {
        return parameters;
    }

    @Override
    public final int rsvBits() {
        return FrameHeader.RSV1;
    }

    /** The sending half: its context takeover and window. */
    public final Deflating sending() {
        return sending;
    }

    /** The receiving half. */
    public final Inflating receiving() {
        return receiving;
    }

    /** An uncompressed incoming frame, passed on if it fits the limit. */
    static Frame uncompressed(Frame frame, long maxPayload) throws ProtocolException {
        if (frame.length() > maxPayload) {
            throw new ProtocolException(CloseCode.MESSAGE_TOO_BIG,
                    "payload exceeds the limit of " + maxPayload + " bytes");
        }
        return frame;
    }

    /** {@code frame} with other RSV bits and payload, keeping its FIN bit, opcode and masking key. */
    static Frame transformed(Frame frame, int rsv, ByteBuffer payload) {
        Frame result = new Frame(frame.fin(), rsv, frame.opcode(), payload);
        return frame.isMasked() ? result.withMaskingKey(frame.maskingKey()) : result;
    }

    /** Ends or gives back the zlib state of both halves. Idempotent. */
    @Override
    public final void close() {
        sending.close();
        receiving.close();
    }

    @Override
    public final String toString() {
        return parameters.toString();
    }
}

package io.wspy.extensions.internal;

import io.wspy.frame.Frame;
import io.wspy.frame.FrameHeader;
import io.wspy.frame.ProtocolException;
import io.wspy.frame.extension.ExtensionParameters;

/**
 * deflate-frame on one connection (draft-tyoshino-hybi-websocket-perframe-deflate-06): every data
 * frame is compressed on its own, continuation frames included, and each compressed frame carries
 * RSV1. Frames shorter than the threshold go out uncompressed.
 */
public final class DeflateFrameExtension extends DeflateExtension {
    /**
     * @param parameters the negotiated response element
     * @param threshold  frames with fewer payload bytes are sent uncompressed
     */
    public DeflateFrameExtension(ExtensionParameters parameters, Deflating sending, Inflating receiving,
                                 int threshold) {
        super(parameters, sending, receiving, threshold);
    }

    @Override
    public boolean perMessage() {
        return false;
    }

    @Override
    public Frame encode(Frame frame) {
        if (frame.isControl() || frame.length() < threshold) {
            return frame;
        }
        return transformed(frame, frame.rsv() | FrameHeader.RSV1, sending.compress(frame.payload(), true));
    }

    @Override
    public Frame decode(Frame frame, long maxPayload) throws ProtocolException {
        if (frame.isControl()) {
            return frame;
        }
        if ((frame.rsv() & FrameHeader.RSV1) == 0) {
            return uncompressed(frame, maxPayload);
        }
        return transformed(frame, frame.rsv() & ~FrameHeader.RSV1,
                receiving.decompress(frame.payload(), true, maxPayload));
    }
}

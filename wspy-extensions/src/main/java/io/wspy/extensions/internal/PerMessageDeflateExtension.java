package io.wspy.extensions.internal;

import io.wspy.frame.CloseCode;
import io.wspy.frame.Frame;
import io.wspy.frame.FrameHeader;
import io.wspy.frame.Opcode;
import io.wspy.frame.ProtocolException;
import io.wspy.frame.extension.ExtensionParameters;

/**
 * permessage-deflate on one connection (RFC 7692 section 7). A compressed message has RSV1 on its
 * first frame; its frames' payloads together form one DEFLATE unit. Messages shorter than the
 * threshold go out uncompressed, which the receiver tells by the missing RSV1.
 */
public final class PerMessageDeflateExtension extends DeflateExtension {
    private boolean sendingCompressed;
    private boolean receivingMessage;
    private boolean receivingCompressed;

    /**
     * @param parameters the negotiated response element
     * @param threshold  messages with fewer payload bytes are sent uncompressed
     */
    public PerMessageDeflateExtension(ExtensionParameters parameters, Deflating sending, Inflating receiving,
                                      int threshold) {
        super(parameters, sending, receiving, threshold);
    }

    @Override
    public boolean perMessage() {
        return true;
    }

    @Override
    public Frame encode(Frame frame) {
        if (frame.isControl()) {
            return frame;
        }
        boolean first = frame.opcode() != Opcode.CONTINUATION;
        if (first) {
            // Only a message known whole at its first frame can be judged small.
            sendingCompressed = !(frame.fin() && frame.length() < threshold);
        }
        if (!sendingCompressed) {
            return frame;
        }
        int rsv = first ? frame.rsv() | FrameHeader.RSV1 : frame.rsv();
        return transformed(frame, rsv, sending.compress(frame.payload(), frame.fin()));
    }

    @Override
    public Frame decode(Frame frame, long maxPayload) throws ProtocolException {
        if (frame.isControl()) {
            return frame;
        }
        boolean rsv1 = (frame.rsv() & FrameHeader.RSV1) != 0;
        if (frame.opcode() == Opcode.CONTINUATION) {
            if (!receivingMessage) {
                throw new ProtocolException(CloseCode.PROTOCOL_ERROR, "continuation frame without a message");
            }
            if (rsv1) {
                throw new ProtocolException(CloseCode.PROTOCOL_ERROR,
                        "RSV1 on a continuation frame: permessage-deflate sets it on a message's first frame only");
            }
        } else {
            if (receivingMessage) {
                throw new ProtocolException(CloseCode.PROTOCOL_ERROR, "new message before the last one ended");
            }
            receivingCompressed = rsv1;
        }
        receivingMessage = !frame.fin();
        if (!receivingCompressed) {
            return uncompressed(frame, maxPayload);
        }
        return transformed(frame, frame.rsv() & ~FrameHeader.RSV1,
                receiving.decompress(frame.payload(), frame.fin(), maxPayload));
    }
}

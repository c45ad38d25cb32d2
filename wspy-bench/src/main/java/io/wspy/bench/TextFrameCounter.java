package io.wspy.bench;

import io.wspy.frame.CloseCode;
import io.wspy.frame.FrameHeader;
import io.wspy.frame.FrameListener;
import io.wspy.frame.Opcode;
import io.wspy.frame.ProtocolException;
import io.wspy.frame.Utf8Validator;

import java.nio.ByteBuffer;

/**
 * The least a real application does with decoded frames: text payloads are checked as UTF-8 (as
 * the peers' decoding paths do), and whole frames are counted.
 */
final class TextFrameCounter implements FrameListener {
    private final Utf8Validator utf8 = new Utf8Validator();
    private boolean text;
    private int frames;

    @Override
    public void onFrameStart(FrameHeader header) {
        text = header.opcode() == Opcode.TEXT;
        utf8.reset();
    }

    @Override
    public void onFramePayload(ByteBuffer payload) throws ProtocolException {
        if (text && utf8.validate(payload) != Utf8Validator.VALID) {
            throw new ProtocolException(CloseCode.INVALID_PAYLOAD, "invalid UTF-8");
        }
    }

    @Override
    public void onFrameEnd() throws ProtocolException {
        if (text && !utf8.isComplete()) {
            throw new ProtocolException(CloseCode.INVALID_PAYLOAD, "truncated UTF-8");
        }
        frames++;
    }

    /** Frames completed since the last call. */
    int takeFrames() {
        int n = frames;
        frames = 0;
        return n;
    }
}

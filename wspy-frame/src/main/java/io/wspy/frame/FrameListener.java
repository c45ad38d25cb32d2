package io.wspy.frame;

import java.nio.ByteBuffer;

/**
 * Receives what a {@link FrameDecoder} decodes: for each frame, its header, zero or more payload
 * chunks, then its end. Nothing is buffered by the decoder, so a listener sees a large frame's
 * payload as it arrives.
 *
 * <p>A listener may throw {@link ProtocolException} (for example for invalid UTF-8 in a text
 * payload); the decoder then fails with that exception.
 */
public interface FrameListener {
    /**
     * A frame header has been decoded and checked.
     *
     * @param header valid only during this call
     */
    void onFrameStart(FrameHeader header) throws ProtocolException;

    /**
     * The next, unmasked, part of the current frame's payload: the buffer's bytes between
     * position and limit (at least one byte). The buffer belongs to the decoder's caller and is
     * only valid during this call: copy what you need to keep.
     */
    void onFramePayload(ByteBuffer payload) throws ProtocolException;

    /**
     * The next part of a masked frame's payload, still masked. A listener that copies the payload
     * anyway can unmask it while copying ({@link Masking}), which spares a pass over the bytes. The
     * buffer is as in {@link #onFramePayload}, and its bytes may be changed. By default, unmasks the
     * bytes in place and passes them to {@link #onFramePayload}.
     *
     * @param maskingKey the frame's masking key
     * @param phase      the payload offset of the buffer's first byte, modulo 4
     */
    default void onMaskedFramePayload(ByteBuffer payload, int maskingKey, int phase) throws ProtocolException {
        Masking.mask(payload, maskingKey, phase);
        onFramePayload(payload);
    }

    /** The current frame's payload is complete. */
    void onFrameEnd() throws ProtocolException;
}

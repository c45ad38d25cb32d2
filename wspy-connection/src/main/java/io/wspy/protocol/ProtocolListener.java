package io.wspy.protocol;

import io.wspy.frame.CloseStatus;
import io.wspy.frame.Masking;
import io.wspy.frame.ProtocolException;

import java.nio.ByteBuffer;

/**
 * Receives what a {@link WebSocketProtocol} decodes, on the thread that feeds it bytes.
 *
 * <p>Messages arrive as a stream, so that a large message never has to be held whole:
 * {@link #onMessageStart}, any number of {@link #onMessageData} calls, then {@link #onMessageEnd}.
 * Text data is already checked to be valid UTF-8 so far. A {@link MessageAssembler} turns the
 * stream into whole {@link Message}s.
 */
public interface ProtocolListener {
    /** A message begins; {@code opcode} is {@link io.wspy.frame.Opcode#TEXT} or {@code BINARY}. */
    void onMessageStart(int opcode);

    /**
     * A message begins, with a hint of its size: the payload length of its first frame when the
     * message reaches the listener as it came (no extension transformed it), which for an
     * unfragmented message is its size; -1 when unknown. Only a hint: a receiver that allocates
     * for it should bound what it allocates before the bytes arrive. By default,
     * {@link #onMessageStart(int)}.
     */
    default void onMessageStart(int opcode, long sizeHint) {
        onMessageStart(opcode);
    }

    /** The next bytes of the current message, valid only during the call. */
    void onMessageData(ByteBuffer data);

    /**
     * The next bytes of the current message as they came from a client, still masked (text is
     * already checked as it reads unmasked). A listener that copies the bytes anyway can unmask
     * them while copying ({@link io.wspy.frame.Masking}), which spares a pass over them, as
     * {@link MessageAssembler} does. The buffer is valid only during the call, and its bytes may be
     * changed. By default, unmasks them in place and passes them to {@link #onMessageData}.
     *
     * @param maskingKey the frame's masking key
     * @param phase      the frame's payload offset of the buffer's first byte, modulo 4
     */
    default void onMaskedMessageData(ByteBuffer data, int maskingKey, int phase) {
        Masking.mask(data, maskingKey, phase);
        onMessageData(data);
    }

    /** The current message is complete. */
    void onMessageEnd();

    /** A ping arrived (the protocol has already answered it); the payload is valid during the call. */
    default void onPing(ByteBuffer payload) {
    }

    /** A pong arrived; the payload is valid during the call. */
    default void onPong(ByteBuffer payload) {
    }

    /** The peer broke the protocol; the protocol has sent the close frame and closes the transport. */
    default void onProtocolError(ProtocolException error) {
    }

    /**
     * The connection is closed, exactly once. The status is the one the peer's close frame carried;
     * when the connection failed on a protocol error, the code the protocol sent; otherwise
     * {@link io.wspy.frame.CloseCode#ABNORMAL_CLOSURE}.
     */
    void onClose(CloseStatus status);
}

package io.wspy.protocol;

import io.wspy.frame.CloseStatus;
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

    /** The next bytes of the current message, valid only during the call. */
    void onMessageData(ByteBuffer data);

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

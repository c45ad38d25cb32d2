package io.wspy.protocol;

import io.wspy.frame.Opcode;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Sends one message piece by piece, each piece as a frame, so a large message never has to be held
 * whole. While a writer is open no other message can start on the connection (control frames can);
 * it must be used and finished by the thread that opened it.
 */
public final class MessageWriter implements AutoCloseable {
    private final OutboundStream outbound;
    private int opcode;
    private boolean finished;

    MessageWriter(OutboundStream outbound, int opcode) {
        this.outbound = outbound;
        this.opcode = opcode;
    }

    /**
     * Sends {@code data}'s remaining bytes as a non-final frame (nothing if empty). For a text
     * message, the pieces together must be valid UTF-8, but a piece may end inside a character.
     */
    public void write(ByteBuffer data) throws IOException {
        requireOpen();
        if (data.hasRemaining()) {
            outbound.sendDataFrame(false, opcode, data);
            opcode = Opcode.CONTINUATION;
        }
    }

    /** Sends {@code data}'s remaining bytes as the final frame and releases the connection. */
    public void finish(ByteBuffer data) throws IOException {
        requireOpen();
        finished = true;
        try {
            outbound.sendDataFrame(true, opcode, data);
        } finally {
            outbound.endMessage();
        }
    }

    /** Finishes the message with an empty final frame if it is not finished yet. */
    @Override
    public void close() throws IOException {
        if (!finished) {
            finish(ByteBuffer.allocate(0));
        }
    }

    private void requireOpen() {
        if (finished) {
            throw new IllegalStateException("message already finished");
        }
    }
}

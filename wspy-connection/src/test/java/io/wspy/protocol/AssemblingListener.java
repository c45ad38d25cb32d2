package io.wspy.protocol;

import io.wspy.frame.CloseStatus;

import java.nio.ByteBuffer;
import java.util.function.Consumer;

/** A listener that only assembles messages, unmasking the way listeners do by default. */
final class AssemblingListener implements ProtocolListener {
    private final MessageAssembler assembler;

    AssemblingListener(Consumer<Message> sink) {
        this.assembler = new MessageAssembler(sink);
    }

    @Override
    public void onMessageStart(int opcode) {
        assembler.start(opcode);
    }

    @Override
    public void onMessageData(ByteBuffer data) {
        assembler.data(data);
    }

    @Override
    public void onMessageEnd() {
        assembler.end();
    }

    @Override
    public void onClose(CloseStatus status) {
    }
}

package io.wspy.protocol;

import io.wspy.frame.CloseStatus;
import io.wspy.frame.ProtocolException;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Records protocol events; assembles messages and also keeps the raw chunk sizes. */
final class RecordingListener implements ProtocolListener {
    final List<Message> messages = new ArrayList<>();
    final List<Integer> chunks = new ArrayList<>();
    final List<String> pings = new ArrayList<>();
    final List<String> pongs = new ArrayList<>();
    final List<ProtocolException> errors = new ArrayList<>();
    final List<CloseStatus> closes = new ArrayList<>();
    int starts;
    /** Bytes that reached {@link #onMaskedMessageData}, unmasked by the assembler as it copied them. */
    long maskedBytes;
    private final MessageAssembler assembler = new MessageAssembler(messages::add);

    @Override
    public void onMessageStart(int opcode) {
        starts++;
        assembler.start(opcode);
    }

    @Override
    public void onMessageData(ByteBuffer data) {
        chunks.add(data.remaining());
        assembler.data(data);
    }

    @Override
    public void onMaskedMessageData(ByteBuffer data, int maskingKey, int phase) {
        chunks.add(data.remaining());
        maskedBytes += data.remaining();
        assembler.maskedData(data, maskingKey, phase);
    }

    @Override
    public void onMessageEnd() {
        assembler.end();
    }

    @Override
    public void onPing(ByteBuffer payload) {
        pings.add(text(payload));
    }

    @Override
    public void onPong(ByteBuffer payload) {
        pongs.add(text(payload));
    }

    @Override
    public void onProtocolError(ProtocolException error) {
        errors.add(error);
    }

    @Override
    public void onClose(CloseStatus status) {
        closes.add(status);
    }

    private static String text(ByteBuffer b) {
        byte[] bytes = new byte[b.remaining()];
        b.duplicate().get(bytes);
        return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }
}

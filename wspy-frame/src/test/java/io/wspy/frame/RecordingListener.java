package io.wspy.frame;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A {@link FrameListener} that records what it is told as readable events and checks the listener
 * contract on the way: payload only between start and end, never an empty chunk, and exactly the
 * announced number of payload bytes.
 */
final class RecordingListener implements FrameListener {
    final List<String> events = new ArrayList<>();
    private final boolean consumeChunks;
    private long expected = -1;
    private long received;

    /** A listener that reads every chunk to its end, as most listeners do. */
    RecordingListener() {
        this(true);
    }

    /** A listener that reads the chunks to their end or leaves their position alone. */
    RecordingListener(boolean consumeChunks) {
        this.consumeChunks = consumeChunks;
    }

    @Override
    public void onFrameStart(FrameHeader header) {
        if (expected >= 0) {
            throw new AssertionError("onFrameStart before the previous frame ended");
        }
        expected = header.payloadLength();
        received = 0;
        events.add(describe(header));
    }

    @Override
    public void onFramePayload(ByteBuffer payload) {
        if (expected < 0) {
            throw new AssertionError("payload outside a frame");
        }
        if (!payload.hasRemaining()) {
            throw new AssertionError("empty payload chunk");
        }
        byte[] chunk = new byte[payload.remaining()];
        if (consumeChunks) {
            payload.get(chunk);
        } else {
            payload.duplicate().get(chunk);
        }
        received += chunk.length;
        if (received > expected) {
            throw new AssertionError("more payload than announced");
        }
        events.add("payload " + HexFormat.of().formatHex(chunk));
    }

    @Override
    public void onFrameEnd() {
        if (expected < 0) {
            throw new AssertionError("onFrameEnd outside a frame");
        }
        if (received != expected) {
            throw new AssertionError("frame ended after " + received + " of " + expected + " bytes");
        }
        expected = -1;
        events.add("end");
    }

    /** The events with consecutive payload chunks merged, so that differently split streams compare. */
    List<String> mergedEvents() {
        List<String> merged = new ArrayList<>();
        StringBuilder payload = null;
        for (String event : events) {
            if (event.startsWith("payload ")) {
                if (payload == null) {
                    payload = new StringBuilder("payload ");
                }
                payload.append(event, "payload ".length(), event.length());
                continue;
            }
            if (payload != null) {
                merged.add(payload.toString());
                payload = null;
            }
            merged.add(event);
        }
        if (payload != null) {
            merged.add(payload.toString());
        }
        return merged;
    }

    static String describe(FrameHeader header) {
        return "start " + Opcode.name(header.opcode()) + " fin=" + header.fin() + " rsv=" + header.rsv()
                + " masked=" + header.isMasked() + " key=" + Integer.toHexString(header.maskingKey())
                + " len=" + header.payloadLength();
    }
}

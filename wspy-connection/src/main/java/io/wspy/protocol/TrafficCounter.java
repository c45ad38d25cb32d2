package io.wspy.protocol;

import io.wspy.frame.Opcode;
import io.wspy.metrics.WebSocketMetrics;

/**
 * One direction of one connection's traffic, for the metrics and the flight recorder: every byte
 * on the wire, the data message under way, and, inbound, the whole text and binary messages of
 * the current read, reported together when it is done (one call per opcode rather than one per
 * message). Outbound, each message is reported as it leaves: holding answers back until the read
 * that caused them is done costs a lock hand-over per read, which measured dearer than it saves
 * unless reads hold dozens of messages.
 *
 * <p>Made only when someone listens (metrics other than {@link WebSocketMetrics#NONE}, or a flight
 * recording when the connection was made), so that a connection nobody observes carries none of
 * these fields. Owned by whoever holds the direction: the reading thread for what arrives, the
 * write lock's holder for what leaves.
 */
final class TrafficCounter {
    private static final int TEXT = 0;
    private static final int BINARY = 3;

    private final WebSocketMetrics metrics;
    private final boolean inbound;
    private long wireBytes;
    private long frameBytes;
    private int messageOpcode;
    private long messagePayloadBytes;
    private long messageWireBytes;
    /**
     * Count, payload bytes and wire bytes of the messages not reported yet: text, then binary; made
     * with the first such message, so that an idle connection carries none.
     */
    private long[] waiting;

    TrafficCounter(WebSocketMetrics metrics, boolean inbound) {
        this.metrics = metrics;
        this.inbound = inbound;
    }

    /** A frame of {@code bytes} on the wire, header included, began to arrive or was written. */
    void frame(long bytes) {
        frameBytes = bytes;
        wireBytes += bytes;
    }

    /** The last frame was a control frame carrying {@code payloadBytes}: reported at once. */
    void controlFrame(int opcode, long payloadBytes) {
        report(opcode, 1, payloadBytes, frameBytes);
    }

    /** The last frame was part of a data message and carried {@code payloadBytes} before the extensions. */
    void dataFrame(int opcode, long payloadBytes) {
        if (opcode != Opcode.CONTINUATION) {
            messageOpcode = opcode;
            messagePayloadBytes = 0;
            messageWireBytes = 0;
        }
        messagePayloadBytes += payloadBytes;
        messageWireBytes += frameBytes;
    }

    /**
     * The data message is whole, with {@code morePayloadBytes} not given with its frames. Inbound,
     * a text or binary message waits for {@link #report()}; anything else (outbound, or an
     * extension's opcode: rare) is reported now.
     */
    void messageEnded(long morePayloadBytes) {
        long payload = messagePayloadBytes + morePayloadBytes;
        int slot = messageOpcode == Opcode.TEXT ? TEXT : messageOpcode == Opcode.BINARY ? BINARY : -1;
        if (!inbound || slot < 0) {
            report(messageOpcode, 1, payload, messageWireBytes);
            return;
        }
        if (waiting == null) {
            waiting = new long[6];
        }
        waiting[slot]++;
        waiting[slot + 1] += payload;
        waiting[slot + 2] += messageWireBytes;
    }

    /** Reports the messages that wait (inbound: called after each read). */
    void report() {
        if (waiting == null) {
            return;
        }
        reportSlot(Opcode.TEXT, TEXT);
        reportSlot(Opcode.BINARY, BINARY);
    }

    /** Every byte of this direction on the wire so far. */
    long wireBytes() {
        return wireBytes;
    }

    private void reportSlot(int opcode, int slot) {
        if (waiting[slot] != 0) {
            report(opcode, waiting[slot], waiting[slot + 1], waiting[slot + 2]);
            waiting[slot] = 0;
            waiting[slot + 1] = 0;
            waiting[slot + 2] = 0;
        }
    }

    private void report(int opcode, long messages, long payloadBytes, long bytesOnWire) {
        if (inbound) {
            metrics.messagesReceived(opcode, messages, payloadBytes, bytesOnWire);
        } else {
            metrics.messageSent(opcode, payloadBytes, bytesOnWire);
        }
    }
}

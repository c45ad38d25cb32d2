package io.wspy.metrics.internal;

import io.wspy.metrics.SlowReaderAction;

/**
 * Emits wspy's Java Flight Recorder events. Each method checks first whether its event is
 * recorded, so without a recording no event object is built and nothing is formatted.
 */
public final class FlightRecorderEvents {
    private FlightRecorderEvents() {
    }

    /** Whether connection events are recorded: the caller reads the clock for their duration only then. */
    public static boolean connectionsRecorded() {
        return new ConnectionClosedEvent().isEnabled();
    }

    /** A connection opened. */
    public static void connectionOpened(String role) {
        ConnectionOpenedEvent event = new ConnectionOpenedEvent();
        if (event.shouldCommit()) {
            event.role = role;
            event.commit();
        }
    }

    /**
     * A connection closed.
     *
     * @param openedNanos {@link System#nanoTime()} when it opened, 0 if unknown
     */
    public static void connectionClosed(String role, long openedNanos, long bytesReceived, long bytesSent,
                                        int closeCode) {
        ConnectionClosedEvent event = new ConnectionClosedEvent();
        if (event.shouldCommit()) {
            event.role = role;
            event.openFor = openedNanos == 0 ? -1 : System.nanoTime() - openedNanos;
            event.bytesReceived = bytesReceived;
            event.bytesSent = bytesSent;
            event.closeCode = closeCode;
            event.commit();
        }
    }

    /** An upgrade was answered {@code status} (0 when it failed unanswered) for {@code cause}. */
    public static void upgradeRefused(int status, String cause, Object remoteAddress) {
        UpgradeRefusedEvent event = new UpgradeRefusedEvent();
        if (event.shouldCommit()) {
            event.status = status;
            event.cause = cause;
            event.remoteAddress = String.valueOf(remoteAddress);
            event.commit();
        }
    }

    /** The slow-reader policy acted on a connection holding {@code queuedBytes}. */
    public static void slowReader(SlowReaderAction action, long queuedBytes, Object remoteAddress) {
        SlowReaderEvent event = new SlowReaderEvent();
        if (event.shouldCommit()) {
            event.action = action.name();
            event.queuedBytes = queuedBytes;
            event.remoteAddress = String.valueOf(remoteAddress);
            event.commit();
        }
    }

    /** A message or frame over its limit arrived; {@code detail} says which and by how much. */
    public static void oversizedMessage(String role, String detail) {
        OversizedMessageEvent event = new OversizedMessageEvent();
        if (event.shouldCommit()) {
            event.role = role;
            event.detail = detail;
            event.commit();
        }
    }
}

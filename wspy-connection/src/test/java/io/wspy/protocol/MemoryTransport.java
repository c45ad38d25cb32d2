package io.wspy.protocol;

import io.wspy.connection.internal.ReadBatch;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.EnumMap;
import java.util.Map;

/**
 * A transport that records what the protocol writes and which timers it asks for. Like a real
 * buffered socket, bytes only leave on {@link #flush()}, and bytes not flushed when it is closed
 * are lost.
 */
final class MemoryTransport implements Transport {
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    final Map<ProtocolTimer, Long> timers = new EnumMap<>(ProtocolTimer.class);
    volatile boolean closed;
    volatile boolean aborted;
    int flushes;
    /** The blocking driver's flush batching, when a test plays that driver. */
    ReadBatch batch;

    @Override
    public synchronized void write(ByteBuffer data) {
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        if (!closed) {
            pending.write(bytes, 0, bytes.length);
        }
    }

    @Override
    public synchronized void flush() {
        if (batch != null && batch.holdsBackFlush()) {
            return;
        }
        flushNow();
    }

    @Override
    public synchronized void flushNow() {
        flushes++;
        if (!closed) {
            written.writeBytes(pending.toByteArray());
        }
        pending.reset();
    }

    @Override
    public synchronized void close() {
        closed = true;
        pending.reset();
    }

    @Override
    public synchronized void abort() {
        aborted = true;
        close();
    }

    @Override
    public synchronized void schedule(ProtocolTimer timer, long delayMillis) {
        timers.put(timer, delayMillis);
    }

    @Override
    public synchronized void cancel(ProtocolTimer timer) {
        timers.remove(timer);
    }

    /** Everything written since the last call, ready to feed to the peer. */
    synchronized ByteBuffer take() {
        ByteBuffer out = ByteBuffer.wrap(written.toByteArray());
        written.reset();
        return out;
    }
}

package io.wspy.extensions.internal;

import java.nio.ByteBuffer;

/**
 * Where compressed or inflated bytes are written. A buffer of at most {@link #RETAINED_CAPACITY}
 * bytes is reused from one frame to the next; output that outgrows it goes to a one-off buffer
 * that is handed over with the result and never kept. So an idle connection holds at most that
 * much, however large its last message was.
 */
public final class OutputBuffer {
    /** The largest buffer kept between frames. */
    static final int RETAINED_CAPACITY = 32 * 1024;
    /** The largest array the JVM reliably allocates. */
    static final int MAX_CAPACITY = Integer.MAX_VALUE - 8;

    private static final int MIN_CAPACITY = 256;

    private ByteBuffer retained;
    private ByteBuffer current;

    /** Starts a new result, expecting about {@code sizeHint} bytes. */
    void start(int sizeHint) {
        int wanted = Math.max(MIN_CAPACITY, sizeHint);
        if (wanted > RETAINED_CAPACITY) {
            current = ByteBuffer.allocate(wanted);
            return;
        }
        if (retained == null || retained.capacity() < wanted) {
            int grown = retained == null ? wanted : Math.max(wanted, 2 * retained.capacity());
            retained = ByteBuffer.allocate(Math.min(RETAINED_CAPACITY, grown));
        }
        current = retained.clear();
    }

    /**
     * The buffer, positioned for writing, with at least {@code minRoom} bytes free, or as many as
     * {@code maxCapacity} allows (at least one: callers stop before a buffer of that capacity fills).
     */
    ByteBuffer room(int minRoom, int maxCapacity) {
        if (current.remaining() >= minRoom) {
            return current;
        }
        int capacity = current.capacity();
        int grown = (int) Math.min(maxCapacity, Math.max(2L * capacity, (long) current.position() + minRoom));
        if (grown <= current.position()) {
            throw new IllegalStateException("output buffer full at " + capacity + " bytes");
        }
        if (grown <= RETAINED_CAPACITY) {
            retained = ByteBuffer.allocate(grown).put(current.flip());
            current = retained;
        } else {
            current = ByteBuffer.allocate(grown).put(current.flip());
        }
        return current;
    }

    /** The buffer written since {@link #start}, the bytes in its first {@code position} bytes. */
    ByteBuffer buffer() {
        return current;
    }

    /** Removes the last {@code n} bytes written. */
    void truncate(int n) {
        current.position(current.position() - n);
    }

    /**
     * The bytes written, ready to read. If {@code owned}, the caller keeps them for good (in a
     * buffer of their own, or in the reused one if they nearly fill it, which is then let go);
     * otherwise they may sit in the reused buffer and are valid until the next {@link #start}.
     */
    ByteBuffer result(boolean owned) {
        ByteBuffer written = current.duplicate().flip();
        boolean reused = current == retained;
        current = null;
        if (owned && reused) {
            if (written.remaining() >= written.capacity() - written.capacity() / 8) {
                // Nearly full: hand the buffer itself over (a new one is made at the next start)
                // rather than copy it, at the cost of at most an eighth of it unused.
                retained = null;
                return written;
            }
            byte[] copy = new byte[written.remaining()];
            written.get(copy);
            return ByteBuffer.wrap(copy);
        }
        return written;
    }
}

package io.wspy.extensions.internal;

import java.nio.ByteBuffer;

/**
 * A heap buffer that compressed or inflated bytes are written into, reused from one frame to the
 * next. It grows on demand; a buffer that grew beyond {@link #RETAINED_CAPACITY} serves its frame
 * and is dropped at the next {@link #start}, so one huge message does not pin memory for the rest
 * of a connection's life.
 */
final class OutputBuffer {
    /** The largest buffer kept between frames. */
    static final int RETAINED_CAPACITY = 64 * 1024;
    /** The largest array the JVM reliably allocates. */
    static final int MAX_CAPACITY = Integer.MAX_VALUE - 8;

    private static final int MIN_CAPACITY = 256;

    private ByteBuffer buffer;

    /** Empties the buffer for a new frame, expecting about {@code sizeHint} bytes. */
    void start(int sizeHint) {
        int wanted = Math.max(MIN_CAPACITY, Math.min(sizeHint, RETAINED_CAPACITY));
        if (buffer == null || buffer.capacity() > RETAINED_CAPACITY || buffer.capacity() < wanted) {
            buffer = ByteBuffer.allocate(wanted);
        } else {
            buffer.clear();
        }
    }

    /**
     * The buffer, positioned for writing, with at least {@code minRoom} bytes free, or as many as
     * {@code maxCapacity} allows (at least one: callers stop before a buffer of that capacity fills).
     */
    ByteBuffer room(int minRoom, int maxCapacity) {
        if (buffer.remaining() >= minRoom) {
            return buffer;
        }
        int capacity = buffer.capacity();
        int grown = (int) Math.min(maxCapacity, Math.max(2L * capacity, (long) buffer.position() + minRoom));
        if (grown <= buffer.position()) {
            throw new IllegalStateException("output buffer full at " + capacity + " bytes");
        }
        ByteBuffer bigger = ByteBuffer.allocate(grown);
        buffer.flip();
        bigger.put(buffer);
        buffer = bigger;
        return buffer;
    }

    /** The bytes written since {@link #start}, in the buffer's first {@code position} bytes. */
    ByteBuffer buffer() {
        return buffer;
    }

    /** Bytes written since {@link #start}. */
    int size() {
        return buffer.position();
    }

    /** Removes the last {@code n} bytes written. */
    void truncate(int n) {
        buffer.position(buffer.position() - n);
    }

    /** The bytes written, as a view valid until the next {@link #start}. */
    ByteBuffer view() {
        return buffer.duplicate().flip();
    }

    /** The bytes written, copied into a buffer of their own. */
    ByteBuffer copy() {
        byte[] bytes = new byte[buffer.position()];
        buffer.get(0, bytes);
        return ByteBuffer.wrap(bytes);
    }

    /** Drops a buffer grown beyond {@link #RETAINED_CAPACITY}, for an object about to go idle. */
    void trim() {
        if (buffer != null && buffer.capacity() > RETAINED_CAPACITY) {
            buffer = null;
        }
    }

    /** The current capacity; tests use it to check that memory stays bounded. */
    int capacity() {
        return buffer == null ? 0 : buffer.capacity();
    }
}

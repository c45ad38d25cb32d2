package io.wspy.server.internal.nio;

import io.wspy.protocol.Message;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The bytes one connection has to send and the network has not taken yet. Not thread-safe: the
 * owner guards it with its lock.
 *
 * <p>Bytes handed over for the length of a call are copied, small ones into a chunk shared by
 * the writes that follow (a frame header and a short payload end up side by side, and leave in one
 * segment); shared immutable bytes (a prepared broadcast) are queued by reference. When the queue
 * empties, every buffer is released: an idle connection holds no output memory.
 */
final class OutboundQueue {
    private static final int CHUNK = 4096;

    /** A sent message and where it ends in the stream, for {@code onSent}. */
    private static final class SentMark {
        final long end;
        final Message message;

        SentMark(long end, Message message) {
            this.end = end;
            this.message = message;
        }
    }

    private ArrayDeque<ByteBuffer> buffers;
    /** The last buffer of {@link #buffers} if it is a chunk of ours with room left, else null. */
    private ByteBuffer tail;
    private long queued;
    private long appended;
    private long written;
    private ArrayDeque<SentMark> marks;

    /** Bytes queued. */
    long size() {
        return queued;
    }

    boolean isEmpty() {
        return queued == 0;
    }

    /** Queues a copy of {@code data}'s remaining bytes and consumes them. */
    void copy(ByteBuffer data) {
        int n = data.remaining();
        if (n == 0) {
            return;
        }
        ByteBuffer t = tail;
        if (t == null || t.capacity() - t.limit() < n) {
            t = ByteBuffer.allocate(Math.max(CHUNK, n)).limit(0);
            buffers().add(t);
            tail = t;
        }
        int end = t.limit();
        t.limit(end + n);
        t.put(end, data, data.position(), n);
        data.position(data.limit());
        added(n);
    }

    /** Queues {@code data} itself: bytes that never change, shared with other connections. */
    void share(ByteBuffer data) {
        int n = data.remaining();
        if (n == 0) {
            return;
        }
        buffers().add(data.slice());
        data.position(data.limit());
        tail = null;
        added(n);
    }

    /**
     * Remembers that {@code message} is sent once everything queued so far is written.
     *
     * @return whether that is already the case
     */
    boolean markSent(Message message) {
        if (marks == null) {
            marks = new ArrayDeque<>(4);
        }
        marks.add(new SentMark(appended, message));
        return written >= appended;
    }

    /**
     * Writes as much as {@code io} takes, using {@code batch} as scratch space.
     *
     * @return whether the queue is now empty
     */
    boolean writeTo(ChannelIO io, ByteBuffer[] batch) throws IOException {
        while (queued > 0) {
            int k = 0;
            for (ByteBuffer b : buffers) {
                batch[k++] = b;
                if (k == batch.length) {
                    break;
                }
            }
            long n;
            try {
                n = io.write(batch, 0, k);
            } finally {
                Arrays.fill(batch, 0, k, null);
            }
            queued -= n;
            written += n;
            while (!buffers.isEmpty() && !buffers.peekFirst().hasRemaining()) {
                if (buffers.pollFirst() == tail) {
                    tail = null;
                }
            }
            if (!buffers.isEmpty() && buffers.peekFirst().position() > 0 || n == 0) {
                break;
            }
        }
        if (queued == 0) {
            buffers = null;
            tail = null;
        }
        return queued == 0;
    }

    /** The messages whose last byte has been written since the last call, or an empty list. */
    List<Message> takeSent() {
        if (marks == null || marks.isEmpty() || marks.peekFirst().end > written) {
            return List.of();
        }
        List<Message> done = new ArrayList<>();
        while (!marks.isEmpty() && marks.peekFirst().end <= written) {
            done.add(marks.pollFirst().message);
        }
        if (marks.isEmpty()) {
            marks = null;
        }
        return done;
    }

    /** Drops everything: the connection is gone. */
    void clear() {
        buffers = null;
        tail = null;
        queued = 0;
        marks = null;
    }

    private ArrayDeque<ByteBuffer> buffers() {
        if (buffers == null) {
            buffers = new ArrayDeque<>(4);
        }
        return buffers;
    }

    private void added(int n) {
        queued += n;
        appended += n;
    }
}

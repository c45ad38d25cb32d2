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
 * segment); shared immutable bytes (a prepared broadcast, a large message's payload) are queued by
 * reference, and the chunk's free room goes on serving the copies queued after them. When the
 * queue empties, every buffer is released (the chunk back to a shared {@link ChunkPool}): an idle
 * connection holds no output memory.
 *
 * <p>Plain TCP writes go through the loop's direct staging buffer: the JDK would otherwise copy
 * every heap buffer offered to a write, whole, into a temporary direct buffer, and copy again
 * whatever the socket did not take, on every attempt (a megabyte message written in several
 * attempts was copied several times over). Staging copies at most the staging buffer per attempt.
 */
final class OutboundQueue {
    private static final int CHUNK = 4096;
    /** At most 1 MiB of chunks kept between rounds, for all connections together. */
    private static final ChunkPool CHUNKS = new ChunkPool(CHUNK, 256);

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
    /** The chunk copies go to, its bytes from {@link #chunkUsed} on free; null when the queue is empty. */
    private ByteBuffer chunk;
    private int chunkUsed;
    /** The last buffer of {@link #buffers} if it is a view of {@link #chunk} that may grow, else null. */
    private ByteBuffer tail;
    /** Bytes ever queued and written; the bytes queued now are the difference (one field fewer per connection). */
    private long appended;
    private long written;
    private ArrayDeque<SentMark> marks;

    /** Bytes queued. */
    long size() {
        return appended - written;
    }

    boolean isEmpty() {
        return appended == written;
    }

    /** Queues a copy of {@code data}'s remaining bytes and consumes them. */
    void copy(ByteBuffer data) {
        int n = data.remaining();
        if (n == 0) {
            return;
        }
        if (chunk == null || chunk.capacity() - chunkUsed < n) {
            // A chunk that filled up still backs queued views: it is left to the garbage collector.
            chunk = n <= CHUNK ? CHUNKS.take() : ByteBuffer.allocate(n);
            chunkUsed = 0;
            tail = null;
        }
        ByteBuffer t = tail;
        if (t == null) {
            // A view from the chunk's free room on: its limit grows with the copies that follow.
            t = chunk.duplicate().position(chunkUsed).limit(chunkUsed);
            buffers().add(t);
            tail = t;
        }
        t.limit(chunkUsed + n);
        t.put(chunkUsed, data, data.position(), n);
        chunkUsed += n;
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
     * Writes as much as {@code io} takes, using {@code batch} as scratch space, and, when it is
     * not null, {@code staging} (a direct buffer) to hand heap bytes to the channel.
     *
     * @return whether the queue is now empty
     */
    boolean writeTo(ChannelIO io, ByteBuffer[] batch, ByteBuffer staging) throws IOException {
        while (appended > written) {
            long offered;
            long n;
            int k = 1;
            try {
                if (staging != null && !buffers.peekFirst().isDirect()) {
                    offered = stage(staging);
                    batch[0] = staging;
                    n = io.write(batch, 0, 1);
                    consume(n);
                } else {
                    k = (int) Math.min(batch.length, buffers.size());
                    offered = gather(batch);
                    n = io.write(batch, 0, k);
                    dropWritten();
                }
            } finally {
                Arrays.fill(batch, 0, k, null);
            }
            written += n;
            if (n < offered) {
                break;
            }
        }
        if (appended == written) {
            buffers = null;
            releaseChunk();
            tail = null;
        }
        return appended == written;
    }

    /** Fills {@code batch} with the first buffers; returns the bytes they hold. */
    private long gather(ByteBuffer[] batch) {
        int k = 0;
        long bytes = 0;
        for (ByteBuffer b : buffers) {
            batch[k++] = b;
            bytes += b.remaining();
            if (k == batch.length) {
                break;
            }
        }
        return bytes;
    }

    /** Copies the leading heap buffers' bytes into {@code staging}, as many as fit; returns how many. */
    private int stage(ByteBuffer staging) {
        staging.clear();
        for (ByteBuffer b : buffers) {
            if (!staging.hasRemaining() || b.isDirect()) {
                break;
            }
            int n = Math.min(staging.remaining(), b.remaining());
            staging.put(staging.position(), b, b.position(), n);
            staging.position(staging.position() + n);
        }
        return staging.flip().remaining();
    }

    /** Takes {@code n} bytes, written from a staged copy, off the front of the queue. */
    private void consume(long n) {
        long left = n;
        while (left > 0) {
            ByteBuffer b = buffers.peekFirst();
            int k = (int) Math.min(left, b.remaining());
            b.position(b.position() + k);
            left -= k;
            if (!b.hasRemaining()) {
                dropFirst();
            }
        }
    }

    /** Drops the leading buffers a gathering write emptied. */
    private void dropWritten() {
        while (!buffers.isEmpty() && !buffers.peekFirst().hasRemaining()) {
            dropFirst();
        }
    }

    private void dropFirst() {
        if (buffers.pollFirst() == tail) {
            tail = null;
        }
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
        releaseChunk();
        tail = null;
        written = appended;
        marks = null;
    }

    /** Gives the chunk back to the pool; only when no queued view of it is left to write. */
    private void releaseChunk() {
        if (chunk != null && chunk.capacity() == CHUNK) {
            CHUNKS.giveBack(chunk);
        }
        chunk = null;
    }

    private ArrayDeque<ByteBuffer> buffers() {
        if (buffers == null) {
            buffers = new ArrayDeque<>(4);
        }
        return buffers;
    }

    private void added(int n) {
        appended += n;
    }
}

package io.wspy.extensions.internal;

import java.nio.ByteBuffer;
import java.util.zip.Deflater;

/**
 * One raw DEFLATE stream that writes permessage-deflate and deflate-frame payloads (RFC 7692
 * section 7.2.1): each unit (a message, or a frame for deflate-frame) ends with a sync flush whose
 * trailing {@code 00 00 ff ff} is removed.
 *
 * <p><b>Window limit.</b> {@link Deflater} always uses a 32 KiB window, but a peer may have asked
 * for a smaller one ({@code server_max_window_bits} / {@code client_max_window_bits}), and a peer
 * that inflates with a 2^N byte window fails on any back-reference further than 2^N bytes. zlib
 * finds matches only through its hash chains, and a {@link Deflater#FULL_FLUSH} clears them, so no
 * match reaches back across a full flush. For N from 10 to 14 this class cuts the input into
 * segments of 2^(N-1) bytes, ends each with a full flush and then loads the segment just written
 * as the preset dictionary ({@link Deflater#setDictionary}, allowed for raw deflate once a flush
 * has completed): a match then reaches at most the dictionary plus the current segment back,
 * 2^N bytes. For N of 8 and 9 the flushes would come so often that the dictionary costs more
 * than it gains, so segments are 2^N bytes with no dictionary. With N = 15 zlib's own limit
 * (32 KiB less 262 bytes) already fits, so nothing is done.
 *
 * <p>Not thread-safe.
 */
public final class Compressor implements ZlibStream {
    private static final int MIN_ROOM = 64;
    /** Below this window, refilling the dictionary after each full flush costs more than it gains. */
    private static final int SMALLEST_REFILLED_WINDOW = 10;
    private static final byte[] NO_BYTES = {};
    /** An empty stored block with its LEN/NLEN removed: what zlib writes for an empty unit. */
    private static final byte EMPTY_BLOCK = 0;

    private final Deflater deflater;
    private final OutputBuffer out = new OutputBuffer();
    private int segment;
    private boolean refill;
    private byte[] recent;
    private int sinceFullFlush;
    private boolean pending;

    Compressor(Deflater deflater) {
        this.deflater = deflater;
    }

    /**
     * Limits back-references to a window of 2^{@code bits} bytes, from the next byte on. Set it on a
     * fresh or {@linkplain #reset() reset} compressor.
     */
    void window(int bits) {
        refill = bits >= SMALLEST_REFILLED_WINDOW && bits < WindowBits.MAX;
        segment = bits >= WindowBits.MAX ? 0 : refill ? 1 << (bits - 1) : 1 << bits;
        if (refill && (recent == null || recent.length < segment)) {
            recent = new byte[segment];
        }
        sinceFullFlush = 0;
    }

    /**
     * Compresses {@code in}'s remaining bytes (consuming them). At the end of a unit the result is
     * sync-flushed and loses its {@code 00 00 ff ff} tail; within a unit it is sync-flushed and kept
     * whole, so that every frame carries all its data.
     *
     * Read the bytes with {@link #result}.
     */
    void compress(ByteBuffer in, boolean endOfUnit) {
        // Room for incompressible data plus the blocks and flushes around it, so that it rarely grows.
        out.start((int) Math.min(OutputBuffer.MAX_CAPACITY, (long) in.remaining() + (in.remaining() >> 3) + MIN_ROOM));
        if (in.hasRemaining()) {
            feed(in);
            pending = true;
        }
        if (pending) {
            drain(Deflater.SYNC_FLUSH);
            pending = false;
            if (endOfUnit) {
                stripTail();
            }
        } else if (endOfUnit) {
            // Nothing since the last flush: zlib would write nothing, but the peer appends the tail
            // and needs a block header in front of it.
            out.room(1, OutputBuffer.MAX_CAPACITY).put(EMPTY_BLOCK);
        }
    }

    private void feed(ByteBuffer in) {
        if (segment == 0) {
            deflater.setInput(in);
            drain(Deflater.NO_FLUSH);
            deflater.setInput(NO_BYTES);
            return;
        }
        int end = in.limit();
        while (in.position() < end) {
            if (sinceFullFlush == segment) {
                restartWindow();
            }
            int n = Math.min(end - in.position(), segment - sinceFullFlush);
            if (refill) {
                in.get(in.position(), recent, sinceFullFlush, n);
            }
            in.limit(in.position() + n);
            deflater.setInput(in);
            drain(Deflater.NO_FLUSH);
            // Detach the input before widening the limit again, or the next flush would read on.
            deflater.setInput(NO_BYTES);
            in.limit(end);
            sinceFullFlush += n;
        }
    }

    /** Forgets every match position, then offers the last segment again as history. */
    private void restartWindow() {
        drain(Deflater.FULL_FLUSH);
        if (refill) {
            deflater.setDictionary(recent, 0, segment);
        }
        sinceFullFlush = 0;
    }

    private void drain(int flush) {
        while (true) {
            ByteBuffer room = out.room(MIN_ROOM, OutputBuffer.MAX_CAPACITY);
            int free = room.remaining();
            int written = deflater.deflate(room, flush);
            boolean done = flush == Deflater.NO_FLUSH ? deflater.needsInput() : written < free;
            if (done) {
                return;
            }
        }
    }

    private void stripTail() {
        ByteBuffer b = out.buffer();
        int p = b.position();
        if (p < 4 || b.get(p - 4) != 0 || b.get(p - 3) != 0 || b.get(p - 2) != (byte) 0xff
                || b.get(p - 1) != (byte) 0xff) {
            throw new IllegalStateException("sync flush did not end with 00 00 ff ff");
        }
        out.truncate(4);
    }

    @Override
    public ByteBuffer result(boolean owned) {
        return out.result(owned);
    }

    /** Starts a fresh stream with no history, keeping the window limit. */
    void reset() {
        deflater.reset();
        deflater.setInput(NO_BYTES);
        sinceFullFlush = 0;
        pending = false;
    }

    /** Releases zlib's native memory now. */
    @Override
    public void end() {
        deflater.end();
    }
}

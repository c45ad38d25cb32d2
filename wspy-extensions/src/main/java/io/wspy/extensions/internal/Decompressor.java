package io.wspy.extensions.internal;

import io.wspy.frame.CloseCode;
import io.wspy.frame.ProtocolException;

import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * One raw DEFLATE stream that reads permessage-deflate and deflate-frame payloads (RFC 7692
 * section 7.2.2): at the end of each unit the {@code 00 00 ff ff} tail the sender removed is fed
 * back. The output of each call is bounded, which is what stops decompression bombs: inflation
 * stops one byte past the limit, so a bomb costs at most the limit in memory and the work of
 * producing it.
 *
 * <p>{@link Inflater} always keeps a 32 KiB window, so it reads what a peer compressed with any
 * window size. A peer may end a DEFLATE stream with a final block (RFC 7692 section 7.2.3.4); the
 * next bytes then start a new stream, which gets the output of the current call (up to 32 KiB)
 * as its history.
 *
 * <p>Not thread-safe.
 */
public final class Decompressor implements ZlibStream {
    private static final int WINDOW = 1 << 15;
    private static final int EXPANSION_GUESS = 4;
    /** DEFLATE's largest expansion: a 258-byte match in as little as two bits, about 1032 to 1. */
    private static final int MAX_EXPANSION = 1032;
    private static final byte[] NO_BYTES = {};

    private final Inflater inflater;
    private final OutputBuffer out = new OutputBuffer();
    private final ByteBuffer tail = ByteBuffer.wrap(new byte[] {0, 0, (byte) 0xff, (byte) 0xff});
    private boolean unitHasInput;
    private int lastSize;

    Decompressor(Inflater inflater) {
        this.inflater = inflater;
    }

    /**
     * Inflates {@code in}'s remaining bytes (consuming them); at the end of a unit also the tail.
     *
     * Read the bytes with {@link #result}.
     *
     * @param limit the most bytes this call may produce
     * @throws ProtocolException {@link CloseCode#MESSAGE_TOO_BIG} past the limit,
     *                           {@link CloseCode#INVALID_PAYLOAD} for data that does not inflate
     */
    void decompress(ByteBuffer in, boolean endOfUnit, long limit) throws ProtocolException {
        int max = (int) Math.min(limit, OutputBuffer.MAX_CAPACITY - 1L);
        int capacity = max + 1;
        // Messages on a connection tend to be alike: expect a little more than the last call produced
        // (a little, for zlib says it is done only when it stops short of filling the buffer), but
        // never more than this input can inflate to.
        long compressed = in.remaining() + 4L;
        long expected = Math.max(Math.min(lastSize + (lastSize >> 3) + 1L, compressed * MAX_EXPANSION),
                compressed * EXPANSION_GUESS);
        out.start((int) Math.min(capacity, expected));
        if (in.hasRemaining()) {
            unitHasInput = true;
            inflate(in, max, capacity);
        }
        // A unit without a single compressed byte is an empty message some peers send; the tail
        // alone would leave the stream inside a stored-block header.
        if (endOfUnit && unitHasInput) {
            tail.clear();
            inflate(tail, max, capacity);
            unitHasInput = false;
        }
        inflater.setInput(NO_BYTES);
        lastSize = out.buffer().position();
    }

    private void inflate(ByteBuffer in, int max, int capacity) throws ProtocolException {
        inflater.setInput(in);
        while (true) {
            if (inflater.finished()) {
                restartAfterFinalBlock(in);
            }
            ByteBuffer room = out.room(1, capacity);
            int free = room.remaining();
            int written;
            try {
                written = inflater.inflate(room);
            } catch (DataFormatException e) {
                throw new ProtocolException(CloseCode.INVALID_PAYLOAD,
                        "compressed data does not inflate: " + e.getMessage(), e);
            }
            if (room.position() > max) {
                throw new ProtocolException(CloseCode.MESSAGE_TOO_BIG,
                        "inflated data exceeds the limit of " + max + " bytes");
            }
            if (written < free && !inflater.finished()) {
                return;
            }
        }
    }

    private void restartAfterFinalBlock(ByteBuffer in) {
        inflater.reset();
        ByteBuffer produced = out.buffer();
        int history = Math.min(WINDOW, produced.position());
        if (history > 0) {
            inflater.setDictionary(produced.duplicate().flip().position(produced.position() - history));
        }
        inflater.setInput(in);
    }

    @Override
    public ByteBuffer result(boolean owned) {
        return out.result(owned);
    }

    /**
     * Starts a fresh stream with no history. The last size stays as the hint for the next unit:
     * the messages a pooled stream inflates for one server tend to be alike too.
     */
    void reset() {
        inflater.reset();
        inflater.setInput(NO_BYTES);
        unitHasInput = false;
    }

    /** Releases zlib's native memory now. */
    @Override
    public void end() {
        inflater.end();
    }
}

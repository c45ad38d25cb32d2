package io.wspy.extensions.internal;

import io.wspy.frame.ProtocolException;

import java.nio.ByteBuffer;

/** The receiving half of one connection's compression; see {@link StreamHolder}. Thread-safe. */
public final class Inflating extends StreamHolder<Decompressor> {
    private static final Work<Decompressor, ProtocolException> DECOMPRESS = Decompressor::decompress;

    private final ZlibPool pool;

    public Inflating(ZlibPool pool, boolean contextTakeover) {
        super(contextTakeover);
        this.pool = pool;
    }

    /**
     * Inflates {@code in}'s remaining bytes as part of a unit (consuming them).
     *
     * @param limit the most bytes this call may produce
     * @return the inflated bytes, valid until the next call
     * @throws ProtocolException     past the limit, or for data that does not inflate
     * @throws IllegalStateException after {@link #close()}
     */
    public ByteBuffer decompress(ByteBuffer in, boolean endOfUnit, long limit) throws ProtocolException {
        return use(DECOMPRESS, in, endOfUnit, limit);
    }

    @Override
    Decompressor own() {
        return pool.ownDecompressor();
    }

    @Override
    Decompressor borrow() {
        return pool.takeDecompressor();
    }

    @Override
    void end(Decompressor own) {
        pool.end(own);
    }

    @Override
    void giveBack(Decompressor borrowed) {
        pool.giveBack(borrowed);
    }
}

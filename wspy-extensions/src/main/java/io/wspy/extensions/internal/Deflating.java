package io.wspy.extensions.internal;

import java.nio.ByteBuffer;

/** The sending half of one connection's compression; see {@link StreamHolder}. Thread-safe. */
public final class Deflating extends StreamHolder<Compressor> {
    private static final Work<Compressor, RuntimeException> COMPRESS =
            (compressor, in, endOfUnit, unused) -> compressor.compress(in, endOfUnit);

    private final ZlibPool pool;
    private final int windowBits;

    /**
     * @param windowBits the window the peer inflates with (8-15)
     */
    public Deflating(ZlibPool pool, boolean contextTakeover, int windowBits) {
        super(contextTakeover);
        this.pool = pool;
        this.windowBits = windowBits;
    }

    /** The window limit honoured, in bits. */
    public int windowBits() {
        return windowBits;
    }

    /**
     * Compresses {@code in}'s remaining bytes as part of a unit (consuming them).
     *
     * @return the compressed bytes, valid until the next call
     * @throws IllegalStateException after {@link #close()}
     */
    public ByteBuffer compress(ByteBuffer in, boolean endOfUnit) {
        return use(COMPRESS, in, endOfUnit, 0);
    }

    @Override
    Compressor own() {
        Compressor c = pool.ownCompressor();
        c.window(windowBits);
        return c;
    }

    @Override
    Compressor borrow() {
        Compressor c = pool.takeCompressor();
        c.window(windowBits);
        return c;
    }

    @Override
    void end(Compressor own) {
        pool.end(own);
    }

    @Override
    void giveBack(Compressor borrowed) {
        pool.giveBack(borrowed);
    }
}

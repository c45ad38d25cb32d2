package io.wspy.extensions.internal;

/**
 * The compressors and decompressors of one extension factory. Connections without context
 * takeover borrow one for the length of a message (or frame) and give it back reset, so an idle
 * connection holds no zlib state at all; connections with context takeover get their own, which
 * they end when they close. Thread-safe.
 */
public final class ZlibPool {
    private final ZlibFactory zlib;
    private final BoundedPool<Compressor> compressors;
    private final BoundedPool<Decompressor> decompressors;

    /**
     * A pool creating through {@code zlib}.
     *
     * @param maxIdle how many idle compressors, and as many decompressors, to keep at most
     */
    public ZlibPool(ZlibFactory zlib, int maxIdle) {
        if (maxIdle < 0) {
            throw new IllegalArgumentException("maxIdle must not be negative: " + maxIdle);
        }
        this.zlib = zlib;
        this.compressors = new BoundedPool<>(maxIdle, this::newCompressor, Compressor::reset, Compressor::end);
        this.decompressors = new BoundedPool<>(maxIdle, this::newDecompressor, Decompressor::reset,
                Decompressor::end);
    }

    /** A compressor of its own for a connection, which must {@link Compressor#end()} it. */
    Compressor newCompressor() {
        return new Compressor(zlib.newDeflater());
    }

    /** A decompressor of its own for a connection, which must {@link Decompressor#end()} it. */
    Decompressor newDecompressor() {
        return new Decompressor(zlib.newInflater());
    }

    Compressor takeCompressor() {
        return compressors.take();
    }

    void giveBack(Compressor compressor) {
        compressors.giveBack(compressor);
    }

    Decompressor takeDecompressor() {
        return decompressors.take();
    }

    void giveBack(Decompressor decompressor) {
        decompressors.giveBack(decompressor);
    }

    /** Idle compressors kept. */
    public int idleCompressors() {
        return compressors.idleCount();
    }

    /** Idle decompressors kept. */
    public int idleDecompressors() {
        return decompressors.idleCount();
    }

    /** Ends every idle compressor and decompressor now; the pool stays usable. */
    public void releaseIdle() {
        compressors.destroyIdle();
        decompressors.destroyIdle();
    }
}

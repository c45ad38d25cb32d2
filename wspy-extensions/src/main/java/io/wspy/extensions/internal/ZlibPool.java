package io.wspy.extensions.internal;

import java.util.concurrent.atomic.AtomicInteger;

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
    /** Streams connections hold: their own until ended, borrowed ones until given back. */
    private final AtomicInteger held = new AtomicInteger();

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

    private Compressor newCompressor() {
        return new Compressor(zlib.newDeflater());
    }

    private Decompressor newDecompressor() {
        return new Decompressor(zlib.newInflater());
    }

    /** A compressor of its own for a connection, which must hand it to {@link #end} when done. */
    Compressor ownCompressor() {
        Compressor c = newCompressor();
        held.incrementAndGet();
        return c;
    }

    /** A decompressor of its own for a connection, which must hand it to {@link #end} when done. */
    Decompressor ownDecompressor() {
        Decompressor d = newDecompressor();
        held.incrementAndGet();
        return d;
    }

    /** Ends a stream a connection owned. */
    void end(ZlibStream own) {
        held.decrementAndGet();
        own.end();
    }

    Compressor takeCompressor() {
        Compressor c = compressors.take();
        held.incrementAndGet();
        return c;
    }

    void giveBack(Compressor compressor) {
        held.decrementAndGet();
        compressors.giveBack(compressor);
    }

    Decompressor takeDecompressor() {
        Decompressor d = decompressors.take();
        held.incrementAndGet();
        return d;
    }

    void giveBack(Decompressor decompressor) {
        held.decrementAndGet();
        decompressors.giveBack(decompressor);
    }

    /** Streams connections hold now, own or borrowed: 0 once every connection has closed. */
    public int held() {
        return held.get();
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

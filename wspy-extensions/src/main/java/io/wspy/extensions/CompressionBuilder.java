package io.wspy.extensions;

import io.wspy.extensions.internal.ZlibFactory;
import io.wspy.extensions.internal.ZlibPool;

import java.util.zip.Deflater;

/** The settings both compression extensions share: level, threshold and pool. */
abstract class CompressionBuilder<B extends CompressionBuilder<B>> {
    int compressionLevel = Deflater.DEFAULT_COMPRESSION;
    int compressionThreshold = 64;
    int poolSize = 4 * Runtime.getRuntime().availableProcessors();
    private ZlibFactory zlib;

    abstract B self();

    /** The zlib compression level, 0-9 or {@link Deflater#DEFAULT_COMPRESSION} (6, the default). */
    public B compressionLevel(int level) {
        if (level != Deflater.DEFAULT_COMPRESSION && (level < 0 || level > 9)) {
            throw new IllegalArgumentException("compression level must be 0-9 or -1: " + level);
        }
        this.compressionLevel = level;
        return self();
    }

    /**
     * Payloads with fewer bytes than this are sent uncompressed (default 64; 0 compresses
     * everything): whole messages for permessage-deflate, where a message sent in several frames
     * counts as large, and single frames for deflate-frame.
     */
    public B compressionThreshold(int bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("compression threshold must not be negative: " + bytes);
        }
        this.compressionThreshold = bytes;
        return self();
    }

    /**
     * How many idle compressors, and as many decompressors, the pool for connections without
     * context takeover keeps (default 4 per processor). More are created when needed; those that
     * do not fit back are ended at once. 0 creates and ends one per message.
     */
    public B poolSize(int idle) {
        if (idle < 0) {
            throw new IllegalArgumentException("pool size must not be negative: " + idle);
        }
        this.poolSize = idle;
        return self();
    }

    /** Where zlib streams come from; tests count creations and ends with it. */
    B zlib(ZlibFactory factory) {
        this.zlib = factory;
        return self();
    }

    /** A pool for the configured level and size. */
    ZlibPool newPool() {
        return new ZlibPool(zlib != null ? zlib : ZlibFactory.standard(compressionLevel), poolSize);
    }
}

package io.wspy.extensions.internal;

import java.nio.ByteBuffer;

/** What a connection's half does with its {@link Compressor} or {@link Decompressor}. */
interface ZlibStream {
    /**
     * The bytes the last use produced, ready to read: for good if {@code owned}, else valid until
     * the next use.
     */
    ByteBuffer result(boolean owned);

    /** Releases zlib's native memory now. */
    void end();
}

package io.wspy.extensions.internal;

import java.nio.ByteBuffer;

/** What a connection's half does with its {@link Compressor} or {@link Decompressor}. */
interface ZlibStream {
    /** The last result, copied into a buffer of its own. */
    ByteBuffer copyOfResult();

    /** Releases zlib's native memory now. */
    void end();
}

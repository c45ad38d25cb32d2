package io.wspy.extensions.internal;

import java.util.zip.Deflater;
import java.util.zip.Inflater;

/** Creates the raw (no zlib header) deflaters and inflaters the extensions use. */
public interface ZlibFactory {
    /** A raw deflater. */
    Deflater newDeflater();

    /** A raw inflater. */
    Inflater newInflater();

    /** The JDK's zlib at a compression level (0-9, or {@link Deflater#DEFAULT_COMPRESSION}). */
    static ZlibFactory standard(int level) {
        return new ZlibFactory() {
            @Override
            public Deflater newDeflater() {
                return new Deflater(level, true);
            }

            @Override
            public Inflater newInflater() {
                return new Inflater(true);
            }
        };
    }
}

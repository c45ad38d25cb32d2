package io.wspy.extensions.internal;

import io.wspy.frame.extension.Extension;

/** Lets tests in other packages see which zlib streams an extension holds. */
public final class DeflateExtensionAccess {
    private DeflateExtensionAccess() {
    }

    /** The compressor the extension holds now, or null. */
    public static Compressor sendingStream(Extension e) {
        return ((DeflateExtension) e).sending().held();
    }

    /** The decompressor the extension holds now, or null. */
    public static Decompressor receivingStream(Extension e) {
        return ((DeflateExtension) e).receiving().held();
    }
}

package io.wspy.extensions;

import io.wspy.extensions.internal.ZlibPool;
import io.wspy.frame.FrameHeader;
import io.wspy.frame.extension.ExtensionFactory;

/** What both compression factories share: RSV1, the threshold and the pool. */
abstract class DeflateFactory implements ExtensionFactory {
    final int compressionThreshold;
    final ZlibPool pool;

    DeflateFactory(CompressionBuilder<?> settings) {
        this.compressionThreshold = settings.compressionThreshold;
        this.pool = settings.newPool();
    }

    /** RSV1. */
    @Override
    public final int rsvBits() {
        return FrameHeader.RSV1;
    }

    /**
     * Ends the zlib state of the pooled streams now idle, returning their native memory at once
     * (for example when a server stops). The factory stays usable.
     */
    public final void releaseIdle() {
        pool.releaseIdle();
    }
}

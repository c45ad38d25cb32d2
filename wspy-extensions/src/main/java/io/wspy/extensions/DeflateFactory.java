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

    /**
     * The zlib streams (each with its buffers) that connections negotiated by this factory hold
     * now: their own under context takeover, or one borrowed from the pool for a message. 0 once
     * every such connection has closed, so a count that stays above it reveals a leak.
     */
    public final int streamsHeld() {
        return pool.held();
    }
}

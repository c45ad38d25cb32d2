package io.wspy.server.testing;

import io.wspy.connection.internal.BlockingReader;
import io.wspy.extensions.PerMessageDeflate;

/**
 * The buffers borrowed from wspy's pools and not given back, for the tests that check a client
 * or server leaves nothing behind: the blocking connections' burst buffers, and the zlib streams
 * (with their buffers) that the connections of the given compression factories hold.
 */
public final class Borrowed {
    private Borrowed() {
    }

    /** Buffers borrowed now: 0 once every connection of {@code factories} has closed and no blocking read bursts. */
    public static int buffers(PerMessageDeflate... factories) {
        int held = BlockingReader.burstBuffersBorrowed();
        for (PerMessageDeflate factory : factories) {
            held += factory.streamsHeld();
        }
        return held;
    }
}

package io.wspy.handshake;

/**
 * Size limits that keep a handshake's memory bounded whatever the peer sends. Immutable.
 *
 * @param maxHeadBytes    the most bytes of a request or response head (start line, header lines
 *                        and line ends); a server answers a larger request with 431
 * @param maxHeaders      the most header lines in a head; a server answers more with 431
 * @param maxTargetLength the longest request-target a server accepts; longer ones get 414
 * @param maxBodyBytes    the largest body of a non-101 response (a 401 or redirect page) that a
 *                        client reads, so the connection can be reused; larger bodies are not
 *                        read and the connection is not reused
 */
public record HandshakeLimits(int maxHeadBytes, int maxHeaders, int maxTargetLength, int maxBodyBytes) {
    /** 8 KiB of head, 100 headers, a 4 KiB request-target, a 64 KiB error body. */
    public static final HandshakeLimits DEFAULT = new HandshakeLimits(8 * 1024, 100, 4 * 1024, 64 * 1024);

    /**
     * Checks that every limit is positive.
     *
     * @throws IllegalArgumentException if a limit is zero or negative
     */
    public HandshakeLimits {
        requirePositive(maxHeadBytes, "maxHeadBytes");
        requirePositive(maxHeaders, "maxHeaders");
        requirePositive(maxTargetLength, "maxTargetLength");
        requirePositive(maxBodyBytes, "maxBodyBytes");
    }

    /** A copy with another {@link #maxHeadBytes()}. */
    public HandshakeLimits withMaxHeadBytes(int value) {
        return new HandshakeLimits(value, maxHeaders, maxTargetLength, maxBodyBytes);
    }

    /** A copy with another {@link #maxHeaders()}. */
    public HandshakeLimits withMaxHeaders(int value) {
        return new HandshakeLimits(maxHeadBytes, value, maxTargetLength, maxBodyBytes);
    }

    /** A copy with another {@link #maxTargetLength()}. */
    public HandshakeLimits withMaxTargetLength(int value) {
        return new HandshakeLimits(maxHeadBytes, maxHeaders, value, maxBodyBytes);
    }

    /** A copy with another {@link #maxBodyBytes()}. */
    public HandshakeLimits withMaxBodyBytes(int value) {
        return new HandshakeLimits(maxHeadBytes, maxHeaders, maxTargetLength, value);
    }

    private static void requirePositive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }
}

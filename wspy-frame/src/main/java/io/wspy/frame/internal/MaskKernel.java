package io.wspy.frame.internal;

/**
 * XORs bytes with a repeating 4-byte masking key (RFC 6455 section 5.3). The key is big-endian:
 * its top byte applies to the first byte of the range. Implementations are stateless.
 */
public interface MaskKernel {
    /** Masks {@code a[offset, offset + length)} in place. */
    void mask(byte[] a, int offset, int length, int key);

    /** Writes {@code src[srcOffset..]} masked to {@code dst[dstOffset..]}; the ranges may be the same. */
    void mask(byte[] src, int srcOffset, byte[] dst, int dstOffset, int length, int key);
}

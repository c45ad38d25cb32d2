package io.wspy.server.conformance;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The fuzzer's own permessage-deflate for one session, with {@code java.util.zip} directly.
 *
 * <p>Sending, it honours the window it was granted although {@link Deflater} has no window
 * setting: below 15 bits it compresses at most {@code 2^bits} bytes between full flushes, so no
 * match can reach further back. Receiving, it inflates with {@link Inflater} and, when the peer's
 * window is below 15 bits, also with a {@link WindowCheckingInflater} that refuses any reference
 * beyond it.
 */
final class SessionCompression implements AutoCloseable {
    private static final byte[] TAIL = {0, 0, (byte) 0xFF, (byte) 0xFF};

    private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    private final Inflater inflater = new Inflater(true);
    private final boolean sendContext;
    private final int sendWindowBits;
    private final boolean receiveContext;
    private final WindowCheckingInflater windowCheck;

    SessionCompression(boolean sendContext, int sendWindowBits, boolean receiveContext, int receiveWindowBits) {
        this.sendContext = sendContext;
        this.sendWindowBits = sendWindowBits;
        this.receiveContext = receiveContext;
        this.windowCheck = receiveWindowBits < 15 ? new WindowCheckingInflater(receiveWindowBits) : null;
    }

    /** For the fuzzer's role in a session negotiated with {@code params}. */
    static SessionCompression forRole(boolean fuzzerIsClient, DeflateParams params) {
        boolean clientContext = !params.clientNoContextTakeover();
        boolean serverContext = !params.serverNoContextTakeover();
        return fuzzerIsClient
                ? new SessionCompression(clientContext, params.clientWindowBits(), serverContext,
                        params.serverWindowBits())
                : new SessionCompression(serverContext, params.serverWindowBits(), clientContext,
                        params.clientWindowBits());
    }

    /** Compresses one message: the payload to send, without the {@code 00 00 ff ff} tail. */
    byte[] compress(byte[] message) {
        if (!sendContext) {
            deflater.reset();
        }
        if (message.length == 0) {
            // An empty stored block (RFC 7692 section 7.2.3.6); zlib emits nothing for a second flush.
            return new byte[1];
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.length / 2 + 16);
        byte[] buffer = new byte[64 * 1024];
        int chunk = sendWindowBits < 15 ? 1 << sendWindowBits : message.length;
        int mode = sendWindowBits < 15 ? Deflater.FULL_FLUSH : Deflater.SYNC_FLUSH;
        int offset = 0;
        do {
            int n = Math.min(chunk, message.length - offset);
            deflater.setInput(message, offset, n);
            offset += n;
            int written;
            do {
                written = deflater.deflate(buffer, 0, buffer.length, mode);
                out.write(buffer, 0, written);
            } while (written == buffer.length || !deflater.needsInput());
        } while (offset < message.length);
        byte[] compressed = out.toByteArray();
        if (compressed.length < 4 || !Arrays.equals(compressed, compressed.length - 4, compressed.length, TAIL, 0, 4)) {
            throw new IllegalStateException("a flush did not end with 00 00 ff ff");
        }
        return Arrays.copyOf(compressed, compressed.length - 4);
    }

    /**
     * Inflates one message the peer compressed (its frames' payloads joined).
     *
     * @throws IllegalStateException if the data does not inflate, or reaches beyond the peer's window
     */
    byte[] decompress(byte[] compressed) {
        if (!receiveContext) {
            inflater.reset();
            if (windowCheck != null) {
                windowCheck.reset();
            }
        }
        if (compressed.length == 0) {
            return new byte[0];
        }
        byte[] unit = Arrays.copyOf(compressed, compressed.length + 4);
        System.arraycopy(TAIL, 0, unit, compressed.length, 4);
        byte[] inflated = inflateAll(unit);
        if (windowCheck != null) {
            byte[] checked = windowCheck.inflate(unit);
            if (!Arrays.equals(checked, inflated)) {
                throw new IllegalStateException("the window-checking inflater disagrees with java.util.zip");
            }
        }
        return inflated;
    }

    private byte[] inflateAll(byte[] unit) {
        inflater.setInput(unit);
        ByteArrayOutputStream out = new ByteArrayOutputStream(unit.length * 4);
        byte[] buffer = new byte[64 * 1024];
        try {
            while (true) {
                int n = inflater.inflate(buffer);
                out.write(buffer, 0, n);
                if (inflater.finished()) {
                    // A final block ended the stream (RFC 7692 section 7.2.3.4); read on afresh.
                    int rest = inflater.getRemaining();
                    byte[] dictionary = out.toByteArray();
                    inflater.reset();
                    inflater.setDictionary(Arrays.copyOfRange(dictionary,
                            Math.max(0, dictionary.length - 32768), dictionary.length));
                    inflater.setInput(unit, unit.length - rest, rest);
                    continue;
                }
                if (n == 0 && inflater.needsInput()) {
                    return out.toByteArray();
                }
            }
        } catch (DataFormatException e) {
            throw new IllegalStateException("the peer's compressed data does not inflate: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        deflater.end();
        inflater.end();
    }
}

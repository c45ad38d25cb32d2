package io.wspy.frame;

import java.security.SecureRandom;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntSupplier;

/**
 * Sources of masking keys. RFC 6455 section 5.3 asks for keys "derived from a strong source of
 * entropy" that a peer cannot predict; {@link #secure()} draws them from {@link SecureRandom}
 * in batches, so a key costs a few nanoseconds instead of a system call.
 */
public final class MaskingKeys {
    private static final IntSupplier SECURE = new Batched(new SecureRandom());

    private MaskingKeys() {
    }

    /** The shared, thread-safe source of unpredictable keys that clients use by default. */
    public static IntSupplier secure() {
        return SECURE;
    }

    /** Always the same key: for tests and tools only, never for a real client. */
    public static IntSupplier fixed(int key) {
        return () -> key;
    }

    /** Hands out keys from a buffer that a {@link SecureRandom} refills 256 keys at a time. */
    private static final class Batched implements IntSupplier {
        private final SecureRandom random;
        private final ReentrantLock lock = new ReentrantLock();
        private final byte[] batch = new byte[1024];
        private int next = batch.length;

        Batched(SecureRandom random) {
            this.random = random;
        }

        @Override
        public int getAsInt() {
            lock.lock();
            try {
                if (next == batch.length) {
                    random.nextBytes(batch);
                    next = 0;
                }
                int key = ((batch[next] & 0xFF) << 24) | ((batch[next + 1] & 0xFF) << 16)
                        | ((batch[next + 2] & 0xFF) << 8) | (batch[next + 3] & 0xFF);
                next += 4;
                return key;
            } finally {
                lock.unlock();
            }
        }
    }
}

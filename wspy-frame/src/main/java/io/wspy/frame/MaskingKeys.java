package io.wspy.frame;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntSupplier;
import javax.crypto.Cipher;
import javax.crypto.spec.ChaCha20ParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Sources of masking keys. RFC 6455 section 5.3 asks for keys "derived from a strong source of
 * entropy" that a peer cannot predict; {@link #secure()} draws them from a ChaCha20 keystream
 * keyed from {@link SecureRandom}, so a key costs a few nanoseconds and no allocation.
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

    /**
     * Hands out keys from a buffer refilled 256 keys at a time with the ChaCha20 keystream (a
     * cryptographically strong generator, as in Linux's getrandom). SecureRandom only provides the
     * ChaCha20 key and nonce, afresh every {@link #REKEY_AFTER} bytes: SHA1PRNG-based generation
     * cost about 50 ns and 12 bytes of garbage per key.
     */
    private static final class Batched implements IntSupplier {
        private static final int BATCH = 1024;
        /** Far below the 256 GiB that one ChaCha20 key and nonce can produce. */
        private static final long REKEY_AFTER = 1L << 30;

        private final SecureRandom seeds;
        private final ReentrantLock lock = new ReentrantLock();
        private final byte[] zeros = new byte[BATCH];
        private final byte[] batch = new byte[BATCH];
        private final Cipher chacha;
        private long untilRekey;
        private int next = BATCH;

        Batched(SecureRandom seeds) {
            this.seeds = seeds;
            try {
                this.chacha = Cipher.getInstance("ChaCha20");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("ChaCha20 is part of every Java SE 11+ runtime", e);
            }
        }

        @Override
        public int getAsInt() {
            lock.lock();
            try {
                if (next == BATCH) {
                    refill();
                }
                int key = ((batch[next] & 0xFF) << 24) | ((batch[next + 1] & 0xFF) << 16)
                        | ((batch[next + 2] & 0xFF) << 8) | (batch[next + 3] & 0xFF);
                next += 4;
                return key;
            } finally {
                lock.unlock();
            }
        }

        private void refill() {
            try {
                if (untilRekey <= 0) {
                    byte[] key = new byte[32];
                    byte[] nonce = new byte[12];
                    seeds.nextBytes(key);
                    seeds.nextBytes(nonce);
                    chacha.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "ChaCha20"),
                            new ChaCha20ParameterSpec(nonce, 1));
                    untilRekey = REKEY_AFTER;
                }
                chacha.update(zeros, 0, BATCH, batch, 0);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("ChaCha20 keystream failed", e);
            }
            untilRekey -= BATCH;
            next = 0;
        }
    }
}

package io.wspy.frame;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The key sources. Keys are random, so the checks are statistical, with margins that make a false
 * failure far less likely than one in a million runs.
 */
class MaskingKeysTest {
    @Test
    void secureKeysDoNotRepeat() {
        IntSupplier keys = MaskingKeys.secure();
        int draws = 10_000; // 39 batches: refills included
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < draws; i++) {
            seen.add(keys.getAsInt());
        }
        // 10,000 random 32-bit keys repeat about 0.012 times on average; 3 or more: p < 3e-7.
        assertTrue(seen.size() >= draws - 2, "distinct keys: " + seen.size());
    }

    @Test
    void everyBitOfSecureKeysIsUsed() {
        IntSupplier keys = MaskingKeys.secure();
        int draws = 10_000;
        int[] ones = new int[32];
        for (int i = 0; i < draws; i++) {
            int key = keys.getAsInt();
            for (int bit = 0; bit < 32; bit++) {
                ones[bit] += (key >>> bit) & 1;
            }
        }
        for (int bit = 0; bit < 32; bit++) {
            // Expected 5,000 with a standard deviation of 50: 4,500-5,500 is ten deviations wide.
            assertTrue(ones[bit] > 4_500 && ones[bit] < 5_500, "bit " + bit + " set " + ones[bit] + " times");
        }
    }

    @Test
    void secureIsOneSharedSource() {
        assertSame(MaskingKeys.secure(), MaskingKeys.secure());
    }

    @Test
    void secureKeysAreSafeToDrawFromManyThreads() throws Exception {
        int threads = 8;
        int perThread = 5_000;
        IntSupplier keys = MaskingKeys.secure();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<int[]>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Callable<int[]> draw = () -> {
                    start.await();
                    int[] drawn = new int[perThread];
                    for (int i = 0; i < perThread; i++) {
                        drawn[i] = keys.getAsInt();
                    }
                    return drawn;
                };
                results.add(pool.submit(draw));
            }
            start.countDown();
            Set<Integer> seen = new HashSet<>();
            for (Future<int[]> result : results) {
                for (int key : result.get()) {
                    seen.add(key);
                }
            }
            // Two threads handed the same slot of a batch would repeat keys by the hundred; chance
            // alone gives 0.19 repeats among 40,000 keys on average, 6 or more: p < 1e-7.
            assertTrue(seen.size() >= threads * perThread - 5, "distinct keys: " + seen.size());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void fixedKeysAreAlwaysTheSame() {
        IntSupplier keys = MaskingKeys.fixed(0x37fa213d);
        for (int i = 0; i < 3; i++) {
            assertEquals(0x37fa213d, keys.getAsInt());
        }
    }
}

package io.wspy.connection.internal;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class BufferPoolTest {
    @Test
    void theArrayGivenBackLastIsTakenFirst() {
        BufferPool pool = new BufferPool(1024, 4);
        byte[] a = pool.take();
        byte[] b = pool.take();
        assertEquals(1024, a.length);
        pool.giveBack(a);
        pool.giveBack(b);
        assertSame(b, pool.take());
        assertSame(a, pool.take());
    }

    @Test
    void arraysTakenAtOnceAreDistinctAndThePoolStaysBounded() {
        BufferPool pool = new BufferPool(16, 8);
        List<byte[]> taken = new ArrayList<>();
        Map<byte[], Boolean> seen = new IdentityHashMap<>();
        for (int i = 0; i < 20; i++) {
            byte[] b = pool.take();
            taken.add(b);
            seen.put(b, true);
        }
        assertEquals(20, seen.size(), "two holders never share an array");
        assertEquals(20, pool.borrowed());
        taken.forEach(pool::giveBack);
        assertEquals(0, pool.borrowed(), "every array given back, kept or not");
        long reused = 0;
        for (int i = 0; i < 20; i++) {
            if (seen.containsKey(pool.take())) {
                reused++;
            }
        }
        assertEquals(8, reused, "the pool kept at most its bound of the arrays given back");
    }
}

package io.wspy.connection.internal;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ByteBufferPoolTest {
    @Test
    void aBufferComesBackClearedAndTheLastGivenBackIsTakenFirst() {
        ByteBufferPool pool = new ByteBufferPool(64, true, 2);
        ByteBuffer a = pool.take();
        ByteBuffer b = pool.take();
        assertNotSame(a, b);
        assertTrue(a.isDirect());
        assertEquals(64, a.capacity());
        a.put((byte) 1).flip();
        pool.giveBack(a);
        pool.giveBack(b);
        assertSame(b, pool.take());
        ByteBuffer again = pool.take();
        assertSame(a, again);
        assertEquals(0, again.position());
        assertEquals(64, again.limit());
    }

    @Test
    void beyondItsBoundThePoolKeepsNothingAndMakesHeapBuffersWhenAsked() {
        ByteBufferPool pool = new ByteBufferPool(16, false, 1);
        ByteBuffer a = pool.take();
        ByteBuffer b = pool.take();
        assertTrue(a.hasArray());
        pool.giveBack(a);
        pool.giveBack(b);
        assertSame(a, pool.take());
        assertNotSame(b, pool.take());
    }
}

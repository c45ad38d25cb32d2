package io.wspy.protocol;

import io.wspy.frame.Role;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The seed's known defect: concurrent sends corrupted the stream. Here they must not. */
class ConcurrentSendTest {
    @Test
    void manyThreadsSendingFragmentedMessagesNeverInterleave() throws Exception {
        int threads = 8;
        int perThread = 200;
        Endpoint client = new Endpoint(Role.CLIENT, ProtocolConfig.defaults().withFragmentSize(7));
        Endpoint server = new Endpoint(Role.SERVER);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            done.add(pool.submit(() -> {
                go.await();
                for (int i = 0; i < perThread; i++) {
                    if (i % 10 == 0) {
                        client.protocol.ping(ByteBuffer.wrap(new byte[] {(byte) id}));
                    }
                    client.protocol.sendText("thread " + id + " message " + i + " " + "x".repeat(i % 50));
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        client.deliverTo(server);

        assertTrue(server.events.errors.isEmpty(), () -> "stream corrupted: " + server.events.errors);
        assertEquals(threads * perThread, server.events.messages.size());
        Map<Integer, Integer> nextPerThread = new HashMap<>();
        for (Message m : server.events.messages) {
            String[] parts = ((TextMessage) m).text().split(" ");
            int id = Integer.parseInt(parts[1]);
            int i = Integer.parseInt(parts[3]);
            assertEquals(nextPerThread.getOrDefault(id, 0), i, "messages of one thread stay in order");
            nextPerThread.put(id, i + 1);
            assertEquals("x".repeat(i % 50), parts.length > 4 ? parts[4] : "");
        }
        assertEquals(threads * perThread / 10, server.events.pings.size());
    }
}

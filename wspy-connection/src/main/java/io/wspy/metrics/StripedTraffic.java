package io.wspy.metrics;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.HashMap;
import java.util.Map;

/**
 * One direction's messages, payload bytes and wire bytes by opcode, added from any number of
 * threads. A report changes three sums together, so each stripe keeps them under a spin lock of
 * its own: one atomic operation per report, where three {@code LongAdder}s cost three. Threads
 * pick their stripe by id, so the few that report often (the selector loops) rarely share one.
 */
final class StripedTraffic {
    private static final int OPCODES = 16;

    private final Stripe[] stripes;
    private final int mask;

    StripedTraffic() {
        int wanted = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
        int count = Integer.highestOneBit(wanted - 1) << 1;
        stripes = new Stripe[count];
        for (int i = 0; i < count; i++) {
            // Each stripe is made right after the previous one's sums, so no two locks share a cache line.
            stripes[i] = new Stripe();
        }
        mask = count - 1;
    }

    @SuppressWarnings("deprecation") // Thread.threadId() is JDK 19+; getId() is the same number.
    void add(int opcode, long messages, long payloadBytes, long wireBytes) {
        stripes[(int) Thread.currentThread().getId() & mask].add(opcode, messages, payloadBytes, wireBytes);
    }

    /** The sums of every opcode that carried a message. */
    Map<Integer, Traffic> traffic() {
        long[] total = new long[OPCODES * 3];
        for (Stripe stripe : stripes) {
            stripe.addTo(total);
        }
        Map<Integer, Traffic> map = new HashMap<>();
        for (int op = 0; op < OPCODES; op++) {
            if (total[op * 3] > 0) {
                map.put(op, new Traffic(total[op * 3], total[op * 3 + 1], total[op * 3 + 2]));
            }
        }
        return map;
    }

    private static final class Stripe {
        private static final VarHandle LOCK;

        static {
            try {
                LOCK = MethodHandles.lookup().findVarHandle(Stripe.class, "lock", int.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        @SuppressWarnings("unused") // through LOCK
        private volatile int lock;
        /** Messages, payload bytes and wire bytes of each opcode in turn. */
        private final long[] sums = new long[OPCODES * 3];

        void add(int opcode, long messages, long payloadBytes, long wireBytes) {
            lock();
            int i = opcode * 3;
            sums[i] += messages;
            sums[i + 1] += payloadBytes;
            sums[i + 2] += wireBytes;
            LOCK.setRelease(this, 0);
        }

        void addTo(long[] total) {
            lock();
            for (int i = 0; i < sums.length; i++) {
                total[i] += sums[i];
            }
            LOCK.setRelease(this, 0);
        }

        private void lock() {
            // Held for a few additions: spinning beats parking; yield if its holder was descheduled.
            int spins = 0;
            while (!LOCK.weakCompareAndSetAcquire(this, 0, 1)) {
                if (++spins < 64) {
                    Thread.onSpinWait();
                } else {
                    Thread.yield();
                }
            }
        }
    }
}

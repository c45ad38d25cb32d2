package io.wspy.server.internal.nio;

import io.wspy.metrics.WebSocketMetrics;
import io.wspy.server.internal.Threads;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One selector loop of the NIO server (epoll on Linux): a thread that waits on its connections'
 * channels, reads them, writes their queued output, runs tasks handed to it by other threads and
 * keeps its connections' timers. Every channel operation of its connections happens here.
 *
 * <p>It owns one read buffer for all its connections: the protocol consumes every byte it is given
 * (unmasking in place, buffering only partial frame headers and message data), so an idle
 * connection holds no read buffer. The read buffer is on the heap although the JDK then copies each
 * read through a temporary direct buffer: unmasking in place runs the array kernel there, and a
 * direct read buffer measured slower at 16 KiB and 1 MiB (about 17% fewer messages per CPU-second)
 * and no faster at 32 B. Output that connections queue during a round is written at the end of
 * the round, one gathering write per connection.
 */
final class SelectorLoop {
    private static final System.Logger LOG = System.getLogger("io.wspy.server");
    /**
     * A quarter of a 1 MiB message per read: 15% more 1 MiB echoes than 64 KiB reads, the same at
     * 16 KiB, and one buffer per loop (wspy-bench/README.md, "Large messages").
     */
    private static final int READ_BUFFER_SIZE = 256 * 1024;
    private static final int WRITE_BATCH = 64;
    /**
     * Bytes handed to one plain TCP write: 256 KiB, and up to a 1 MiB message at once once a loop
     * has had that much to write. On loopback each write costs the kernel about as much again in the
     * receiver's processing, whatever its size (1 MiB echoes 8-19% faster than in 256 KiB writes).
     */
    private static final int WRITE_STAGING_SIZE = 256 * 1024;
    private static final int LARGE_WRITE_STAGING_SIZE = 1024 * 1024;

    private final Selector selector;
    private final Thread thread;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    /**
     * Direct, so that the JDK reads into it without a copy through a temporary buffer of its own;
     * the protocol's listener unmasks the bytes as it copies them into a message.
     */
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(READ_BUFFER_SIZE);
    private final ByteBuffer[] writeBatch = new ByteBuffer[WRITE_BATCH];
    private ByteBuffer writeStaging;
    private final TimerQueue timers = new TimerQueue();
    private final ArrayDeque<NioConnection> dirty = new ArrayDeque<>();
    private final ArrayDeque<Runnable> nextRound = new ArrayDeque<>();
    private final long sweepMillis;
    private final WebSocketMetrics metrics;
    private volatile boolean running = true;
    private long now = clock();
    private long nextSweep;

    /**
     * A loop named {@code name} that checks its connections' handshake and idle deadlines every
     * {@code sweepMillis}.
     */
    SelectorLoop(String name, long sweepMillis, WebSocketMetrics metrics) throws IOException {
        this.selector = Selector.open();
        this.metrics = metrics;
        this.sweepMillis = sweepMillis;
        this.nextSweep = now + sweepMillis;
        this.thread = Threads.service(name, this::run);
    }

    void start() {
        thread.start();
    }

    /** Whether the calling thread is this loop's. */
    boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /** Runs {@code task} on the loop: at once if called from it, otherwise soon. */
    void runOnLoop(Runnable task) {
        if (inLoop()) {
            task.run();
        } else {
            execute(task);
        }
    }

    /** Queues {@code task} for the loop's next round, waking the loop if needed. Any thread. */
    void execute(Runnable task) {
        tasks.add(task);
        if (!inLoop() && wakeupPending.compareAndSet(false, true)) {
            selector.wakeup();
        }
    }

    /** The loop's clock in milliseconds, as of the start of the current round. Loop thread only. */
    long now() {
        return now;
    }

    /** The shared read buffer. Loop thread only, valid during one read. */
    ByteBuffer readBuffer() {
        return readBuffer;
    }

    /**
     * The direct buffer plain TCP writes copy heap bytes into, instead of the JDK's temporary
     * direct buffers (see {@link OutboundQueue}); one per loop, made on first use, and made larger
     * once when {@code queued} bytes wait for a single write.
     */
    ByteBuffer writeStaging(long queued) {
        if (writeStaging == null) {
            writeStaging = ByteBuffer.allocateDirect(WRITE_STAGING_SIZE);
        }
        if (queued > WRITE_STAGING_SIZE && writeStaging.capacity() == WRITE_STAGING_SIZE) {
            writeStaging = ByteBuffer.allocateDirect(LARGE_WRITE_STAGING_SIZE);
        }
        return writeStaging;
    }

    /** A scratch array for gathering writes, empty between uses. Loop thread only. */
    ByteBuffer[] writeBatch() {
        return writeBatch;
    }

    /** Schedules {@code action} on this loop. Loop thread only. */
    TimerQueue.Timer schedule(long delayMillis, Runnable action) {
        return timers.schedule(now, delayMillis, action);
    }

    /** Schedules {@code timer} (new) on this loop. Loop thread only. */
    TimerQueue.Timer schedule(long delayMillis, TimerQueue.Timer timer) {
        return timers.schedule(now, delayMillis, timer);
    }

    /**
     * Runs {@code task} in the next round, after that round's ready channels: work a connection
     * leaves for later so that the others are served first. Loop thread only.
     */
    void executeNextRound(Runnable task) {
        nextRound.add(task);
    }

    /** Has {@code connection} write its output at the end of this round. Loop thread only. */
    void markDirty(NioConnection connection) {
        if (!connection.dirty) {
            connection.dirty = true;
            dirty.add(connection);
        }
    }

    /** Registers a channel for reading. Loop thread only. */
    SelectionKey register(SocketChannel channel, NioConnection connection) throws IOException {
        return channel.register(selector, SelectionKey.OP_READ, connection);
    }

    /** Runs {@code action} for every connection of this loop. Loop thread only. */
    void forEachConnection(java.util.function.Consumer<NioConnection> action) {
        Set<SelectionKey> keys = selector.keys();
        for (SelectionKey key : keys.toArray(new SelectionKey[0])) {
            Object c = key.attachment();
            if (c instanceof NioConnection) {
                guarded((NioConnection) c, () -> action.accept((NioConnection) c));
            }
        }
    }

    /** Makes the loop drop its remaining connections and end. Any thread. */
    void stop() {
        running = false;
        selector.wakeup();
    }

    /** Waits for the loop's thread to end, at most until {@code deadlineNanos}. */
    void join(long deadlineNanos) {
        try {
            thread.join(Math.max(1, (deadlineNanos - System.nanoTime()) / 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try {
            while (running) {
                long timeout = Math.min(timers.delayUntilNext(now), Math.max(0, nextSweep - now));
                if (timeout == 0 || !tasks.isEmpty() || !nextRound.isEmpty()) {
                    selector.selectNow();
                } else {
                    selector.select(timeout);
                }
                wakeupPending.set(false);
                // The clock is read only for metrics that time the loops.
                long busySince = metrics.timesLoops() ? System.nanoTime() : 0;
                now = clock();
                handleReadyKeys();
                runLeftFromLastRound();
                runTasks();
                timers.runDue(now, this::runTimer);
                if (now >= nextSweep) {
                    nextSweep = now + sweepMillis;
                    forEachConnection(c -> c.sweep(now));
                }
                flushDirty();
                if (busySince != 0) {
                    metrics.loopBusy(System.nanoTime() - busySince);
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "selector loop " + thread.getName() + " failed", e);
        } finally {
            runTasks();
            forEachConnection(NioConnection::closeChannel);
            runTasks();
            try {
                selector.close();
            } catch (IOException ignored) {
                // The loop is over either way.
            }
        }
    }

    private void handleReadyKeys() {
        Set<SelectionKey> ready = selector.selectedKeys();
        for (SelectionKey key : ready) {
            NioConnection c = (NioConnection) key.attachment();
            guarded(c, () -> c.onReady(key));
        }
        ready.clear();
    }

    private void runLeftFromLastRound() {
        for (int n = nextRound.size(); n > 0; n--) {
            Runnable task = nextRound.poll();
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "task on selector loop failed", e);
            }
        }
    }

    private void runTasks() {
        for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "task on selector loop failed", e);
            }
        }
    }

    private void runTimer(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "timer on selector loop failed", e);
        }
    }

    private void flushDirty() {
        for (NioConnection c = dirty.poll(); c != null; c = dirty.poll()) {
            c.dirty = false;
            NioConnection target = c;
            guarded(target, target::flushOnLoop);
        }
    }

    /** Runs work for one connection; a failure there drops that connection, never the loop. */
    static void guarded(NioConnection c, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "dropping " + c + " after an internal error", e);
            c.closeChannel();
        }
    }

    private static long clock() {
        return System.nanoTime() / 1_000_000;
    }
}

package io.wspy.protocol;

import io.wspy.frame.CloseStatus;
import io.wspy.frame.Frame;
import io.wspy.frame.FrameEncoder;
import io.wspy.frame.Masking;
import io.wspy.frame.Opcode;
import io.wspy.frame.Role;
import io.wspy.frame.extension.ExtensionChain;
import io.wspy.metrics.WebSocketMetrics;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntSupplier;

/**
 * The sending half of the protocol: encodes frames and hands them to the transport in wire order.
 *
 * <p>Two locks keep any number of sending threads safe. The <em>message lock</em> is held for a
 * whole data message, so fragments of different messages never interleave. The <em>write
 * lock</em> is held for one frame, so a control frame from another thread can still go out between
 * two fragments, as RFC 6455 section 5.4 allows. Outgoing extensions run under the write lock, in
 * wire order.
 *
 * <p>The thread that receives must never wait for a sender (a sender blocked on a full socket
 * would then stop the reading that could unblock it). So the control frames it sends (pong, close
 * echo, keepalive ping) go into pending slots, written right away if the write lock is free, or
 * else by the lock holder before it releases the lock.
 */
final class OutboundStream {
    private static final int MASKING_CHUNK = 16 * 1024;
    /**
     * Payloads that never change are handed to the transport by reference from this size up
     * ({@link Transport#writeShared}), so that a queueing transport does not copy them; smaller
     * ones are copied beside their header, where they leave in one segment.
     */
    static final int SHARE_FROM = 4 * 1024;

    private final WebSocketProtocol protocol;
    private final Transport transport;
    private final ExtensionChain extensions;
    private final boolean masks;
    private final IntSupplier maskingKeys;
    private final int fragmentSize;
    private final int configuredFragmentSize;
    private final WebSocketMetrics metrics;
    /** Guarded by the write lock; {@code null} when nobody listens. */
    private final TrafficCounter counter;

    private static final VarHandle MESSAGE_LOCK = handle("messageLock", ReentrantLock.class);
    private static final VarHandle WRITE_LOCK = handle("writeLock", ReentrantLock.class);
    private static final VarHandle PENDING_PONG = handle("pendingPong", ByteBuffer.class);
    private static final VarHandle PENDING_PING = handle("pendingPing", ByteBuffer.class);
    private static final VarHandle PENDING_CLOSE = handle("pendingClose", CloseStatus.class);

    // Created on first use, through the VarHandles above, so that an idle connection (a server may
    // hold many thousands) carries no locks, atomics or buffers.
    private volatile ReentrantLock messageLock;
    private volatile ReentrantLock writeLock;
    private volatile ByteBuffer pendingPong;
    private volatile ByteBuffer pendingPing;
    private volatile CloseStatus pendingClose;

    /** Guarded by the write lock. */
    private ByteBuffer header;
    private ByteBuffer maskingBuffer;
    private boolean released;

    OutboundStream(WebSocketProtocol protocol, Role role, ProtocolConfig config, ExtensionChain extensions,
                   Transport transport, TrafficCounter counter) {
        this.protocol = protocol;
        this.transport = transport;
        this.extensions = extensions;
        this.masks = role.masksOutgoing();
        this.maskingKeys = config.maskingKeys();
        this.fragmentSize = config.fragmentSize() == 0 ? Integer.MAX_VALUE : config.fragmentSize();
        this.configuredFragmentSize = config.fragmentSize();
        this.metrics = config.metrics();
        this.counter = counter;
    }

    /**
     * Sends a whole message, fragmented if so configured.
     *
     * @param immutable whether {@code payload}'s bytes never change (a {@link Message}'s), so that
     *                  the transport may keep them instead of a copy, and the buffer itself was made
     *                  for this send, so that it may be consumed
     */
    void sendMessage(int opcode, ByteBuffer payload, boolean immutable) throws IOException {
        messageLock().lock();
        try {
            if (immutable && payload.remaining() <= fragmentSize) {
                // One frame of a buffer made for this send (a message's payload): no views needed.
                sendDataFrame(true, opcode, payload, true);
                return;
            }
            ByteBuffer rest = payload.duplicate();
            int frameOpcode = opcode;
            do {
                int n = Math.min(fragmentSize, rest.remaining());
                ByteBuffer part = rest.slice(rest.position(), n);
                rest.position(rest.position() + n);
                sendDataFrame(!rest.hasRemaining(), frameOpcode, part, immutable);
                frameOpcode = Opcode.CONTINUATION;
            } while (rest.hasRemaining());
        } finally {
            messageLock().unlock();
        }
    }

    /**
     * Sends the shared bytes of a prepared message if they are what this stream would write
     * (unmasked, no extensions, the same fragmentation); returns false, sending nothing, otherwise.
     */
    boolean sendPrepared(PreparedMessage message) throws IOException {
        if (masks || !extensions.isEmpty() || message.fragmentSize() != configuredFragmentSize) {
            return false;
        }
        messageLock().lock();
        try {
            writeLock().lock();
            try {
                requireOpen();
                long frameBytes = message.frames().remaining();
                transport.writeShared(message.frames());
                if (counter != null) {
                    counter.frame(frameBytes);
                    counter.dataFrame(message.message().opcode(), message.message().length());
                    counter.messageEnded(0);
                }
                writePendingLocked();
                transport.flush();
            } finally {
                writeLock().unlock();
            }
            writePendingIfFree();
            return true;
        } finally {
            messageLock().unlock();
        }
    }

    /** Starts a message sent piece by piece; the returned writer holds the message lock until finished. */
    MessageWriter beginMessage(int opcode) {
        messageLock().lock();
        return new MessageWriter(this, opcode);
    }

    void endMessage() {
        messageLock().unlock();
    }

    /** Sends one data frame of bytes valid during the call (the caller holds the message lock). */
    void sendDataFrame(boolean fin, int opcode, ByteBuffer payload) throws IOException {
        sendDataFrame(fin, opcode, payload, false);
    }

    private void sendDataFrame(boolean fin, int opcode, ByteBuffer payload, boolean immutable) throws IOException {
        writeLock().lock();
        try {
            requireOpen();
            int payloadBytes = payload.remaining();
            if (extensions.isEmpty()) {
                writeFrame(fin, 0, opcode, payload, immutable);
            } else {
                Frame frame = extensions.encode(new Frame(fin, 0, opcode, payload));
                writeFrame(frame.fin(), frame.rsv(), frame.opcode(), frame.payload());
            }
            if (counter != null) {
                counter.dataFrame(opcode, payloadBytes);
                if (fin) {
                    counter.messageEnded(0);
                }
            }
            writePendingLocked();
            transport.flush();
        } finally {
            writeLock().unlock();
        }
        writePendingIfFree();
    }

    /** Every frame written so far, headers included (read once the transport is closed); -1 if nobody counted. */
    long wireBytes() {
        return counter == null ? -1 : counter.wireBytes();
    }

    /** Sends a ping or pong from an application thread. */
    void sendControl(int opcode, ByteBuffer payload) throws IOException {
        writeLock().lock();
        try {
            requireOpen();
            writeControlFrame(opcode, payload);
            writePendingLocked();
            transport.flush();
        } finally {
            writeLock().unlock();
        }
        writePendingIfFree();
    }

    /** Sends a close frame from an application thread; returns false if one was already sent. */
    boolean sendClose(CloseStatus status) throws IOException {
        writeLock().lock();
        try {
            writePendingLocked();
            if (protocol.isCloseSent()) {
                return false;
            }
            writeClose(status);
            return true;
        } finally {
            writeLock().unlock();
        }
    }

    /** From the receiving thread: answer a ping (only the latest unanswered one, as the RFC allows). */
    void queuePong(ByteBuffer payload) {
        pendingPong = copy(payload);
        writePendingIfFree();
    }

    /** From the receiving thread or a timer: send a ping without waiting for the write lock. */
    void queuePing(ByteBuffer payload) {
        pendingPing = copy(payload);
        writePendingIfFree();
    }

    /** From the receiving thread: send a close frame (an echo, or a failure) without waiting. */
    void queueClose(CloseStatus status) {
        PENDING_CLOSE.compareAndSet(this, null, status);
        writePendingIfFree();
    }

    /** Flushes what the transport holds, unless a sender holds the write lock (it flushes before letting go). */
    void flushIfIdle() {
        if (writeLock().tryLock()) {
            try {
                transport.flush();
            } catch (IOException e) {
                transport.close();
            } finally {
                writeLock().unlock();
            }
        }
    }

    /** Releases the extensions once the transport is gone; waits for a sender still encoding. */
    void release() {
        writeLock().lock();
        try {
            if (!released) {
                released = true;
                extensions.close();
            }
        } finally {
            writeLock().unlock();
        }
    }

    private void writePendingIfFree() {
        while (hasPending() && writeLock().tryLock()) {
            try {
                writePendingLocked();
                transport.flush();
            } catch (IOException e) {
                transport.close();
            } finally {
                writeLock().unlock();
            }
        }
    }

    private boolean hasPending() {
        return pendingPong != null || pendingPing != null || pendingClose != null;
    }

    private void writePendingLocked() throws IOException {
        ByteBuffer pong = (ByteBuffer) PENDING_PONG.getAndSet(this, null);
        if (pong != null && !protocol.isCloseSent()) {
            writeControlFrame(Opcode.PONG, pong);
        }
        ByteBuffer ping = (ByteBuffer) PENDING_PING.getAndSet(this, null);
        if (ping != null && !protocol.isCloseSent()) {
            writeControlFrame(Opcode.PING, ping);
        }
        CloseStatus close = (CloseStatus) PENDING_CLOSE.getAndSet(this, null);
        if (close != null && !protocol.isCloseSent()) {
            writeClose(close);
        }
    }

    private void writeClose(CloseStatus status) throws IOException {
        try {
            metrics.closeSent(status.code());
            writeControlFrame(Opcode.CLOSE, status.encode());
            // Flushed before the protocol hears of it: the server closes TCP as soon as it does.
            transport.flushNow();
        } finally {
            // Even if writing failed: nothing may follow a close frame, whole or torn.
            protocol.onCloseFrameSent();
        }
    }

    private void requireOpen() throws ConnectionClosedException {
        if (protocol.isCloseSent()) {
            throw new ConnectionClosedException("the connection is closing or closed", protocol.closeStatusIfKnown());
        }
    }

    private void writeControlFrame(int opcode, ByteBuffer payload) throws IOException {
        int payloadBytes = payload.remaining();
        writeFrame(true, 0, opcode, payload);
        if (counter != null) {
            counter.controlFrame(opcode, payloadBytes);
        }
    }

    private void writeFrame(boolean fin, int rsv, int opcode, ByteBuffer payload) throws IOException {
        writeFrame(fin, rsv, opcode, payload, false);
    }

    /** Writes one frame. */
    private void writeFrame(boolean fin, int rsv, int opcode, ByteBuffer payload, boolean immutable)
            throws IOException {
        int key = masks ? maskingKeys.getAsInt() : 0;
        if (header == null) {
            header = ByteBuffer.allocate(FrameEncoder.MAX_HEADER_SIZE);
        }
        header.clear();
        FrameEncoder.writeHeader(header, fin, rsv, opcode, payload.remaining(), masks, key);
        header.flip();
        if (counter != null) {
            counter.frame(header.remaining() + (long) payload.remaining());
        }
        if (!masks) {
            transport.write(header);
            if (immutable && payload.remaining() >= SHARE_FROM) {
                transport.writeShared(payload);
            } else if (payload.hasRemaining()) {
                transport.write(payload);
            }
            return;
        }
        // A client may not mask the caller's buffer in place, so it masks through a buffer of its
        // own, reading the payload through its position and limit, which it then puts back.
        ByteBuffer out = maskingBuffer(payload.remaining() + header.remaining());
        out.clear();
        out.put(header);
        int start = payload.position();
        int limit = payload.limit();
        int phase = 0;
        try {
            do {
                payload.limit(payload.position() + Math.min(out.remaining(), limit - payload.position()));
                phase = Masking.mask(payload, out, key, phase);
                payload.limit(limit);
                transport.write(out.flip());
                out.clear();
            } while (payload.hasRemaining());
        } finally {
            payload.limit(limit).position(start);
        }
    }

    private ByteBuffer maskingBuffer(int wanted) {
        int size = Math.min(MASKING_CHUNK, Math.max(wanted, 256));
        if (maskingBuffer == null || maskingBuffer.capacity() < size) {
            maskingBuffer = ByteBuffer.allocate(size);
        }
        return maskingBuffer;
    }

    private static ByteBuffer copy(ByteBuffer payload) {
        ByteBuffer copy = ByteBuffer.allocate(payload.remaining());
        copy.put(payload.duplicate()).flip();
        return copy;
    }

    private ReentrantLock messageLock() {
        return lock(MESSAGE_LOCK);
    }

    private ReentrantLock writeLock() {
        return lock(WRITE_LOCK);
    }

    private ReentrantLock lock(VarHandle field) {
        ReentrantLock lock = (ReentrantLock) field.getAcquire(this);
        if (lock == null) {
            ReentrantLock fresh = new ReentrantLock();
            lock = (ReentrantLock) field.compareAndExchange(this, null, fresh);
            if (lock == null) {
                lock = fresh;
            }
        }
        return lock;
    }

    private static VarHandle handle(String field, Class<?> type) {
        try {
            return MethodHandles.lookup().findVarHandle(OutboundStream.class, field, type);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}

package io.wspy.connection.internal;

import io.wspy.protocol.WebSocketProtocol;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The reading half of a blocking driver: reads from the socket and feeds the protocol, the same
 * for the blocking {@code Connection} and the threaded server's clients.
 *
 * <p>A read waiting for input holds little, so that an idle connection (a server may hold many
 * thousands, each blocked in a read) costs little; bursts are read into buffers borrowed from a
 * shared pool. The answers the reading thread sends while input that arrived together is left are
 * flushed once, after it (see {@link ReadBatch}).
 */
public final class BlockingReader {
    private static final int WAITING_READ_SIZE = 1024;
    /**
     * A burst is read 64 KiB at a time, as the NIO server's loop reads: a large message then takes
     * a quarter of the reads (and of the checks of what the socket holds) it took in 16 KiB
     * chunks, and the echoes of the messages one read brought are flushed together. The pool
     * keeps at most 2 MiB for the bursts to come; idle connections hold none of it.
     */
    private static final BufferPool BURST_BUFFERS = new BufferPool(64 * 1024, 32);
    /**
     * Full chunks read in a row before the thread lets the others run: 256 KiB, a quarter of a
     * 1 MiB message (yielding after every chunk cost a large message's echo more than it gave).
     */
    private static final int CHUNKS_BEFORE_YIELD = 4;

    private final InputStream in;
    private final SocketTransport transport;
    private final WebSocketProtocol protocol;
    private final Runnable inputArrived;
    private final Consumer<RuntimeException> eventFailed;
    private ByteBuffer pendingInput;
    private byte[] waitingBuffer;
    /** The last read filled the burst buffer. */
    private boolean socketBusy;
    /** Full chunks read since this thread last let the others run. */
    private int fullChunks;

    /**
     * A reader of {@code in} for {@code protocol}.
     *
     * @param pendingInput bytes received with the handshake and not decoded yet, or {@code null}
     * @param inputArrived called after each read that returned bytes (the idle clock)
     * @param eventFailed  what a listener event threw while input was handled
     */
    public BlockingReader(InputStream in, ByteBuffer pendingInput, SocketTransport transport,
                          WebSocketProtocol protocol, Runnable inputArrived, Consumer<RuntimeException> eventFailed) {
        this.in = in;
        this.pendingInput = pendingInput;
        this.transport = transport;
        this.protocol = protocol;
        this.inputArrived = inputArrived;
        this.eventFailed = eventFailed;
    }

    /**
     * Waits for input and handles it; when the read filled the small buffer, goes on with what the
     * socket already holds while {@code wantsMore} says so. After a read that filled the large
     * buffer, reads the next chunk of what is there first, without the small read.
     */
    public void readOnce(BooleanSupplier wantsMore) {
        ByteBuffer input = pendingInput;
        if (input != null) {
            pendingInput = null;
            handle(input);
            return;
        }
        if (socketBusy) {
            // The last chunk filled the burst buffer: more is likely there, read it the same way.
            socketBusy = false;
            if (readWhatIsThere(wantsMore)) {
                return;
            }
        }
        if (waitingBuffer == null) {
            waitingBuffer = new byte[WAITING_READ_SIZE];
        }
        int n = read(waitingBuffer);
        if (n < 0) {
            endOfInput();
            return;
        }
        handle(ByteBuffer.wrap(waitingBuffer, 0, n));
        if (n == waitingBuffer.length) {
            readWhatIsThere(wantsMore);
        }
    }

    /** The burst buffers the blocking connections have borrowed and not given back. */
    public static int burstBuffersBorrowed() {
        return BURST_BUFFERS.borrowed();
    }

    /**
     * Reads what the socket already holds in one large chunk, into a buffer borrowed for this read
     * only; returns whether it read. A read that leaves the buffer short has emptied the socket; the
     * next after one that fills it skips the small waiting read. Every few full chunks the thread
     * lets the others run, as a selector loop serves its ready connections in turn: a client
     * streaming large or many messages would otherwise keep a carrier thread (the only one, on a
     * single core) from every other client, and their latency would follow its messages.
     */
    private boolean readWhatIsThere(BooleanSupplier wantsMore) {
        if (!wantsMore.getAsBoolean() || available() <= 0) {
            return false;
        }
        byte[] burst = BURST_BUFFERS.take();
        int n;
        try {
            n = read(burst);
            if (n < 0) {
                endOfInput();
                return true;
            }
            handle(ByteBuffer.wrap(burst, 0, n));
        } finally {
            BURST_BUFFERS.giveBack(burst);
        }
        socketBusy = n == burst.length;
        if (!socketBusy) {
            fullChunks = 0;
        } else if (++fullChunks == CHUNKS_BEFORE_YIELD) {
            fullChunks = 0;
            Thread.yield();
        }
        return true;
    }

    /** Bytes read, or -1 at the end of the stream or when the socket failed. */
    private int read(byte[] buffer) {
        try {
            int n = in.read(buffer);
            if (n > 0) {
                inputArrived.run();
            }
            return n;
        } catch (IOException e) {
            return -1;
        }
    }

    /** Bytes that can be read without blocking; 0 if the socket cannot tell. */
    private int available() {
        try {
            return in.available();
        } catch (IOException e) {
            return 0;
        }
    }

    private void endOfInput() {
        transport.closeSocket();
        protocol.transportClosed();
    }

    private void handle(ByteBuffer input) {
        transport.batch().begin(input);
        try {
            protocol.receive(input);
        } catch (RuntimeException e) {
            eventFailed.accept(e);
        } finally {
            if (transport.batch().end()) {
                protocol.flush();
            }
        }
    }
}

package io.wspy.connection.internal;

import io.wspy.protocol.WebSocketProtocol;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
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
    /**
     * What a read waiting for input holds, on every idle connection: eight small messages (a
     * 32-byte message is a 38-byte frame from a client); more goes on in a burst buffer.
     */
    private static final int WAITING_READ_SIZE = 512;
    /**
     * A burst is read 256 KiB at a time, as the NIO server's loop reads: a large message then takes
     * a sixteenth of the reads (and of the checks of what the socket holds) it took in 16 KiB
     * chunks, and the echoes of the messages one read brought are flushed together. A burst's
     * handling may block (a handler's send to a slow client) while it holds the buffer, so each
     * pool lends at most 64 (16 MiB) at a time; past that a reader reads in its small waiting
     * buffer. Each pool keeps at most 2 MiB for the bursts to come; idle connections hold none.
     */
    private static final int BURST_SIZE = 256 * 1024;
    private static final int MAX_BURSTS_LENT = 64;
    private static final ByteBufferPool HEAP_BURSTS = new ByteBufferPool(BURST_SIZE, false, 8, MAX_BURSTS_LENT);
    /**
     * A socket with a channel (plain TCP accepted through a server socket channel) is read into a
     * direct buffer: the JDK reads a heap array through a temporary direct buffer of its own, one
     * more copy of every byte.
     */
    private static final ByteBufferPool DIRECT_BURSTS = new ByteBufferPool(BURST_SIZE, true, 8, MAX_BURSTS_LENT);
    private final InputStream in;
    /** The socket's channel, or null (TLS, or a socket made without one): then {@link #in}. */
    private final ReadableByteChannel channel;
    private final ByteBufferPool bursts;
    private final SocketTransport transport;
    private final WebSocketProtocol protocol;
    private final Runnable inputArrived;
    private final Consumer<RuntimeException> eventFailed;
    private final boolean yieldsBeforeWaiting;
    private ByteBuffer pendingInput;
    private byte[] waitingBuffer;
    /** The last read filled the burst buffer. */
    private boolean socketBusy;

    /**
     * A reader of {@code socket} for {@code protocol}.
     *
     * @param pendingInput bytes received with the handshake and not decoded yet, or {@code null}
     * @param inputArrived called after each read that returned bytes (the idle clock)
     * @param eventFailed  what a listener event threw while input was handled
     * @param yieldsBeforeWaiting whether the thread lets the others run before each waiting read:
     *        for virtual threads that serve many connections (see {@link #readOnce})
     */
    public BlockingReader(Socket socket, ByteBuffer pendingInput, SocketTransport transport,
                          WebSocketProtocol protocol, Runnable inputArrived, Consumer<RuntimeException> eventFailed,
                          boolean yieldsBeforeWaiting)
            throws IOException {
        this.in = socket.getInputStream();
        this.channel = socket.getChannel();
        this.bursts = channel == null ? HEAP_BURSTS : DIRECT_BURSTS;
        this.pendingInput = pendingInput;
        this.transport = transport;
        this.protocol = protocol;
        this.inputArrived = inputArrived;
        this.eventFailed = eventFailed;
        this.yieldsBeforeWaiting = yieldsBeforeWaiting;
    }

    /**
     * Waits for input and handles it; when the read filled the small buffer, goes on with what the
     * socket already holds while {@code wantsMore} says so. After a read that filled the large
     * buffer, reads the next chunk of what is there first, without the small read.
     *
     * <p>A reader that yields before waiting lets the threads with input run first, as a selector
     * loop serves each ready connection in turn: by its next read more of its peer's messages have
     * arrived, and one read and one flush serve several of them. A virtual thread's yield is a
     * cheap hand-off on its carrier; a platform thread's would be a system call, so it does not.
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
            if (readWhatIsThere(wantsMore, 0)) {
                return;
            }
        }
        if (waitingBuffer == null) {
            waitingBuffer = new byte[WAITING_READ_SIZE];
        } else if (yieldsBeforeWaiting) {
            Thread.yield();
        }
        int n = read(waitingBuffer, 0, waitingBuffer.length);
        if (n < 0) {
            endOfInput();
            return;
        }
        if (n < waitingBuffer.length || !readWhatIsThere(wantsMore, n)) {
            handle(ByteBuffer.wrap(waitingBuffer, 0, n));
        }
    }

    /** The burst buffers the blocking connections have borrowed and not given back. */
    public static int burstBuffersBorrowed() {
        return HEAP_BURSTS.borrowed() + DIRECT_BURSTS.borrowed();
    }

    /**
     * Reads what the socket already holds in one large chunk, into a buffer borrowed for this read
     * only, after the first {@code waitingBytes} of the waiting buffer; returns whether it read (and
     * handled those bytes). A read that leaves the buffer short has emptied the socket; the next
     * after one that fills it skips the small waiting read. The waiting read's bytes go on in the
     * chunk rather than on their own: a message then reaches the protocol in one kind of buffer,
     * which keeps the compiled code of its decoding, unmasking and text checks specialised to
     * that kind (fed both, the text check cost the threaded server four times what it cost the
     * selector loops per byte, in JFR profiles). After a full chunk the thread
     * lets the others run, as a selector loop serves its ready connections in turn: a client
     * streaming large or many messages would otherwise keep a carrier thread (the only one, on a
     * single core) from every other client, and their latency would follow its messages.
     */
    private boolean readWhatIsThere(BooleanSupplier wantsMore, int waitingBytes) {
        if (!wantsMore.getAsBoolean() || available() <= 0) {
            return false;
        }
        ByteBuffer burst = bursts.tryTake();
        if (burst == null) {
            return false; // as many bursts as the pool lends are held: read in the waiting buffer
        }
        boolean filled;
        try {
            burst.put(waitingBuffer, 0, waitingBytes);
            int n = readBurst(burst);
            filled = !burst.hasRemaining();
            if (burst.position() > 0) {
                handle(burst.flip());
            }
            if (n < 0) {
                endOfInput();
                return true;
            }
        } finally {
            bursts.giveBack(burst);
        }
        socketBusy = filled;
        if (socketBusy) {
            // A full chunk (a quarter of a 1 MiB message): let the others run before the next one.
            Thread.yield();
        }
        return true;
    }

    /** Bytes read, or -1 at the end of the stream or when the socket failed. */
    private int read(byte[] buffer, int offset, int length) {
        try {
            return arrived(in.read(buffer, offset, length));
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * Reads after the burst's position, through the channel when there is one; as
     * {@link #read(byte[], int, int)}.
     */
    private int readBurst(ByteBuffer burst) {
        if (channel == null) {
            int n = read(burst.array(), burst.arrayOffset() + burst.position(), burst.remaining());
            burst.position(burst.position() + Math.max(n, 0));
            return n;
        }
        try {
            return arrived(channel.read(burst));
        } catch (IOException e) {
            return -1;
        }
    }

    private int arrived(int n) {
        if (n > 0) {
            inputArrived.run();
        }
        return n;
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

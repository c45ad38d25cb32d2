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
     */
    public BlockingReader(Socket socket, ByteBuffer pendingInput, SocketTransport transport,
                          WebSocketProtocol protocol, Runnable inputArrived, Consumer<RuntimeException> eventFailed)
            throws IOException {
        this.in = socket.getInputStream();
        this.channel = socket.getChannel();
        this.bursts = channel == null ? HEAP_BURSTS : DIRECT_BURSTS;
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
        return HEAP_BURSTS.borrowed() + DIRECT_BURSTS.borrowed();
    }

    /**
     * Reads what the socket already holds in one large chunk, into a buffer borrowed for this read
     * only; returns whether it read. A read that leaves the buffer short has emptied the socket; the
     * next after one that fills it skips the small waiting read. After a full chunk the thread
     * lets the others run, as a selector loop serves its ready connections in turn: a client
     * streaming large or many messages would otherwise keep a carrier thread (the only one, on a
     * single core) from every other client, and their latency would follow its messages.
     */
    private boolean readWhatIsThere(BooleanSupplier wantsMore) {
        if (!wantsMore.getAsBoolean() || available() <= 0) {
            return false;
        }
        ByteBuffer burst = bursts.tryTake();
        if (burst == null) {
            return false; // as many bursts as the pool lends are held: read in the waiting buffer
        }
        int n;
        try {
            n = readBurst(burst);
            if (n < 0) {
                endOfInput();
                return true;
            }
            handle(burst.flip());
        } finally {
            bursts.giveBack(burst);
        }
        socketBusy = n == BURST_SIZE;
        if (socketBusy) {
            // A full chunk (a quarter of a 1 MiB message): let the others run before the next one.
            Thread.yield();
        }
        return true;
    }

    /** Bytes read, or -1 at the end of the stream or when the socket failed. */
    private int read(byte[] buffer) {
        try {
            return arrived(in.read(buffer));
        } catch (IOException e) {
            return -1;
        }
    }

    /** Reads a burst through the channel when there is one; as {@link #read(byte[])}. */
    private int readBurst(ByteBuffer burst) {
        if (channel == null) {
            int n = read(burst.array());
            burst.position(Math.max(n, 0));
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

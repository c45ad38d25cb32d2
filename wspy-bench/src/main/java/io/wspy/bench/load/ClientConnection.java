package io.wspy.bench.load;

import io.wspy.bench.BrowserRequest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * One client connection of the load generator, driven by its selector loop: the browser's upgrade
 * request, then the same pre-encoded masked frame (binary, or text in the text scenarios) sent over
 * and over, and a lean parser of what comes back that counts whole messages and skips their payload.
 *
 * <p>Sending: the frame is pre-encoded once with this connection's masking key (RFC 6455 wants a
 * fresh key per frame; the server unmasks either way, so this changes nothing of its work) and
 * repeated in a burst buffer, so queued messages leave in as few writes as the socket takes.
 * Each queued message's send time waits in a FIFO; an echo completes the oldest one (echoes come
 * back in order). Pings are answered with pongs between frames.
 *
 * <p>The first echo on each connection is checked: payload equal to what was sent (inflated first
 * if the server compressed it). Later echoes are only counted: inflating them would be the
 * generator's work, not the server's, and a server compressing with context takeover could not
 * be checked message by message without keeping its stream.
 */
final class ClientConnection {
    private static final byte[] DEFLATE_TAIL = {0, 0, (byte) 0xff, (byte) 0xff};
    private static final int READ_BUFFER = 64 << 10;
    private static final int OPCODE_CLOSE = 8;
    private static final int OPCODE_PING = 9;

    private final LoadGenerator owner;
    final SocketChannel channel;
    SelectionKey key;

    // Handshake.
    private final boolean webSocket;
    private final boolean offerDeflate;
    private final ByteBuffer request;
    private final String expectedAccept;
    private final ByteArrayOutputStream responseHead = new ByteArrayOutputStream(256);
    private int lastFour;
    boolean open;
    boolean deflateNegotiated;

    // Sending.
    private final byte[] payload;
    private byte[] frame;
    private ByteBuffer burst;
    private long unsent;
    private long written;
    private ByteBuffer control;
    private long[] sendTimes;
    private int fifoHead;
    private int fifoSize;

    // Receiving.
    private final ByteBuffer in = ByteBuffer.allocate(READ_BUFFER);
    private final byte[] header = new byte[14];
    private int headerFill;
    private int headerNeed = 2;
    private long payloadLeft = -1;
    private int frameOpcode;
    private boolean frameFin;
    private int frameMaskKey;
    private boolean frameMasked;
    private long frameOffset;
    private final byte[] controlPayload = new byte[125];
    private boolean messageCompressed;
    private ByteArrayOutputStream check;

    ClientConnection(LoadGenerator owner, SocketChannel channel, String host, boolean webSocket, boolean offerDeflate,
                     byte[] payload, java.util.Random random) throws IOException {
        this.owner = owner;
        this.channel = channel;
        this.webSocket = webSocket;
        this.offerDeflate = offerDeflate;
        this.payload = payload;
        byte[] req = BrowserRequest.of(host, "/", offerDeflate, random);
        this.request = ByteBuffer.wrap(req);
        String text = new String(req, StandardCharsets.US_ASCII);
        int k = text.indexOf("Sec-WebSocket-Key: ") + "Sec-WebSocket-Key: ".length();
        this.expectedAccept = accept(text.substring(k, text.indexOf('\r', k)));
        channel.configureBlocking(false);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
    }

    /**
     * Prepares the frame this connection sends (a text or binary message, masked with {@code maskKey})
     * for {@code inFlight} messages in flight.
     */
    void prepare(byte[] wirePayload, boolean text, boolean compressed, int maskKey, int inFlight) {
        frame = Frames.maskedData(wirePayload, text, compressed, maskKey);
        int copies = Math.max(1, Math.min(inFlight, (64 << 10) / frame.length));
        byte[] bytes = new byte[copies * frame.length];
        for (int i = 0; i < copies; i++) {
            System.arraycopy(frame, 0, bytes, i * frame.length, frame.length);
        }
        burst = ByteBuffer.wrap(bytes);
        sendTimes = new long[Integer.highestOneBit(Math.max(1, inFlight) * 2 - 1) * 2];
        check = new ByteArrayOutputStream();
    }

    /** Called once the TCP connection is established: sends the upgrade request (the raw TCP echo gets none). */
    void connected() throws IOException {
        if (!channel.finishConnect()) {
            return;
        }
        if (!webSocket) {
            open = true;
            owner.opened(this);
            key.interestOps(SelectionKey.OP_READ);
            return;
        }
        channel.write(request);
        if (request.hasRemaining()) {
            throw new IOException("the upgrade request did not fit the socket");
        }
        key.interestOps(SelectionKey.OP_READ);
    }

    /** Queues one more message, sent now. */
    void send(long now) {
        if (fifoSize == sendTimes.length) {
            throw new IllegalStateException("more messages in flight than prepared for");
        }
        sendTimes[(fifoHead + fifoSize) & (sendTimes.length - 1)] = now;
        fifoSize++;
        unsent += frame.length;
    }

    /** Writes what is queued, as far as the socket takes it; asks for OP_WRITE if something is left. */
    void flush() throws IOException {
        while (true) {
            int offset = (int) (written % frame.length);
            if (control != null && offset == 0) {
                channel.write(control);
                if (control.hasRemaining()) {
                    break;
                }
                control = null;
            }
            if (unsent == 0) {
                break;
            }
            int length = (int) Math.min(unsent, burst.capacity() - offset);
            if (control != null) {
                length = Math.min(length, frame.length - offset);
            }
            burst.limit(offset + length).position(offset);
            int n = channel.write(burst);
            written += n;
            unsent -= n;
            if (n < length) {
                break;
            }
        }
        int ops = SelectionKey.OP_READ | (unsent > 0 || control != null ? SelectionKey.OP_WRITE : 0);
        if (key.interestOps() != ops) {
            key.interestOps(ops);
        }
    }

    /** Reads what the socket has and handles it; {@code now} is the time of the read. */
    void read(long now) throws IOException {
        while (true) {
            in.clear();
            int n = channel.read(in);
            if (n < 0) {
                throw new IOException("the server closed the connection");
            }
            if (n == 0) {
                return;
            }
            in.flip();
            if (!open) {
                readHandshake();
            }
            if (open) {
                parse(now);
            }
            if (n < in.capacity()) {
                return;
            }
        }
    }

    private void readHandshake() throws IOException {
        while (in.hasRemaining()) {
            byte b = in.get();
            responseHead.write(b);
            lastFour = (lastFour << 8) | (b & 0xff);
            if (lastFour == 0x0d0a0d0a) {
                checkResponse(responseHead.toString(StandardCharsets.ISO_8859_1));
                open = true;
                owner.opened(this);
                return;
            }
            if (responseHead.size() > 8192) {
                throw new IOException("handshake response too long");
            }
        }
    }

    private void checkResponse(String head) throws IOException {
        String lower = head.toLowerCase(Locale.ROOT);
        if (!head.startsWith("HTTP/1.1 101")) {
            throw new IOException("handshake refused: " + head.lines().findFirst().orElse(""));
        }
        if (!lower.contains("sec-websocket-accept: " + expectedAccept.toLowerCase(Locale.ROOT))) {
            throw new IOException("wrong Sec-WebSocket-Accept in " + head);
        }
        int ext = lower.indexOf("sec-websocket-extensions:");
        deflateNegotiated = ext >= 0 && lower.indexOf("permessage-deflate", ext) >= 0;
        if (deflateNegotiated != offerDeflate) {
            throw new IOException(offerDeflate ? "permessage-deflate declined" : "permessage-deflate without an offer");
        }
    }

    private void parse(long now) throws IOException {
        while (in.hasRemaining()) {
            if (payloadLeft < 0) {
                if (!readHeader()) {
                    return;
                }
                if (payloadLeft == 0) {
                    frameDone(now);
                }
                continue;
            }
            int n = (int) Math.min(payloadLeft, in.remaining());
            if (frameOpcode >= OPCODE_CLOSE) {
                copyPayload(controlPayload, (int) frameOffset, n);
            } else if (check != null) {
                byte[] chunk = new byte[n];
                copyPayload(chunk, 0, n);
                check.write(chunk, 0, n);
            } else {
                in.position(in.position() + n);
            }
            frameOffset += n;
            payloadLeft -= n;
            if (payloadLeft == 0) {
                frameDone(now);
            }
        }
    }

    /** Copies {@code n} payload bytes from the input, unmasked (the raw TCP echo returns masked frames). */
    private void copyPayload(byte[] dst, int at, int n) {
        in.get(dst, at, n);
        if (frameMasked) {
            for (int i = 0; i < n; i++) {
                long pos = frameOffset + i;
                dst[at + i] ^= (byte) (frameMaskKey >>> (24 - 8 * (int) (pos & 3)));
            }
        }
    }

    /** Accumulates header bytes; returns true once the header is complete. */
    private boolean readHeader() throws IOException {
        while (headerFill < headerNeed && in.hasRemaining()) {
            header[headerFill++] = in.get();
            if (headerFill == 2) {
                int len = header[1] & 0x7f;
                headerNeed = 2 + (len == 126 ? 2 : len == 127 ? 8 : 0) + ((header[1] & 0x80) != 0 ? 4 : 0);
            }
        }
        if (headerFill < headerNeed) {
            return false;
        }
        frameFin = (header[0] & 0x80) != 0;
        int opcode = header[0] & 0x0f;
        frameMasked = (header[1] & 0x80) != 0;
        int len = header[1] & 0x7f;
        int p = 2;
        long length = len;
        if (len == 126) {
            length = ((header[2] & 0xff) << 8) | (header[3] & 0xff);
            p = 4;
        } else if (len == 127) {
            length = 0;
            for (int i = 0; i < 8; i++) {
                length = (length << 8) | (header[2 + i] & 0xff);
            }
            p = 10;
        }
        if (frameMasked) {
            frameMaskKey = ((header[p] & 0xff) << 24) | ((header[p + 1] & 0xff) << 16) | ((header[p + 2] & 0xff) << 8)
                    | (header[p + 3] & 0xff);
        }
        if (opcode >= OPCODE_CLOSE && length > 125) {
            throw new IOException("control frame too long");
        }
        if (opcode != 0 && opcode < OPCODE_CLOSE) {
            messageCompressed = (header[0] & 0x40) != 0;
        }
        frameOpcode = opcode;
        frameOffset = 0;
        payloadLeft = length;
        headerFill = 0;
        headerNeed = 2;
        return true;
    }

    private void frameDone(long now) throws IOException {
        payloadLeft = -1;
        if (frameOpcode == OPCODE_PING) {
            byte[] pong = Frames.maskedControl(0xA, Arrays.copyOf(controlPayload, (int) frameOffset), 0x5EED1E55);
            control = ByteBuffer.wrap(pong);
            flush();
            return;
        }
        if (frameOpcode == OPCODE_CLOSE) {
            throw new IOException("the server sent a close frame");
        }
        if (frameOpcode > OPCODE_CLOSE || !frameFin) {
            return;
        }
        if (fifoSize == 0) {
            throw new IOException("an echo nobody sent");
        }
        long sent = sendTimes[fifoHead];
        fifoHead = (fifoHead + 1) & (sendTimes.length - 1);
        fifoSize--;
        if (check != null) {
            verify(check.toByteArray());
            check = null;
        }
        owner.echoed(this, now - sent, now);
    }

    private void verify(byte[] echoed) throws IOException {
        byte[] plain = echoed;
        if (messageCompressed) {
            if (!deflateNegotiated) {
                throw new IOException("RSV1 without permessage-deflate");
            }
            Inflater inflater = new Inflater(true);
            try {
                inflater.setInput(echoed);
                byte[] out = new byte[payload.length + 1];
                int n = inflater.inflate(out);
                inflater.setInput(DEFLATE_TAIL);
                n += inflater.inflate(out, n, out.length - n);
                plain = Arrays.copyOf(out, n);
            } catch (DataFormatException e) {
                throw new IOException("the echo does not inflate", e);
            } finally {
                inflater.end();
            }
        }
        // The raw TCP echo returns the masked frame itself, which the parser unmasked: the same check.
        if (!Arrays.equals(payload, plain)) {
            throw new IOException("the echo differs from the message sent (" + plain.length + " bytes, "
                    + payload.length + " sent)");
        }
    }

    /** Closes at once with a reset (SO_LINGER 0), so that no TIME_WAIT is left to use up local ports. */
    void abort() {
        try {
            channel.setOption(StandardSocketOptions.SO_LINGER, 0);
        } catch (IOException ignored) {
            // Closing anyway.
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // Nothing more to do.
        }
    }

    static String accept(String key) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            byte[] digest = sha1.digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.wspy.server.conformance;

import io.wspy.frame.Frame;
import io.wspy.frame.FrameEncoder;
import io.wspy.frame.FrameHeader;
import io.wspy.frame.Opcode;
import io.wspy.frame.Role;

import javax.net.ssl.SSLSocketFactory;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Base64;
import java.util.Deque;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * One connection between a fuzzer and the peer under test, from the fuzzer's side: what a case
 * script sends (frames built with the library's {@link FrameEncoder}, or raw bytes, whole or in
 * chops) and what it expects back (an echoed message, a pong, a close code, the TCP connection
 * ending), each within the case's time bound. Every frame the peer sends is checked against RFC
 * 6455 by the suite's own reader.
 *
 * <p>Testing a server, the fuzzer is the client: it masks its frames and expects the server to
 * close TCP first. Testing a client, the fuzzer is the server: its frames are unmasked and it
 * closes TCP once the closing handshake is done.
 */
final class FuzzSession implements AutoCloseable {
    /** A close frame without a status code. */
    static final int NO_CODE = -1;

    private static final int TRANSCRIPT_LINES = 12;

    private final Role role;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final FrameEncoder encoder;
    private final FrameEncoder explicitEncoder = new FrameEncoder(Role.SERVER);
    private final Random random;
    private final long deadline;
    private final long peerMaxMessageSize;
    private final RawHttp.Head handshake;
    private final boolean upgraded;
    private final DeflateParams deflate;
    private final SessionCompression compression;
    private final Deque<String> transcript = new ArrayDeque<>();

    /** The fuzzing server's handshake response, sent with its first frame so the client gets both at once. */
    private byte[] unsentResponse;
    private IOException writeFailure;
    private int lastPeerKey;
    private long peerFrames;
    private boolean closeSent;
    private boolean closeReceived;
    private boolean ended;

    private FuzzSession(Role role, Socket socket, InputStream in, long deadline, long peerMaxMessageSize,
                        RawHttp.Head handshake, boolean upgraded, DeflateParams deflate, long seed) throws IOException {
        this.role = role;
        this.socket = socket;
        this.in = in;
        this.out = socket.getOutputStream();
        this.random = new Random(seed);
        this.encoder = new FrameEncoder(role, random::nextInt);
        this.deadline = deadline;
        this.peerMaxMessageSize = peerMaxMessageSize;
        this.handshake = handshake;
        this.upgraded = upgraded;
        this.deflate = deflate;
        this.compression = deflate == null ? null : SessionCompression.forRole(role == Role.CLIENT, deflate);
    }

    // ---------------------------------------------------------------- opening

    /**
     * Connects to a server under test as the fuzzing client and sends the opening's request. A
     * refused upgrade gives a session that is not {@link #upgraded()}; a 101 response that breaks
     * RFC 6455 or RFC 7692 fails the case.
     *
     * @param tls makes the TLS socket over the connection to a {@code wss://} server, or {@code null}
     */
    static FuzzSession connect(InetSocketAddress server, SSLSocketFactory tls, String path, Opening opening,
                               Duration bound, long peerMaxMessageSize, long seed) throws IOException {
        long deadline = System.nanoTime() + bound.toNanos();
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(server, (int) bound.toMillis());
            if (tls != null) {
                socket = tls.createSocket(socket, server.getHostString(), server.getPort(), true);
            }
            socket.setSoTimeout((int) bound.toMillis());
            byte[] nonce = new byte[16];
            new Random(seed).nextBytes(nonce);
            String key = Base64.getEncoder().encodeToString(nonce);
            Opening.Variant variant = opening.variant();
            boolean odd = variant == Opening.Variant.ODD_HEADERS;
            if (variant == Opening.Variant.SHORT_KEY) {
                key = Base64.getEncoder().encodeToString(Arrays.copyOf(nonce, 12));
            }
            StringBuilder request = new StringBuilder(variant == Opening.Variant.POST ? "POST " : "GET ").append(path)
                    .append(variant == Opening.Variant.HTTP_1_0 ? " HTTP/1.0\r\n" : " HTTP/1.1\r\n");
            if (variant != Opening.Variant.NO_HOST) {
                request.append("Host: ").append(server.getHostString()).append(':').append(server.getPort())
                        .append("\r\n");
            }
            request.append(odd ? "upgrade: WebSocket\r\nconnection: keep-alive, Upgrade\r\n"
                            : "Upgrade: websocket\r\nConnection: Upgrade\r\n")
                    .append(odd ? "sec-websocket-version: " : "Sec-WebSocket-Version: ")
                    .append(variant == Opening.Variant.WRONG_VERSION ? "8" : "13").append("\r\n");
            if (variant != Opening.Variant.NO_KEY) {
                request.append(odd ? "sec-websocket-key: " : "Sec-WebSocket-Key: ").append(key).append("\r\n");
            }
            if (opening.extensionsHeader() != null) {
                request.append("Sec-WebSocket-Extensions: ").append(opening.extensionsHeader()).append("\r\n");
            }
            if (!opening.subprotocols().isEmpty()) {
                request.append("Sec-WebSocket-Protocol: ").append(String.join(", ", opening.subprotocols()))
                        .append("\r\n");
            }
            byte[] head = RawHttp.ascii(request.append("\r\n").toString());
            int chop = variant == Opening.Variant.CHOPPED_HEAD ? 1 : head.length;
            for (int at = 0; at < head.length; at += chop) {
                socket.getOutputStream().write(head, at, Math.min(chop, head.length - at));
            }
            InputStream in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
            RawHttp.Head response = RawHttp.readHead(in);
            boolean upgraded = response.status() == 101;
            DeflateParams negotiated = upgraded ? checkResponse(response, key, opening) : null;
            return new FuzzSession(Role.CLIENT, socket, in, deadline, peerMaxMessageSize, response, upgraded,
                    negotiated, seed);
        } catch (IOException | RuntimeException | CaseFailure e) {
            socket.close();
            throw e;
        }
    }

    private static DeflateParams checkResponse(RawHttp.Head response, String key, Opening opening) {
        if (!"websocket".equalsIgnoreCase(response.header("Upgrade"))) {
            throw new CaseFailure("101 response without Upgrade: websocket");
        }
        if (!response.headerHasToken("Connection", "upgrade")) {
            throw new CaseFailure("101 response without Connection: Upgrade");
        }
        if (!RawHttp.acceptFor(key).equals(response.header("Sec-WebSocket-Accept"))) {
            throw new CaseFailure("wrong Sec-WebSocket-Accept: " + response.header("Sec-WebSocket-Accept"));
        }
        String protocol = response.header("Sec-WebSocket-Protocol");
        if (protocol != null && !opening.subprotocols().contains(protocol)) {
            throw new CaseFailure("the server chose a subprotocol that was not offered: " + protocol);
        }
        String extensions = response.header("Sec-WebSocket-Extensions");
        if (extensions == null) {
            return null;
        }
        if (opening.deflate() == null) {
            throw new CaseFailure("the server accepted an extension it should have declined: " + extensions);
        }
        DeflateParams answer;
        try {
            answer = DeflateParams.parse(extensions);
        } catch (IllegalArgumentException e) {
            throw new CaseFailure("invalid permessage-deflate response: " + e.getMessage());
        }
        String invalid = opening.deflate().whyInvalidAnswerTo(answer);
        if (invalid != null) {
            throw new CaseFailure("invalid permessage-deflate response (" + extensions + "): " + invalid);
        }
        return answer;
    }

    /**
     * Answers a client under test, as the fuzzing server, whose request head was already read.
     * The client's request must be a valid upgrade request that offers permessage-deflate when
     * the opening answers it.
     */
    static FuzzSession accept(Socket socket, InputStream in, RawHttp.Head request, Opening opening, Duration bound,
                              long peerMaxMessageSize, long seed) throws IOException {
        long deadline = System.nanoTime() + bound.toNanos();
        socket.setTcpNoDelay(true);
        String key = request.header("Sec-WebSocket-Key");
        String problem = requestProblem(request);
        if (problem != null) {
            throw new CaseFailure("invalid upgrade request: " + problem);
        }
        DeflateParams answer = opening.deflate();
        String extensions = opening.extensionsHeader();
        if (extensions != null) {
            String offer = request.header("Sec-WebSocket-Extensions");
            if (offer == null || !offer.toLowerCase(Locale.ROOT).contains(DeflateParams.NAME)) {
                throw new CaseFailure("the client did not offer permessage-deflate");
            }
        }
        StringBuilder response = new StringBuilder();
        if (opening.variant() == Opening.Variant.NOT_SWITCHING) {
            response.append("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n");
        } else if (opening.variant() == Opening.Variant.ODD_HEADERS) {
            response.append("HTTP/1.1 101 Switching Protocols\r\nupgrade: WebSocket\r\nconnection: upgrade\r\n")
                    .append("sec-websocket-accept: ").append(RawHttp.acceptFor(key)).append("\r\n");
        } else {
            String accept = RawHttp.acceptFor(opening.variant() == Opening.Variant.WRONG_ACCEPT ? key + "x" : key);
            response.append("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n")
                    .append("Sec-WebSocket-Accept: ").append(accept).append("\r\n");
        }
        if (extensions != null) {
            response.append("Sec-WebSocket-Extensions: ").append(extensions).append("\r\n");
        }
        if (opening.variant() == Opening.Variant.UNREQUESTED_SUBPROTOCOL) {
            response.append("Sec-WebSocket-Protocol: never-offered\r\n");
        }
        if (opening.variant() == Opening.Variant.UNREQUESTED_EXTENSION) {
            response.append("Sec-WebSocket-Extensions: x-never-offered\r\n");
        }
        boolean upgraded = opening.upgrades();
        if (opening.variant() == Opening.Variant.CHOPPED_HEAD) {
            byte[] head = RawHttp.ascii(response.append("\r\n").toString());
            for (byte b : head) {
                socket.getOutputStream().write(b);
            }
            return new FuzzSession(Role.SERVER, socket, in, deadline, peerMaxMessageSize, request, upgraded,
                    answer, seed);
        }
        FuzzSession session = new FuzzSession(Role.SERVER, socket, in, deadline, peerMaxMessageSize, request,
                upgraded, upgraded ? answer : null, seed);
        session.unsentResponse = RawHttp.ascii(response.append("\r\n").toString());
        return session;
    }

    private static String requestProblem(RawHttp.Head request) {
        if (!request.firstLine().startsWith("GET ") || !request.firstLine().endsWith(" HTTP/1.1")) {
            return "request line " + request.firstLine();
        }
        if (request.header("Host") == null) {
            return "no Host header";
        }
        if (!"websocket".equalsIgnoreCase(request.header("Upgrade"))) {
            return "no Upgrade: websocket";
        }
        if (!request.headerHasToken("Connection", "upgrade")) {
            return "no Connection: Upgrade";
        }
        if (!"13".equals(request.header("Sec-WebSocket-Version"))) {
            return "Sec-WebSocket-Version " + request.header("Sec-WebSocket-Version");
        }
        String key = request.header("Sec-WebSocket-Key");
        try {
            if (key == null || Base64.getDecoder().decode(key).length != 16) {
                return "Sec-WebSocket-Key " + key;
            }
        } catch (IllegalArgumentException e) {
            return "Sec-WebSocket-Key not base64: " + key;
        }
        return null;
    }

    // ---------------------------------------------------------------- what was negotiated

    /** Whether the handshake switched protocols. */
    boolean upgraded() {
        return upgraded;
    }

    /** The response head (testing a server) or the request head (testing a client). */
    RawHttp.Head handshake() {
        return handshake;
    }

    /** The negotiated permessage-deflate parameters, or {@code null}. */
    DeflateParams deflate() {
        return deflate;
    }

    /** The largest message the peer under test accepts. */
    long peerMaxMessageSize() {
        return peerMaxMessageSize;
    }

    // ---------------------------------------------------------------- sending

    /** Sends a frame in one write; masked with a fresh key when the fuzzer is the client. */
    void send(Frame frame) {
        send(frame, Integer.MAX_VALUE);
    }

    /** Sends a frame in writes of at most {@code chop} bytes each. */
    void send(Frame frame, int chop) {
        noteClose(frame);
        note("-> " + frame);
        write(encoder.encode(frame), chop);
    }

    /** Sends a frame masked exactly as asked, whatever the fuzzer's role: to test masking rules. */
    void sendMasked(Frame frame, boolean masked) {
        Frame wire = masked ? frame.withMaskingKey(random.nextInt()) : frame.withoutMask();
        noteClose(frame);
        note("-> " + wire);
        write(explicitEncoder.encode(wire), Integer.MAX_VALUE);
    }

    /** Sends bytes as they are. */
    void sendRaw(byte[] bytes) {
        sendRaw(bytes, Integer.MAX_VALUE);
    }

    /** Sends bytes as they are, in writes of at most {@code chop} bytes. */
    void sendRaw(byte[] bytes, int chop) {
        note("-> " + bytes.length + " raw bytes");
        write(ByteBuffer.wrap(bytes), chop);
    }

    /** The bytes {@link #send(Frame)} would write: to send part of a frame and withhold the rest. */
    byte[] encode(Frame frame) {
        ByteBuffer b = encoder.encode(frame);
        return Arrays.copyOfRange(b.array(), b.position(), b.limit());
    }

    /** Sends a message in fragments of at most {@code fragmentSize} bytes (one frame if it fits). */
    void sendFragmented(int opcode, byte[] payload, int fragmentSize) {
        for (Frame f : new Frame(opcode, payload).fragment(fragmentSize)) {
            send(f);
        }
    }

    /** Compresses a message with the negotiated permessage-deflate settings. */
    byte[] compress(byte[] message) {
        requireDeflate();
        return compression.compress(message);
    }

    /** Sends a compressed message in one frame with RSV1. */
    void sendCompressed(int opcode, byte[] message) {
        sendCompressed(opcode, message, Integer.MAX_VALUE);
    }

    /** Sends a compressed message in frames of at most {@code frameSize} payload bytes (RSV1 on the first). */
    void sendCompressed(int opcode, byte[] message, int frameSize) {
        sendPrecompressed(opcode, compress(message), frameSize);
    }

    /** Sends data compressed by the case itself as one message, RSV1 on its first frame. */
    void sendPrecompressed(int opcode, byte[] compressed, int frameSize) {
        for (Frame f : new Frame(opcode, compressed).fragment(frameSize)) {
            send(f.opcode() == Opcode.CONTINUATION ? f : f.withRsv(FrameHeader.RSV1));
        }
    }

    private void write(ByteBuffer bytes, int chop) {
        if (writeFailure != null) {
            return;
        }
        try {
            if (unsentResponse != null) {
                byte[] first = Arrays.copyOf(unsentResponse, unsentResponse.length + Math.min(chop, bytes.remaining()));
                bytes.get(first, unsentResponse.length, first.length - unsentResponse.length);
                unsentResponse = null;
                out.write(first);
            }
            byte[] array = bytes.array();
            for (int at = bytes.position(); at < bytes.limit(); at += chop) {
                out.write(array, at, Math.min(chop, bytes.limit() - at));
            }
            out.flush();
        } catch (IOException e) {
            // The peer may fail the connection while we still send: what it answered is still to be read.
            writeFailure = e;
            note("   write failed: " + e.getMessage());
        }
    }

    private void sendResponseIfUnsent() {
        if (unsentResponse != null) {
            write(ByteBuffer.allocate(0), Integer.MAX_VALUE);
        }
    }

    private void noteClose(Frame frame) {
        if (frame.opcode() == Opcode.CLOSE) {
            closeSent = true;
        }
    }

    // ---------------------------------------------------------------- expecting

    /** Expects the next thing the peer sends to be this message (compared byte for byte). */
    void expectMessage(int opcode, byte[] expected) {
        String what = Opcode.name(opcode) + " message of " + expected.length + " bytes";
        WireFrame first = nextFrame(what);
        if (first == null) {
            throw fail("expected a " + what + ", but the connection ended");
        }
        if (first.opcode() != opcode) {
            throw fail("expected a " + what + ", got " + first);
        }
        boolean compressed = (first.rsv() & FrameHeader.RSV1) != 0;
        ByteArrayOutputStream joined = new ByteArrayOutputStream(expected.length);
        joined.writeBytes(first.payload());
        WireFrame f = first;
        while (!f.fin()) {
            f = nextFrame("the rest of a " + what);
            if (f == null || f.opcode() != Opcode.CONTINUATION) {
                throw fail("expected the continuation of a " + what + ", got " + (f == null ? "the end" : f));
            }
            joined.writeBytes(f.payload());
        }
        byte[] actual = joined.toByteArray();
        if (compressed) {
            try {
                actual = compression.decompress(actual);
            } catch (IllegalStateException e) {
                throw fail(e.getMessage());
            }
        }
        if (!Arrays.equals(actual, expected)) {
            throw fail("expected " + describe(expected) + ", got " + describe(actual));
        }
    }

    /** Expects a text message with exactly these bytes. */
    void expectText(byte[] utf8) {
        expectMessage(Opcode.TEXT, utf8);
    }

    /** Expects a pong with this payload. */
    void expectPong(byte[] payload) {
        WireFrame f = nextFrame("a pong");
        if (f == null) {
            throw fail("expected a pong, but the connection ended");
        }
        if (f.opcode() != Opcode.PONG) {
            throw fail("expected a pong of " + payload.length + " bytes, got " + f);
        }
        if (!Arrays.equals(f.payload(), payload)) {
            throw fail("pong payload: expected " + describe(payload) + ", got " + describe(f.payload()));
        }
    }

    /**
     * Expects a close frame with one of these codes ({@link #NO_CODE} for an empty payload), then
     * completes the closing handshake and expects the TCP connection to end.
     */
    void expectClose(int... codes) {
        String wanted = IntStream.of(codes).mapToObj(c -> c == NO_CODE ? "(no code)" : String.valueOf(c))
                .collect(Collectors.joining(" or "));
        WireFrame f = nextFrame("a close frame with code " + wanted);
        if (f == null) {
            throw fail("expected close " + wanted + ", but the connection ended without a close frame");
        }
        if (f.opcode() != Opcode.CLOSE) {
            throw fail("expected close " + wanted + ", got " + f);
        }
        byte[] p = f.payload();
        if (p.length == 1) {
            throw fail("the peer sent a close payload of one byte");
        }
        int code = p.length == 0 ? NO_CODE : ((p[0] & 0xFF) << 8) | (p[1] & 0xFF);
        if (p.length > 2 && !Utf8Oracle.isValid(Arrays.copyOfRange(p, 2, p.length))) {
            throw fail("the peer's close reason is not valid UTF-8");
        }
        String reason = p.length > 2 ? new String(p, 2, p.length - 2, StandardCharsets.UTF_8) : "";
        if (IntStream.of(codes).noneMatch(c -> c == code)) {
            throw fail("expected close " + wanted + ", got close " + (code == NO_CODE ? "(no code)" : code)
                    + (reason.isEmpty() ? "" : " \"" + reason + "\""));
        }
        closeReceived = true;
        if (!closeSent) {
            byte[] echo = code == NO_CODE ? new byte[0] : new byte[] {p[0], p[1]};
            send(new Frame(Opcode.CLOSE, echo));
        }
        expectEnd();
    }

    /** Starts the closing handshake with 1000 and expects it to be completed. */
    void closeNormally() {
        send(Frame.close(1000, "done"));
        expectClose(1000);
    }

    /** Expects the peer to end the TCP connection without sending another frame. */
    private void expectEnd() {
        sendResponseIfUnsent();
        if (role == Role.SERVER) {
            // The server closes TCP first (RFC 6455 section 7.1.1); the client then hangs up.
            try {
                socket.shutdownOutput();
            } catch (IOException e) {
                note("   shutdown failed: " + e.getMessage());
            }
        }
        WireFrame f = nextFrame(role == Role.CLIENT ? "the server to close the TCP connection"
                : "the client to close the TCP connection");
        if (f != null) {
            throw fail("expected the connection to end, got " + f);
        }
        ended = true;
    }

    /**
     * Expects the peer to drop the connection without sending a frame, as a client must when the
     * server's handshake response is not acceptable.
     */
    void expectDrop() {
        WireFrame f = nextFrame("the peer to drop the connection");
        if (f != null) {
            throw fail("expected the peer to drop the connection, got " + f);
        }
        ended = true;
    }

    /** Whether the fuzzer masks what it sends (it is the client). */
    boolean masks() {
        return role == Role.CLIENT;
    }

    /** Whether the connection has ended (closing handshake done or connection dropped). */
    boolean ended() {
        return ended;
    }

    /** Ends the session's socket. */
    @Override
    public void close() {
        if (compression != null) {
            compression.close();
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // Nothing to do about a socket that fails to close.
        }
    }

    /** A failure that names what was expected and what the transcript shows. */
    CaseFailure fail(String message) {
        return new CaseFailure(message + "\n    transcript (last " + transcript.size() + "):\n      "
                + String.join("\n      ", transcript));
    }

    /** Reads the next frame within the time bound, checking it against the rules; null at the end. */
    private WireFrame nextFrame(String waitingFor) {
        sendResponseIfUnsent();
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            throw fail("the time bound ran out while waiting for " + waitingFor);
        }
        WireFrame f;
        try {
            socket.setSoTimeout((int) left);
            f = WireFrame.read(in);
        } catch (SocketTimeoutException e) {
            throw fail("nothing arrived within the time bound while waiting for " + waitingFor);
        } catch (IOException e) {
            note("<- connection ended: " + e.getMessage());
            return null;
        }
        if (f == null) {
            note("<- end of stream");
            return null;
        }
        note("<- " + f);
        checkPeerFrame(f);
        return f;
    }

    private void checkPeerFrame(WireFrame f) {
        boolean peerIsClient = role == Role.SERVER;
        if (f.masked() != peerIsClient) {
            throw fail(peerIsClient ? "the client sent an unmasked frame" : "the server sent a masked frame");
        }
        if (peerIsClient) {
            // A fresh key for every frame (RFC 6455 section 5.3): two equal keys in a row betray a fixed one.
            if (peerFrames > 0 && f.maskingKey() == lastPeerKey) {
                throw fail("the client masked two frames in a row with the same key");
            }
            lastPeerKey = f.maskingKey();
            peerFrames++;
        }
        if (!Opcode.isDefined(f.opcode())) {
            throw fail("the peer sent a reserved opcode");
        }
        if (f.isControl()) {
            if (!f.fin() || f.rsv() != 0 || f.payload().length > Frame.MAX_CONTROL_PAYLOAD) {
                throw fail("the peer sent an invalid control frame: " + f);
            }
            if (closeReceived) {
                throw fail("the peer sent a frame after its close frame: " + f);
            }
            return;
        }
        boolean rsv1Allowed = deflate != null && f.opcode() != Opcode.CONTINUATION;
        if ((f.rsv() & ~(rsv1Allowed ? FrameHeader.RSV1 : 0)) != 0) {
            throw fail("the peer set RSV bits it may not set: " + f);
        }
        if (closeReceived) {
            throw fail("the peer sent a frame after its close frame: " + f);
        }
    }

    private void requireDeflate() {
        if (compression == null) {
            throw fail("permessage-deflate was not negotiated");
        }
    }

    private void note(String line) {
        if (transcript.size() == TRANSCRIPT_LINES) {
            transcript.removeFirst();
        }
        transcript.addLast(line);
    }

    private static String describe(byte[] b) {
        if (b.length <= 24) {
            StringBuilder s = new StringBuilder(b.length + " bytes [");
            for (int i = 0; i < b.length; i++) {
                s.append(i == 0 ? "" : " ").append(String.format("%02x", b[i] & 0xFF));
            }
            return s.append(']').toString();
        }
        return b.length + " bytes (starting " + describe(Arrays.copyOf(b, 8)) + ")";
    }
}

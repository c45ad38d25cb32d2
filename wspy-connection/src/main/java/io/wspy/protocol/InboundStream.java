package io.wspy.protocol;

import io.wspy.frame.CloseCode;
import io.wspy.frame.Frame;
import io.wspy.frame.FrameEncoder;
import io.wspy.frame.FrameHeader;
import io.wspy.frame.FrameListener;
import io.wspy.frame.Opcode;
import io.wspy.frame.ProtocolException;
import io.wspy.frame.Utf8Validator;
import io.wspy.frame.extension.ExtensionChain;

import java.nio.ByteBuffer;

/**
 * The receiving half of the protocol: turns decoded frames into a message stream and control
 * events. Enforces fragmentation rules (RFC 6455 section 5.4), the message size limit, UTF-8
 * validity of text as each byte arrives, and per-message RSV bits; runs incoming data frames through
 * the extensions. Confined to the thread that feeds the protocol.
 */
final class InboundStream implements FrameListener {
    private static final int NO_MESSAGE = -1;
    /** The first buffer for a frame the extensions must see whole; it grows as the payload arrives. */
    private static final int INITIAL_FRAME_BUFFER = 16 * 1024;

    private final WebSocketProtocol protocol;
    private final ProtocolListener listener;
    private final ExtensionChain extensions;
    private final long maxMessageSize;
    /** {@code null} when nobody listens. */
    private final TrafficCounter counter;
    private final Utf8Validator utf8 = new Utf8Validator();
    /** Every extension works per message and marks what it transforms with its RSV bits. */
    private final boolean extensionsMarkMessages;

    private int messageOpcode = NO_MESSAGE;
    private long messageSize;
    /** Whether the current message goes through the extensions (else it streams past them). */
    private boolean messageTransformed;

    private boolean frameIsControl;
    private boolean frameFin;
    private int frameRsv;
    private int frameOpcode;
    /** Holds a control frame's payload, or a data frame's when extensions must see it whole. */
    private ByteBuffer frameBuffer;
    private ByteBuffer controlBuffer;
    /** The payload length of the frame being buffered. */
    private long frameLength;

    InboundStream(WebSocketProtocol protocol, ProtocolListener listener, ExtensionChain extensions,
                  long maxMessageSize, TrafficCounter counter) {
        this.protocol = protocol;
        this.listener = listener;
        this.extensions = extensions;
        this.maxMessageSize = maxMessageSize;
        this.counter = counter;
        this.extensionsMarkMessages = extensions.extensions().stream()
                .allMatch(e -> e.perMessage() && e.rsvBits() != 0);
    }

    @Override
    public void onFrameStart(FrameHeader header) throws ProtocolException {
        if (protocol.isInputEnded()) {
            return;
        }
        frameOpcode = header.opcode();
        frameFin = header.fin();
        frameRsv = header.rsv();
        frameIsControl = header.isControl();
        if (counter != null) {
            counter.frame(FrameEncoder.headerSize(header.payloadLength(), header.isMasked()) + header.payloadLength());
        }
        if (frameIsControl) {
            if (controlBuffer == null) {
                controlBuffer = ByteBuffer.allocate(Frame.MAX_CONTROL_PAYLOAD);
            }
            frameBuffer = controlBuffer.clear();
            return;
        }
        if (frameOpcode == Opcode.CONTINUATION) {
            if (messageOpcode == NO_MESSAGE) {
                throw protocolError("continuation frame without a message to continue");
            }
            if ((frameRsv & extensions.perMessageRsvBits()) != 0) {
                throw protocolError("per-message RSV bit set on a continuation frame");
            }
        } else {
            if (messageOpcode != NO_MESSAGE) {
                throw protocolError("new message started before the previous one was finished");
            }
            messageOpcode = frameOpcode;
            messageSize = 0;
            // A message no extension marked is not transformed: stream it, so that its UTF-8 is
            // checked as it arrives and its size from the header, instead of buffering each frame.
            messageTransformed = !extensionsMarkMessages || (frameRsv & extensions.rsvBits()) != 0;
            utf8.reset();
            listener.onMessageStart(frameOpcode, messageTransformed ? -1 : header.payloadLength());
        }
        if (!messageTransformed) {
            checkMessageSize(header.payloadLength());
            frameBuffer = null;
        } else {
            // Memory follows the bytes that arrive, not the length a header announces.
            frameLength = header.payloadLength();
            frameBuffer = ByteBuffer.allocate((int) Math.min(frameLength, INITIAL_FRAME_BUFFER));
        }
    }

    @Override
    public void onFramePayload(ByteBuffer payload) throws ProtocolException {
        if (protocol.isInputEnded()) {
            return;
        }
        if (frameBuffer != null) {
            if (frameBuffer.remaining() < payload.remaining()) {
                int needed = frameBuffer.position() + payload.remaining();
                int grown = (int) Math.min(frameLength, Math.max(needed, 2L * frameBuffer.capacity()));
                frameBuffer = ByteBuffer.allocate(grown).put(frameBuffer.flip());
            }
            frameBuffer.put(payload);
        } else {
            deliver(payload);
        }
    }

    @Override
    public void onMaskedFramePayload(ByteBuffer payload, int maskingKey, int phase) throws ProtocolException {
        if (frameBuffer == null && !protocol.isInputEnded()) {
            // Streamed data: text is checked as it reads unmasked, and the listener unmasks as it copies.
            if (messageOpcode == Opcode.TEXT) {
                checkText(utf8.validateMasked(payload, maskingKey, phase), payload);
            }
            messageSize += payload.remaining();
            listener.onMaskedMessageData(payload, maskingKey, phase);
            return;
        }
        FrameListener.super.onMaskedFramePayload(payload, maskingKey, phase);
    }

    @Override
    public void onFrameEnd() throws ProtocolException {
        if (protocol.isInputEnded()) {
            return;
        }
        if (frameIsControl) {
            if (counter != null) {
                counter.controlFrame(frameOpcode, frameBuffer.position());
            }
            protocol.onControlFrame(frameOpcode, frameBuffer.flip());
            return;
        }
        if (counter != null) {
            counter.dataFrame(frameOpcode, 0);
        }
        if (frameBuffer != null) {
            Frame frame = new Frame(frameFin, frameRsv, frameOpcode, frameBuffer.flip());
            frameBuffer = null;
            ByteBuffer decoded = extensions.decode(frame, maxMessageSize - messageSize).payload();
            checkMessageSize(decoded.remaining());
            deliver(decoded);
        }
        if (frameFin) {
            if (messageOpcode == Opcode.TEXT && !utf8.isComplete()) {
                throw new ProtocolException(CloseCode.INVALID_PAYLOAD, "text message ends inside a UTF-8 sequence");
            }
            if (counter != null) {
                // A read holding many small messages reports them in one call per opcode.
                counter.messageEnded(messageSize);
            }
            messageOpcode = NO_MESSAGE;
            listener.onMessageEnd();
        }
    }

    /** Reports the messages received since the last call; the protocol calls it after each read. */
    void publishCounts() {
        if (counter != null) {
            counter.report();
        }
    }

    /** Every frame read on the wire so far, headers included; -1 if nobody counted. */
    long wireBytes() {
        return counter == null ? -1 : counter.wireBytes();
    }

    private void deliver(ByteBuffer data) throws ProtocolException {
        if (!data.hasRemaining()) {
            return;
        }
        if (messageOpcode == Opcode.TEXT) {
            checkText(utf8.validate(data), data);
        }
        messageSize += data.remaining();
        listener.onMessageData(data);
    }

    private void checkText(int bad, ByteBuffer data) throws ProtocolException {
        if (bad != Utf8Validator.VALID) {
            throw new ProtocolException(CloseCode.INVALID_PAYLOAD, "invalid UTF-8 in text message at byte "
                    + (messageSize + bad - data.position()));
        }
    }

    private void checkMessageSize(long more) throws ProtocolException {
        if (messageSize + more > maxMessageSize) {
            throw new ProtocolException(CloseCode.MESSAGE_TOO_BIG,
                    "message exceeds the limit of " + maxMessageSize + " bytes");
        }
    }

    private static ProtocolException protocolError(String message) {
        return new ProtocolException(CloseCode.PROTOCOL_ERROR, message);
    }
}

package io.wspy.extensions.example;

import io.wspy.frame.CloseCode;
import io.wspy.frame.Frame;
import io.wspy.frame.Opcode;
import io.wspy.frame.ProtocolException;
import io.wspy.frame.extension.Extension;
import io.wspy.frame.extension.ExtensionException;
import io.wspy.frame.extension.ExtensionFactory;
import io.wspy.frame.extension.ExtensionParameters;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Locale;

/**
 * A toy per-message extension written against the public SPI alone: it XORs every payload byte
 * of a message with a one-byte key and marks the message's first frame with its RSV bit. The key
 * is negotiated as {@code key=<two hex digits>}; the server accepts the client's key.
 */
public final class XorMask implements ExtensionFactory {
    private final String name;
    private final int rsvBit;
    private final int key;

    public XorMask(String name, int rsvBit, int key) {
        this.name = name;
        this.rsvBit = rsvBit;
        this.key = key;
    }

    @Override
    public List<String> names() {
        return List.of(name);
    }

    @Override
    public int rsvBits() {
        return rsvBit;
    }

    @Override
    public List<ExtensionParameters> offers() {
        return List.of(element());
    }

    private ExtensionParameters element() {
        return ExtensionParameters.of(name).with("key", String.format(Locale.ROOT, "%02x", key));
    }

    @Override
    public Extension acceptResponse(ExtensionParameters response) throws ExtensionException {
        if (!response.equals(element())) {
            throw new ExtensionException("unexpected answer: " + response);
        }
        return new Masking(response, rsvBit, key);
    }

    @Override
    public Extension acceptOffer(ExtensionParameters offer) {
        String value = offer.value("key");
        if (offer.parameters().size() != 1 || value == null || !value.matches("[0-9a-f]{2}")) {
            return null;
        }
        return new Masking(offer, rsvBit, Integer.parseInt(value, 16));
    }

    /** XORs one byte array with the key. */
    static byte[] xor(byte[] bytes, int key) {
        byte[] out = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = (byte) (bytes[i] ^ key);
        }
        return out;
    }

    private static final class Masking implements Extension {
        private final ExtensionParameters parameters;
        private final int rsvBit;
        private final int key;
        private boolean receivingMasked;

        Masking(ExtensionParameters parameters, int rsvBit, int key) {
            this.parameters = parameters;
            this.rsvBit = rsvBit;
            this.key = key;
        }

        @Override
        public ExtensionParameters parameters() {
            return parameters;
        }

        @Override
        public int rsvBits() {
            return rsvBit;
        }

        @Override
        public boolean perMessage() {
            return true;
        }

        @Override
        public Frame encode(Frame frame) {
            int rsv = frame.opcode() == Opcode.CONTINUATION ? frame.rsv() : frame.rsv() | rsvBit;
            return new Frame(frame.fin(), rsv, frame.opcode(), ByteBuffer.wrap(xor(frame.payloadBytes(), key)));
        }

        @Override
        public Frame decode(Frame frame, long maxPayload) throws ProtocolException {
            boolean marked = (frame.rsv() & rsvBit) != 0;
            if (frame.opcode() != Opcode.CONTINUATION) {
                receivingMasked = marked;
            } else if (marked) {
                throw new ProtocolException(CloseCode.PROTOCOL_ERROR, "RSV bit on a continuation frame");
            }
            if (frame.length() > maxPayload) {
                throw new ProtocolException(CloseCode.MESSAGE_TOO_BIG, "message over " + maxPayload + " bytes");
            }
            if (!receivingMasked) {
                return frame;
            }
            return new Frame(frame.fin(), frame.rsv() & ~rsvBit, frame.opcode(),
                    ByteBuffer.wrap(xor(frame.payloadBytes(), key)));
        }

        @Override
        public void close() {
        }
    }
}

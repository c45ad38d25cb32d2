package io.wspy.protocol;

import io.wspy.frame.Opcode;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A text message. Built from a string it encodes to UTF-8 once, when first needed; received from
 * the wire it keeps the (already validated) bytes and decodes the string once, when first asked, so
 * an echo never decodes or re-encodes.
 */
public final class TextMessage extends Message {
    private byte[] utf8;
    private String text;

    /** A message carrying {@code text}. */
    public TextMessage(String text) {
        if (text == null) {
            throw new IllegalArgumentException("text must not be null");
        }
        this.text = text;
    }

    private TextMessage(byte[] utf8) {
        this.utf8 = utf8;
    }

    /**
     * A message over bytes that are known to be valid UTF-8; the array is taken over, not copied.
     * For the protocol's use, which validates as it receives.
     */
    static TextMessage ofValidatedUtf8(byte[] utf8) {
        return new TextMessage(utf8);
    }

    /** The text. */
    public String text() {
        // Both fields only ever go from null to an immutable value: a racy first call is harmless.
        String t = text;
        if (t == null) {
            t = new String(utf8, StandardCharsets.UTF_8);
            text = t;
        }
        return t;
    }

    @Override
    public int opcode() {
        return Opcode.TEXT;
    }

    @Override
    public ByteBuffer payload() {
        return ByteBuffer.wrap(bytes()).asReadOnlyBuffer();
    }

    @Override
    ByteBuffer payloadToSend() {
        return ByteBuffer.wrap(bytes());
    }

    @Override
    public int length() {
        return bytes().length;
    }

    private byte[] bytes() {
        byte[] b = utf8;
        if (b == null) {
            b = text.getBytes(StandardCharsets.UTF_8);
            utf8 = b;
        }
        return b;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TextMessage && Arrays.equals(((TextMessage) o).bytes(), bytes());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes());
    }

    @Override
    public String toString() {
        return text();
    }
}

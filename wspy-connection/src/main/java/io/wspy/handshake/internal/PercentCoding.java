package io.wspy.handshake.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Percent-encoding of URI components (RFC 3986), with UTF-8 for the octets. */
public final class PercentCoding {
    private PercentCoding() {
    }

    /**
     * Decodes {@code %XX} escapes as UTF-8; {@code +} stays a plus.
     *
     * @throws IllegalArgumentException if an escape or the UTF-8 is malformed
     */
    public static String decode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
        int i = 0;
        while (i < s.length()) {
            int percent = s.indexOf('%', i);
            int end = percent < 0 ? s.length() : percent;
            bytes.writeBytes(s.substring(i, end).getBytes(StandardCharsets.UTF_8));
            if (percent < 0) {
                break;
            }
            int high = percent + 2 < s.length() ? hexDigit(s.charAt(percent + 1)) : -1;
            int low = percent + 2 < s.length() ? hexDigit(s.charAt(percent + 2)) : -1;
            if (high < 0 || low < 0) {
                throw new IllegalArgumentException("malformed percent-encoding in " + s);
            }
            bytes.write(high * 16 + low);
            i = percent + 3;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("percent-encoding is not UTF-8 in " + s, e);
        }
    }

    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }

    /** Encodes every character outside the RFC 3986 unreserved set as UTF-8 {@code %XX} escapes. */
    public static String encode(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}

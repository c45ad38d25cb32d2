package io.wspy.ssl.internal;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * The little DER (ASN.1 distinguished encoding) that reading keys needs: walk the elements of a
 * structure, and write a SEQUENCE, an INTEGER, an OBJECT IDENTIFIER or an OCTET STRING.
 */
public final class Der {
    /** Universal tags. */
    public static final int INTEGER = 0x02;
    public static final int OCTET_STRING = 0x04;
    public static final int NULL = 0x05;
    public static final int OID = 0x06;
    public static final int SEQUENCE = 0x30;
    /** {@code [0]} constructed, context-specific. */
    public static final int CONTEXT_0 = 0xa0;

    private Der() {
    }

    /** One element: its tag and where its contents lie in {@code source}. */
    public record Element(int tag, byte[] source, int start, int end) {
        /** The contents, copied. */
        public byte[] contents() {
            return Arrays.copyOfRange(source, start, end);
        }

        /** A reader over the contents, for a constructed element. */
        public Reader children() {
            return new Reader(source, start, end);
        }

        /** The contents as a dotted object identifier; the element must be an OID. */
        public String oid() throws DerException {
            expect(OID);
            return decodeOid(source, start, end);
        }

        /** Throws unless the element has {@code expected} as its tag. */
        public Element expect(int expected) throws DerException {
            if (tag != expected) {
                throw new DerException(String.format("expected tag 0x%02x, found 0x%02x", expected, tag));
            }
            return this;
        }
    }

    /** A malformed or unexpected encoding. */
    public static final class DerException extends Exception {
        private static final long serialVersionUID = 1L;

        DerException(String message) {
            super(message);
        }
    }

    /** Reads the elements between two offsets one after the other. */
    public static final class Reader {
        private final byte[] source;
        private final int end;
        private int position;

        /** A reader over {@code source[start, end)}. */
        public Reader(byte[] source, int start, int end) {
            this.source = source;
            this.position = start;
            this.end = end;
        }

        /** A reader over the whole of {@code source}. */
        public Reader(byte[] source) {
            this(source, 0, source.length);
        }

        /** Whether elements are left. */
        public boolean hasNext() {
            return position < end;
        }

        /** The next element. */
        public Element next() throws DerException {
            if (end - position < 2) {
                throw new DerException("truncated element");
            }
            int tag = source[position] & 0xff;
            if ((tag & 0x1f) == 0x1f) {
                throw new DerException("multi-byte tags are not used in keys");
            }
            int first = source[position + 1] & 0xff;
            int at = position + 2;
            long length;
            if (first < 0x80) {
                length = first;
            } else {
                int count = first & 0x7f;
                if (count == 0 || count > 4 || end - at < count) {
                    throw new DerException("bad length");
                }
                length = 0;
                for (int i = 0; i < count; i++) {
                    length = (length << 8) | (source[at++] & 0xff);
                }
            }
            if (length > end - at) {
                throw new DerException("element longer than its container");
            }
            Element element = new Element(tag, source, at, at + (int) length);
            position = at + (int) length;
            return element;
        }
    }

    /** The single element that makes up {@code encoding}, with nothing after it. */
    public static Element parse(byte[] encoding) throws DerException {
        Reader reader = new Reader(encoding);
        Element element = reader.next();
        if (reader.hasNext()) {
            throw new DerException("bytes after the end of the structure");
        }
        return element;
    }

    /** A SEQUENCE of already encoded elements. */
    public static byte[] sequence(byte[]... elements) {
        ByteArrayOutputStream contents = new ByteArrayOutputStream();
        for (byte[] e : elements) {
            contents.writeBytes(e);
        }
        return element(SEQUENCE, contents.toByteArray());
    }

    /** An INTEGER small enough for one byte. */
    public static byte[] smallInteger(int value) {
        if (value < 0 || value > 127) {
            throw new IllegalArgumentException("not a one-byte integer: " + value);
        }
        return element(INTEGER, new byte[] {(byte) value});
    }

    /** An OCTET STRING. */
    public static byte[] octetString(byte[] contents) {
        return element(OCTET_STRING, contents);
    }

    /** A NULL. */
    public static byte[] nullValue() {
        return element(NULL, new byte[0]);
    }

    /** An OBJECT IDENTIFIER from its dotted form. */
    public static byte[] oid(String dotted) {
        String[] arcs = dotted.split("\\.");
        if (arcs.length < 2) {
            throw new IllegalArgumentException("an OID has at least two arcs: " + dotted);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeArc(out, Long.parseLong(arcs[0]) * 40 + Long.parseLong(arcs[1]));
        for (int i = 2; i < arcs.length; i++) {
            writeArc(out, Long.parseLong(arcs[i]));
        }
        return element(OID, out.toByteArray());
    }

    private static void writeArc(ByteArrayOutputStream out, long arc) {
        int groups = 1;
        for (long rest = arc >>> 7; rest != 0; rest >>>= 7) {
            groups++;
        }
        for (int g = groups - 1; g > 0; g--) {
            out.write((int) (0x80 | ((arc >>> (7 * g)) & 0x7f)));
        }
        out.write((int) (arc & 0x7f));
    }

    private static String decodeOid(byte[] source, int start, int end) throws DerException {
        if (start == end) {
            throw new DerException("empty OID");
        }
        StringBuilder dotted = new StringBuilder();
        long arc = 0;
        boolean first = true;
        for (int i = start; i < end; i++) {
            if (arc > (Long.MAX_VALUE >>> 7)) {
                throw new DerException("OID arc too large");
            }
            arc = (arc << 7) | (source[i] & 0x7f);
            if ((source[i] & 0x80) == 0) {
                if (first) {
                    long top = Math.min(arc / 40, 2);
                    dotted.append(top).append('.').append(arc - top * 40);
                    first = false;
                } else {
                    dotted.append('.').append(arc);
                }
                arc = 0;
            } else if (i == end - 1) {
                throw new DerException("truncated OID");
            }
        }
        return dotted.toString();
    }

    private static byte[] element(int tag, byte[] contents) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(contents.length + 6);
        out.write(tag);
        int n = contents.length;
        if (n < 0x80) {
            out.write(n);
        } else {
            int bytes = n > 0xffffff ? 4 : n > 0xffff ? 3 : n > 0xff ? 2 : 1;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(n >>> (8 * i));
            }
        }
        out.writeBytes(contents);
        return out.toByteArray();
    }
}

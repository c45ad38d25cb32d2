package io.wspy.ssl.internal;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DerTest {
    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    @Test
    void oidsEncodeAsX690Says() {
        // rsaEncryption and prime256v1, as printed in RFC 8017 and RFC 5480.
        assertArrayEquals(hex("06 09 2a 86 48 86 f7 0d 01 01 01"), Der.oid("1.2.840.113549.1.1.1"));
        assertArrayEquals(hex("06 08 2a 86 48 ce 3d 03 01 07"), Der.oid("1.2.840.10045.3.1.7"));
        assertArrayEquals(hex("06 03 2b 65 70"), Der.oid("1.3.101.112"));
    }

    @Test
    void oidsDecodeBack() throws Der.DerException {
        for (String oid : new String[] {"1.2.840.113549.1.1.1", "1.2.840.10045.3.1.7", "2.16.840.1.101.3.4.1.42",
            "2.999.1"}) {
            assertEquals(oid, Der.parse(Der.oid(oid)).oid());
        }
    }

    @Test
    void longLengthsAreWrittenAndRead() throws Der.DerException {
        byte[] big = new byte[300];
        byte[] encoded = Der.octetString(big);
        assertArrayEquals(hex("04 82 01 2c"), java.util.Arrays.copyOf(encoded, 4));
        Der.Element e = Der.parse(encoded);
        assertEquals(Der.OCTET_STRING, e.tag());
        assertEquals(300, e.contents().length);
    }

    @Test
    void sequencesNest() throws Der.DerException {
        byte[] s = Der.sequence(Der.smallInteger(0), Der.sequence(Der.oid("1.3.101.112")), Der.nullValue());
        assertArrayEquals(hex("30 0c 02 01 00 30 05 06 03 2b 65 70 05 00"), s);
        Der.Reader r = Der.parse(s).expect(Der.SEQUENCE).children();
        assertEquals(0, r.next().expect(Der.INTEGER).contents()[0]);
        assertEquals("1.3.101.112", r.next().children().next().oid());
        r.next().expect(Der.NULL);
        assertFalse(r.hasNext());
    }

    @Test
    void malformedEncodingsAreRefused() {
        assertThrows(Der.DerException.class, () -> Der.parse(hex("30 05 02 01")));
        assertThrows(Der.DerException.class, () -> Der.parse(hex("30")));
        assertThrows(Der.DerException.class, () -> Der.parse(hex("04 80")));
        assertThrows(Der.DerException.class, () -> Der.parse(hex("04 01 00 00")));
        assertThrows(Der.DerException.class, () -> Der.parse(hex("06 02 2a 86")).oid());
        assertThrows(Der.DerException.class, () -> Der.parse(hex("02 01 00")).expect(Der.SEQUENCE));
        assertThrows(Der.DerException.class, () -> Der.parse(hex("1f 01 00")));
    }
}

package io.wspy.ssl.internal;

import io.wspy.ssl.TlsSetupException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PemTest {
    @Test
    void blocksAreReadInOrderSkippingTextAround() throws TlsSetupException {
        String text = "Bag Attributes\n    friendlyName: x\n"
                + "-----BEGIN CERTIFICATE-----\r\nAQID\r\nBA==\r\n-----END CERTIFICATE-----\r\n"
                + "between\n"
                + "  -----BEGIN PRIVATE KEY-----\n  BQY=\n-----END PRIVATE KEY-----  \n";
        List<Pem.Block> blocks = Pem.read(text, "t.pem");
        assertEquals(2, blocks.size());
        assertEquals("CERTIFICATE", blocks.get(0).label());
        assertArrayEquals(new byte[] {1, 2, 3, 4}, blocks.get(0).der());
        assertEquals("PRIVATE KEY", blocks.get(1).label());
        assertArrayEquals(new byte[] {5, 6}, blocks.get(1).der());
        assertEquals(Map.of(), blocks.get(1).headers());
    }

    @Test
    void rfc1421HeadersAreKept() throws TlsSetupException {
        String text = "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-256-CBC,00FF\n\n"
                + "AQ==\n-----END RSA PRIVATE KEY-----\n";
        Pem.Block block = Pem.read(text, "k.pem").get(0);
        assertEquals(Map.of("Proc-Type", "4,ENCRYPTED", "DEK-Info", "AES-256-CBC,00FF"), block.headers());
        assertArrayEquals(new byte[] {1}, block.der());
    }

    @Test
    void noBlocksIsAnEmptyList() throws TlsSetupException {
        assertEquals(List.of(), Pem.read("just text\n", "t.pem"));
    }

    @Test
    void brokenBlocksAreNamed() {
        TlsSetupException unclosed = assertThrows(TlsSetupException.class,
                () -> Pem.read("-----BEGIN CERTIFICATE-----\nAQID\n", "a.pem"));
        assertTrue(unclosed.getMessage().contains("a.pem: the PEM block CERTIFICATE has no"), unclosed.getMessage());
        TlsSetupException mismatched = assertThrows(TlsSetupException.class,
                () -> Pem.read("-----BEGIN CERTIFICATE-----\nAQID\n-----END PRIVATE KEY-----\n", "b.pem"));
        assertTrue(mismatched.getMessage().contains("has no '-----END CERTIFICATE-----'"), mismatched.getMessage());
        TlsSetupException base64 = assertThrows(TlsSetupException.class,
                () -> Pem.read("-----BEGIN CERTIFICATE-----\nA*ID\n-----END CERTIFICATE-----\n", "c.pem"));
        assertTrue(base64.getMessage().contains("c.pem: the PEM block CERTIFICATE is not valid base64"),
                base64.getMessage());
        assertThrows(TlsSetupException.class, () -> Pem.read("-----BEGIN CERTIFICATE\n", "d.pem"));
    }
}

package io.wspy.ssl;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Loading a server's key and chain from key stores and PEM files made by keytool. */
class KeyMaterialTest {
    private static final TestCertificates CERTS = TestCertificates.get();

    @ParameterizedTest
    @ValueSource(strings = {"server-rsa", "server-ec"})
    void pkcs12JksAndPemGiveTheSameKeyAndChain(String leaf) throws IOException {
        KeyMaterial p12 = KeyMaterial.fromKeyStore(CERTS.p12(leaf), TestCertificates.PASSWORD);
        KeyMaterial jks = KeyMaterial.fromKeyStore(CERTS.jks(leaf), TestCertificates.PASSWORD);
        KeyMaterial pem = KeyMaterial.fromPem(CERTS.chainPem(leaf), CERTS.keyPem(leaf));
        for (KeyMaterial other : List.of(jks, pem)) {
            assertArrayEquals(p12.privateKey().getEncoded(), other.privateKey().getEncoded());
            assertEquals(p12.certificateChain(), other.certificateChain());
        }
        assertEquals(leaf.equals("server-rsa") ? "RSA" : "EC", pem.privateKey().getAlgorithm());
        assertEquals(2, pem.certificateChain().size());
        assertEquals("CN=localhost", pem.certificate().getSubjectX500Principal().getName());
        assertEquals("CN=wspy Test CA", pem.certificateChain().get(1).getSubjectX500Principal().getName());
    }

    @Test
    void keyAndChainMayShareOneFile(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path combined = dir.resolve("combined.pem");
        Files.writeString(combined, "subject=CN=localhost\n" + Files.readString(CERTS.keyPem("server-ec"))
                + "comment between blocks\r\n" + Files.readString(CERTS.chainPem("server-ec")));
        KeyMaterial key = KeyMaterial.fromPem(combined, combined);
        assertEquals(CERTS.key("server-ec").certificateChain(), key.certificateChain());
    }

    @Test
    void aKeyThatDoesNotMatchItsCertificateIsRefused() {
        TlsSetupException rsa = assertThrows(TlsSetupException.class,
                () -> KeyMaterial.fromPem(CERTS.chainPem("server-rsa"), CERTS.keyPem("client")));
        assertTrue(rsa.getMessage().contains("does not match"), rsa.getMessage());
        TlsSetupException ec = assertThrows(TlsSetupException.class,
                () -> KeyMaterial.fromPem(CERTS.chainPem("server-ec"), CERTS.keyPem("client")));
        assertTrue(ec.getMessage().contains("does not match"), ec.getMessage());
    }

    @Test
    void aChainInTheWrongOrderIsRefused(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        List<X509Certificate> chain = CERTS.key("server-ec").certificateChain();
        Path reversed = dir.resolve("reversed.pem");
        Files.writeString(reversed, TestCertificates.pem("CERTIFICATE", chain.get(1).getEncoded())
                + TestCertificates.pem("CERTIFICATE", chain.get(0).getEncoded()));
        TlsSetupException e = assertThrows(TlsSetupException.class,
                () -> KeyMaterial.fromPem(reversed, CERTS.keyPem("server-ec")));
        assertTrue(e.getMessage().contains("first in the chain"), e.getMessage());
    }

    @Test
    void aWrongStorePasswordIsNamed() {
        TlsSetupException e = assertThrows(TlsSetupException.class,
                () -> KeyMaterial.fromKeyStore(CERTS.p12("server-ec"), "wrong".toCharArray()));
        assertTrue(e.getMessage().contains("password"), e.getMessage());
        assertTrue(e.getMessage().contains("server-ec.p12"), e.getMessage());
    }

    @Test
    void aStoreWithSeveralKeysNeedsAnAlias(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        KeyStore two = KeyStore.getInstance("PKCS12");
        two.load(null, null);
        for (String leaf : List.of("server-rsa", "server-ec")) {
            KeyMaterial k = CERTS.key(leaf);
            two.setKeyEntry(leaf, k.privateKey(), TestCertificates.PASSWORD,
                    k.certificateChain().toArray(new X509Certificate[0]));
        }
        Path file = dir.resolve("two.p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            two.store(out, TestCertificates.PASSWORD);
        }
        TlsSetupException e = assertThrows(TlsSetupException.class,
                () -> KeyMaterial.fromKeyStore(file, TestCertificates.PASSWORD));
        assertTrue(e.getMessage().contains("several private key entries"), e.getMessage());
        KeyMaterial ec = KeyMaterial.fromKeyStore(file, TestCertificates.PASSWORD, "server-ec",
                TestCertificates.PASSWORD);
        assertEquals("EC", ec.privateKey().getAlgorithm());
        TlsSetupException missing = assertThrows(TlsSetupException.class, () -> KeyMaterial.fromKeyStore(file,
                TestCertificates.PASSWORD, "nobody", TestCertificates.PASSWORD));
        assertTrue(missing.getMessage().contains("no private key entry named 'nobody'"), missing.getMessage());
    }

    @Test
    void filesWithoutTheExpectedBlocksAreNamed(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        TlsSetupException noKey = assertThrows(TlsSetupException.class,
                () -> KeyMaterial.fromPem(CERTS.chainPem("server-ec"), CERTS.chainPem("server-ec")));
        assertTrue(noKey.getMessage().contains("no PRIVATE KEY block (found [CERTIFICATE, CERTIFICATE])"),
                noKey.getMessage());
        TlsSetupException noChain = assertThrows(TlsSetupException.class,
                () -> KeyMaterial.fromPem(CERTS.keyPem("server-ec"), CERTS.keyPem("server-ec")));
        assertTrue(noChain.getMessage().contains("no CERTIFICATE block"), noChain.getMessage());
        Path absent = dir.resolve("absent.pem");
        TlsSetupException missing = assertThrows(TlsSetupException.class,
                () -> KeyMaterial.fromPem(absent, absent));
        assertTrue(missing.getMessage().contains("absent.pem: no such readable file"), missing.getMessage());
        Path notAStore = dir.resolve("not-a-store.p12");
        Files.writeString(notAStore, "hello", StandardCharsets.US_ASCII);
        TlsSetupException garbage = assertThrows(TlsSetupException.class,
                () -> KeyMaterial.fromKeyStore(notAStore, TestCertificates.PASSWORD));
        assertTrue(garbage.getMessage().startsWith(notAStore.toString()), garbage.getMessage());
    }

    @Test
    void toStringNamesTheSubjectNotTheKey() {
        KeyMaterial key = CERTS.key("server-ec");
        assertEquals("KeyMaterial[CN=localhost, EC, chain of 2]", key.toString());
    }
}

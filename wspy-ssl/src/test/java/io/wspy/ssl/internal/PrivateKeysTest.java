package io.wspy.ssl.internal;

import io.wspy.ssl.KeyMaterial;
import io.wspy.ssl.TlsSetupException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Private keys in every PEM form OpenSSL writes, read with the JDK alone. The files are made by
 * {@code src/test/resources/keys/regenerate.sh}; each form of one key must give the same key.
 */
class PrivateKeysTest {
    private static final char[] PASSWORD = "wspy-test".toCharArray();

    private static Path file(String name) throws URISyntaxException {
        return Path.of(PrivateKeysTest.class.getResource("/keys/" + name).toURI());
    }

    private static PrivateKey read(String name, char[] password) throws Exception {
        List<Pem.Block> blocks = TlsFiles.pem(file(name));
        for (Pem.Block b : blocks) {
            if (PrivateKeys.isPrivateKey(b.label())) {
                return PrivateKeys.read(b, password, name);
            }
        }
        throw new AssertionError("no key in " + name);
    }

    @Test
    void rsaInPkcs1Pkcs8AndEncryptedPkcs8IsOneKey() throws Exception {
        PrivateKey pkcs8 = read("rsa-pkcs8.pem", null);
        assertInstanceOf(RSAPrivateCrtKey.class, pkcs8);
        assertEquals(2048, ((RSAPrivateCrtKey) pkcs8).getModulus().bitLength());
        assertArrayEquals(pkcs8.getEncoded(), read("rsa-pkcs1.pem", null).getEncoded());
        assertArrayEquals(pkcs8.getEncoded(), read("rsa-pkcs8-encrypted.pem", PASSWORD).getEncoded());
    }

    @Test
    void ecInSec1Pkcs8AndEncryptedPkcs8IsOneKey() throws Exception {
        PrivateKey pkcs8 = read("ec-pkcs8.pem", null);
        assertInstanceOf(ECPrivateKey.class, pkcs8);
        assertEquals(256, ((ECPrivateKey) pkcs8).getParams().getCurve().getField().getFieldSize());
        // OpenSSL's ecparam writes an EC PARAMETERS block before the key: it is skipped.
        PrivateKey sec1 = read("ec-sec1.pem", null);
        assertEquals(((ECPrivateKey) pkcs8).getS(), ((ECPrivateKey) sec1).getS());
        assertEquals(((ECPrivateKey) pkcs8).getParams().toString(), ((ECPrivateKey) sec1).getParams().toString());
        // The encrypted copy uses AES-128 and HMAC-SHA512, unlike OpenSSL's default (AES-256, SHA-256).
        PrivateKey encrypted = read("ec-pkcs8-encrypted.pem", PASSWORD);
        assertEquals(((ECPrivateKey) pkcs8).getS(), ((ECPrivateKey) encrypted).getS());
    }

    @Test
    void ed25519Pkcs8IsRead() throws Exception {
        assertEquals("EdDSA", read("ed25519-pkcs8.pem", null).getAlgorithm());
    }

    @Test
    void traditionalFormsServeWithTheirCertificates() throws Exception {
        KeyMaterial rsa = KeyMaterial.fromPem(file("rsa-cert.pem"), file("rsa-pkcs1.pem"));
        assertEquals("CN=localhost", rsa.certificate().getSubjectX500Principal().getName());
        KeyMaterial ec = KeyMaterial.fromPem(file("ec-cert.pem"), file("ec-sec1.pem"));
        assertEquals("EC", ec.privateKey().getAlgorithm());
        KeyMaterial encrypted = KeyMaterial.fromPem(file("rsa-cert.pem"), file("rsa-pkcs8-encrypted.pem"), PASSWORD);
        assertArrayEquals(rsa.privateKey().getEncoded(), encrypted.privateKey().getEncoded());
    }

    @Test
    void encryptedTraditionalKeyIsRefusedWithTheCommandThatConvertsIt() {
        TlsSetupException e = assertThrows(TlsSetupException.class, () -> read("rsa-pkcs1-encrypted.pem", PASSWORD));
        assertTrue(e.getMessage().contains("openssl pkcs8 -topk8 -in rsa-pkcs1-encrypted.pem"), e.getMessage());
        assertTrue(e.getMessage().contains("traditional format"), e.getMessage());
    }

    @Test
    void ecKeyWithExplicitParametersIsRefused() {
        TlsSetupException e = assertThrows(TlsSetupException.class, () -> read("ec-sec1-explicit.pem", null));
        assertTrue(e.getMessage().contains("does not name its curve"), e.getMessage());
        assertTrue(e.getMessage().contains("openssl pkcs8 -topk8 -nocrypt"), e.getMessage());
    }

    @Test
    void encryptedKeyNeedsTheRightPassword() {
        TlsSetupException none = assertThrows(TlsSetupException.class, () -> read("rsa-pkcs8-encrypted.pem", null));
        assertTrue(none.getMessage().contains("give its password"), none.getMessage());
        TlsSetupException wrong = assertThrows(TlsSetupException.class,
                () -> read("rsa-pkcs8-encrypted.pem", "nope".toCharArray()));
        assertTrue(wrong.getMessage().contains("cannot decrypt the private key"), wrong.getMessage());
    }

    @Test
    void unknownKeyKindsAndAlgorithmsAreNamed() throws Exception {
        TlsSetupException dsa = assertThrows(TlsSetupException.class, () -> PrivateKeys.read(
                new Pem.Block("DSA PRIVATE KEY", java.util.Map.of(), new byte[] {0x30, 0}), null, "dsa.pem"));
        assertTrue(dsa.getMessage().contains("'DSA PRIVATE KEY' key is not supported"), dsa.getMessage());
        // A PKCS#8 structure naming X25519 (1.3.101.110), a key-agreement key that cannot sign.
        byte[] x25519 = Der.sequence(Der.smallInteger(0), Der.sequence(Der.oid("1.3.101.110")),
                Der.octetString(new byte[34]));
        TlsSetupException e = assertThrows(TlsSetupException.class, () -> PrivateKeys.read(
                new Pem.Block("PRIVATE KEY", java.util.Map.of(), x25519), null, "x.pem"));
        assertTrue(e.getMessage().contains("OID 1.3.101.110"), e.getMessage());
    }

    @Test
    void truncatedKeyIsMalformed() throws IOException, URISyntaxException {
        byte[] der = TlsFiles.pem(file("ec-pkcs8.pem")).get(0).der();
        byte[] cut = java.util.Arrays.copyOf(der, der.length - 10);
        TlsSetupException e = assertThrows(TlsSetupException.class, () -> PrivateKeys.read(
                new Pem.Block("PRIVATE KEY", java.util.Map.of(), cut), null, "cut.pem"));
        assertTrue(e.getMessage().contains("cut.pem: the PRIVATE KEY is malformed"), e.getMessage());
    }
}

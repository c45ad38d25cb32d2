package io.wspy.ssl.internal;

import io.wspy.ssl.TlsSetupException;

import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Map;

/**
 * Turns a PEM private key block into a {@link PrivateKey} with the JDK alone: PKCS#8
 * ({@code PRIVATE KEY}), encrypted PKCS#8 ({@code ENCRYPTED PRIVATE KEY}, PBES2 as OpenSSL writes
 * it) and the traditional OpenSSL forms {@code RSA PRIVATE KEY} (PKCS#1) and
 * {@code EC PRIVATE KEY} (SEC 1), which are rewrapped as PKCS#8. Encrypted traditional keys are
 * refused with the OpenSSL command that converts them.
 */
public final class PrivateKeys {
    /** The PEM labels of private keys. */
    public static final String PKCS8 = "PRIVATE KEY";
    public static final String ENCRYPTED_PKCS8 = "ENCRYPTED PRIVATE KEY";
    public static final String RSA_TRADITIONAL = "RSA PRIVATE KEY";
    public static final String EC_TRADITIONAL = "EC PRIVATE KEY";

    private static final String RSA_OID = "1.2.840.113549.1.1.1";
    private static final String EC_OID = "1.2.840.10045.2.1";
    private static final String PBES2_OID = "1.2.840.113549.1.5.13";
    private static final String PBKDF2_OID = "1.2.840.113549.1.5.12";
    private static final String HMAC_SHA1_OID = "1.2.840.113549.2.7";

    private static final Map<String, String> KEY_ALGORITHMS = Map.of(
            RSA_OID, "RSA",
            "1.2.840.113549.1.1.10", "RSASSA-PSS",
            EC_OID, "EC",
            "1.3.101.112", "EdDSA",
            "1.3.101.113", "EdDSA");
    private static final Map<String, String> PRFS = Map.of(
            HMAC_SHA1_OID, "HmacSHA1",
            "1.2.840.113549.2.8", "HmacSHA224",
            "1.2.840.113549.2.9", "HmacSHA256",
            "1.2.840.113549.2.10", "HmacSHA384",
            "1.2.840.113549.2.11", "HmacSHA512");
    private static final Map<String, String> CIPHERS = Map.of(
            "2.16.840.1.101.3.4.1.2", "AES_128",
            "2.16.840.1.101.3.4.1.42", "AES_256");

    private PrivateKeys() {
    }

    /** Whether a PEM label names a private key this class reads (or explains). */
    public static boolean isPrivateKey(String label) {
        return label.endsWith("PRIVATE KEY");
    }

    /**
     * The key in {@code block}.
     *
     * @param password the password of an encrypted PKCS#8 key, or {@code null}
     * @param source   names the file in error messages
     */
    public static PrivateKey read(Pem.Block block, char[] password, String source) throws TlsSetupException {
        try {
            switch (block.label()) {
                case PKCS8:
                    return fromPkcs8(block.der(), source);
                case ENCRYPTED_PKCS8:
                    return fromPkcs8(decrypt(block.der(), password, source), source);
                case RSA_TRADITIONAL:
                    requireUnencrypted(block, source);
                    return fromPkcs8(pkcs8(RSA_OID, Der.nullValue(), block.der()), source);
                case EC_TRADITIONAL:
                    requireUnencrypted(block, source);
                    return fromPkcs8(pkcs8(EC_OID, Der.oid(curveOf(block.der(), source)), block.der()), source);
                default:
                    throw new TlsSetupException(source + ": a '" + block.label() + "' key is not supported;"
                            + " convert it to PKCS#8 with: " + convertCommand(source, false));
            }
        } catch (Der.DerException e) {
            throw new TlsSetupException(source + ": the " + block.label() + " is malformed: " + e.getMessage(), e);
        }
    }

    private static PrivateKey fromPkcs8(byte[] der, String source) throws TlsSetupException, Der.DerException {
        Der.Reader info = Der.parse(der).expect(Der.SEQUENCE).children();
        info.next().expect(Der.INTEGER);
        String oid = info.next().expect(Der.SEQUENCE).children().next().oid();
        String algorithm = KEY_ALGORITHMS.get(oid);
        if (algorithm == null) {
            throw new TlsSetupException(source + ": the private key's algorithm (OID " + oid + ") is not one TLS"
                    + " servers use here; use an RSA, EC or EdDSA key");
        }
        try {
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new TlsSetupException(source + ": the JDK cannot read the " + algorithm + " private key: "
                    + e.getMessage(), e);
        }
    }

    /** A PKCS#8 PrivateKeyInfo around a traditional key. */
    private static byte[] pkcs8(String algorithmOid, byte[] parameters, byte[] key) {
        return Der.sequence(Der.smallInteger(0), Der.sequence(Der.oid(algorithmOid), parameters),
                Der.octetString(key));
    }

    /** The named curve of a SEC 1 ECPrivateKey: its {@code [0]} parameters. */
    private static String curveOf(byte[] sec1, String source) throws TlsSetupException, Der.DerException {
        Der.Reader key = Der.parse(sec1).expect(Der.SEQUENCE).children();
        key.next().expect(Der.INTEGER);
        key.next().expect(Der.OCTET_STRING);
        while (key.hasNext()) {
            Der.Element e = key.next();
            if (e.tag() == Der.CONTEXT_0) {
                Der.Element parameters = e.children().next();
                if (parameters.tag() == Der.OID) {
                    return parameters.oid();
                }
                break;
            }
        }
        throw new TlsSetupException(source + ": the EC private key does not name its curve; convert it to"
                + " PKCS#8 with: " + convertCommand(source, false));
    }

    private static void requireUnencrypted(Pem.Block block, String source) throws TlsSetupException {
        if (block.headers().containsKey("Proc-Type") || block.headers().containsKey("DEK-Info")) {
            throw new TlsSetupException(source + ": the " + block.label() + " is encrypted in OpenSSL's"
                    + " traditional format, which the JDK cannot decrypt; convert it to encrypted PKCS#8 with: "
                    + convertCommand(source, true));
        }
    }

    private static String convertCommand(String source, boolean encrypted) {
        return "openssl pkcs8 -topk8 " + (encrypted ? "" : "-nocrypt ") + "-in " + source + " -out key.pk8.pem";
    }

    private static byte[] decrypt(byte[] der, char[] password, String source) throws TlsSetupException {
        if (password == null) {
            throw new TlsSetupException(source + ": the private key is encrypted; give its password");
        }
        try {
            EncryptedPrivateKeyInfo info = new EncryptedPrivateKeyInfo(der);
            String algorithm = cipherName(der, info);
            SecretKeyFactory keys = SecretKeyFactory.getInstance(algorithm);
            Cipher cipher = Cipher.getInstance(algorithm);
            cipher.init(Cipher.DECRYPT_MODE, keys.generateSecret(new PBEKeySpec(password)), info.getAlgParameters());
            return info.getKeySpec(cipher).getEncoded();
        } catch (GeneralSecurityException | IOException e) {
            throw new TlsSetupException(source + ": cannot decrypt the private key (wrong password, or an"
                    + " encryption the JDK lacks): " + e.getMessage(), e);
        } catch (Der.DerException e) {
            throw new TlsSetupException(source + ": the encrypted private key is malformed: " + e.getMessage(), e);
        }
    }

    /**
     * The JDK's name for the encryption. JDK 17 calls PBES2 just "PBES2", a name no cipher answers
     * to, so the name is built from the key derivation's PRF and the cipher.
     */
    private static String cipherName(byte[] der, EncryptedPrivateKeyInfo info)
            throws Der.DerException, TlsSetupException {
        Der.Reader algorithm = Der.parse(der).expect(Der.SEQUENCE).children().next().expect(Der.SEQUENCE).children();
        if (!algorithm.next().oid().equals(PBES2_OID)) {
            return info.getAlgName();
        }
        Der.Reader parameters = algorithm.next().expect(Der.SEQUENCE).children();
        Der.Reader kdf = parameters.next().expect(Der.SEQUENCE).children();
        String kdfOid = kdf.next().oid();
        if (!kdfOid.equals(PBKDF2_OID)) {
            throw new TlsSetupException("key derivation OID " + kdfOid + " is not supported (only PBKDF2)");
        }
        Der.Reader pbkdf2 = kdf.next().expect(Der.SEQUENCE).children();
        String prf = HMAC_SHA1_OID;
        while (pbkdf2.hasNext()) {
            Der.Element e = pbkdf2.next();
            if (e.tag() == Der.SEQUENCE) {
                prf = e.children().next().oid();
            }
        }
        String cipherOid = parameters.next().expect(Der.SEQUENCE).children().next().oid();
        String prfName = PRFS.get(prf);
        String cipherName = CIPHERS.get(cipherOid);
        if (prfName == null || cipherName == null) {
            throw new TlsSetupException("PBES2 with PRF " + prf + " and cipher " + cipherOid
                    + " is not supported (HMAC-SHA1/224/256/384/512 with AES-128/256-CBC are)");
        }
        return "PBEWith" + prfName + "And" + cipherName;
    }
}

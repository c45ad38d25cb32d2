package io.wspy.ssl;

import io.wspy.ssl.internal.PrivateKeys;
import io.wspy.ssl.internal.Pem;
import io.wspy.ssl.internal.TlsFiles;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A private key and its certificate chain: what a TLS server shows to prove who it is, and what a
 * client shows under mutual TLS. Loaded from a PKCS12 or JKS key store, or from PEM files (a
 * certificate chain and a PKCS#8 key, RSA, EC or EdDSA; the traditional OpenSSL forms
 * {@code BEGIN RSA PRIVATE KEY} and {@code BEGIN EC PRIVATE KEY} are read too), with the JDK
 * alone. The key is checked to match the first certificate. Immutable.
 *
 * <pre>{@code
 * KeyMaterial key = KeyMaterial.fromPem(Path.of("fullchain.pem"), Path.of("privkey.pem"));
 * KeyMaterial same = KeyMaterial.fromKeyStore(Path.of("server.p12"), password);
 * }</pre>
 */
public final class KeyMaterial {
    private static final char[] IN_MEMORY_PASSWORD = "in-memory".toCharArray();

    private final PrivateKey privateKey;
    private final List<X509Certificate> chain;

    private KeyMaterial(PrivateKey privateKey, List<X509Certificate> chain) {
        this.privateKey = privateKey;
        this.chain = chain;
    }

    /**
     * A key and its chain, the key's own certificate first.
     *
     * @throws TlsSetupException if the chain is empty or the key does not match its first certificate
     */
    public static KeyMaterial of(PrivateKey privateKey, List<X509Certificate> chain) throws TlsSetupException {
        if (privateKey == null || chain == null || chain.isEmpty()) {
            throw new TlsSetupException("a private key and at least one certificate are needed");
        }
        List<X509Certificate> copy = List.copyOf(chain);
        requireMatch(privateKey, copy.get(0));
        return new KeyMaterial(privateKey, copy);
    }

    /**
     * The one private key entry of a PKCS12 or JKS key store whose key has the store's password
     * (as {@code keytool} and {@code openssl pkcs12} make them).
     *
     * @throws TlsSetupException if the file is unreadable, the password wrong, or the store holds
     *                           no private key or several (then name one with the other overload)
     */
    public static KeyMaterial fromKeyStore(Path file, char[] password) throws IOException {
        return fromKeyStore(file, password, null, password);
    }

    /**
     * A private key entry of a PKCS12 or JKS key store.
     *
     * @param alias       the entry, or {@code null} for the store's only private key entry
     * @param keyPassword the key's password (for PKCS12 usually the store's)
     */
    public static KeyMaterial fromKeyStore(Path file, char[] storePassword, String alias, char[] keyPassword)
            throws IOException {
        return fromKeyStore(TlsFiles.keyStore(file, storePassword), alias, keyPassword, file.toString());
    }

    /** A private key entry of a loaded key store; {@code alias} may be {@code null} as above. */
    public static KeyMaterial fromKeyStore(KeyStore store, String alias, char[] keyPassword) throws TlsSetupException {
        return fromKeyStore(store, alias, keyPassword, "key store");
    }

    private static KeyMaterial fromKeyStore(KeyStore store, String alias, char[] keyPassword, String source)
            throws TlsSetupException {
        try {
            String entry = alias == null ? onlyKeyEntry(store, source) : alias;
            if (!store.isKeyEntry(entry)) {
                throw new TlsSetupException(source + ": no private key entry named '" + entry + "'");
            }
            PrivateKey key = (PrivateKey) store.getKey(entry, keyPassword);
            List<X509Certificate> chain = new ArrayList<>();
            Certificate[] certificates = store.getCertificateChain(entry);
            for (Certificate c : certificates == null ? new Certificate[0] : certificates) {
                chain.add((X509Certificate) c);
            }
            return of(key, chain);
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new TlsSetupException(source + ": cannot read the private key entry (wrong key password?): "
                    + e.getMessage(), e);
        }
    }

    private static String onlyKeyEntry(KeyStore store, String source) throws GeneralSecurityException,
            TlsSetupException {
        List<String> keys = new ArrayList<>();
        for (String a : Collections.list(store.aliases())) {
            if (store.isKeyEntry(a)) {
                keys.add(a);
            }
        }
        if (keys.size() != 1) {
            throw new TlsSetupException(source + ": " + (keys.isEmpty() ? "no private key entry"
                    : "several private key entries " + keys + "; name the one to use"));
        }
        return keys.get(0);
    }

    /**
     * A certificate chain and an unencrypted private key from PEM files. Both may be the same file.
     * The chain file holds the server's certificate first, then its intermediates.
     */
    public static KeyMaterial fromPem(Path certificateChain, Path privateKey) throws IOException {
        return fromPem(certificateChain, privateKey, null);
    }

    /**
     * As {@link #fromPem(Path, Path)}, for a key that may be encrypted ({@code BEGIN ENCRYPTED
     * PRIVATE KEY}, PBES2 with AES as {@code openssl pkcs8 -topk8} writes it).
     *
     * @param keyPassword the key's password, or {@code null} for an unencrypted key
     */
    public static KeyMaterial fromPem(Path certificateChain, Path privateKey, char[] keyPassword) throws IOException {
        String chainSource = certificateChain.toString();
        List<Pem.Block> chainBlocks = TlsFiles.pem(certificateChain);
        List<X509Certificate> chain = TlsFiles.certificates(chainBlocks, chainSource);
        if (chain.isEmpty()) {
            throw new TlsSetupException(chainSource + ": no CERTIFICATE block (found "
                    + TlsFiles.labels(chainBlocks) + ")");
        }
        String keySource = privateKey.toString();
        List<Pem.Block> keyBlocks = TlsFiles.pem(privateKey);
        Pem.Block keyBlock = null;
        for (Pem.Block b : keyBlocks) {
            if (PrivateKeys.isPrivateKey(b.label())) {
                if (keyBlock != null) {
                    throw new TlsSetupException(keySource + ": more than one private key");
                }
                keyBlock = b;
            }
        }
        if (keyBlock == null) {
            throw new TlsSetupException(keySource + ": no PRIVATE KEY block (found " + TlsFiles.labels(keyBlocks) + ")");
        }
        PrivateKey key = PrivateKeys.read(keyBlock, keyPassword, keySource);
        try {
            return of(key, chain);
        } catch (TlsSetupException e) {
            throw new TlsSetupException(keySource + " and " + chainSource + ": " + e.getMessage(), e);
        }
    }

    /** The private key. */
    public PrivateKey privateKey() {
        return privateKey;
    }

    /** The certificate chain, the key's own certificate first. */
    public List<X509Certificate> certificateChain() {
        return chain;
    }

    /** The key's own certificate. */
    public X509Certificate certificate() {
        return chain.get(0);
    }

    /** Key managers that present this key and chain. */
    KeyManager[] keyManagers() throws TlsSetupException {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("key", privateKey, IN_MEMORY_PASSWORD, chain.toArray(new Certificate[0]));
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, IN_MEMORY_PASSWORD);
            return factory.getKeyManagers();
        } catch (GeneralSecurityException | IOException e) {
            throw new TlsSetupException("the JDK refuses the key material: " + e.getMessage(), e);
        }
    }

    /** Throws unless {@code key} is the private half of the certificate's public key. */
    private static void requireMatch(PrivateKey key, X509Certificate certificate) throws TlsSetupException {
        PublicKey publicKey = certificate.getPublicKey();
        boolean matches = key instanceof RSAKey
                ? publicKey instanceof RSAKey && ((RSAKey) key).getModulus().equals(((RSAKey) publicKey).getModulus())
                : signsFor(key, publicKey);
        if (!matches) {
            throw new TlsSetupException("the private key (" + key.getAlgorithm() + ") does not match the public key"
                    + " of the certificate " + certificate.getSubjectX500Principal().getName()
                    + "; is the key's own certificate first in the chain?");
        }
    }

    /** Signs a probe with the private key and checks it with the public key (EC, EdDSA, DSA). */
    private static boolean signsFor(PrivateKey key, PublicKey publicKey) throws TlsSetupException {
        String family = key.getAlgorithm();
        String algorithm = family.equals("EC") ? "SHA256withECDSA"
                : family.startsWith("Ed") ? "EdDSA"
                : family.equals("DSA") ? "SHA256withDSA"
                : null;
        if (algorithm == null) {
            throw new TlsSetupException("a " + family + " private key cannot serve TLS here; use RSA, EC or EdDSA");
        }
        byte[] probe = "wspy key check".getBytes(StandardCharsets.US_ASCII);
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (InvalidKeyException | SignatureException differentKind) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new TlsSetupException("cannot check that the " + key.getAlgorithm()
                    + " private key matches its certificate: " + e.getMessage(), e);
        }
    }

    /** Names the certificate's subject and the key's algorithm, never the key. */
    @Override
    public String toString() {
        return "KeyMaterial[" + certificate().getSubjectX500Principal().getName() + ", " + privateKey.getAlgorithm()
                + ", chain of " + chain.size() + "]";
    }
}

package io.wspy.ssl;

import io.wspy.ssl.internal.Pem;
import io.wspy.ssl.internal.TlsFiles;

import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Whom to trust: the certificates that may anchor a peer's chain. A client checks a server's
 * certificate against it; a server checks client certificates against it under mutual TLS.
 * Either the JDK's own trust store ({@link #systemDefault()}) or an explicit set, loaded from a
 * PKCS12 or JKS trust store or a PEM bundle. Chains are checked the PKIX way: signatures, validity
 * dates, constraints. Immutable.
 */
public final class TrustMaterial {
    private static final TrustMaterial SYSTEM = new TrustMaterial(List.of());

    private final List<X509Certificate> anchors;

    private TrustMaterial(List<X509Certificate> anchors) {
        this.anchors = anchors;
    }

    /** The JDK's trust store ({@code cacerts}, or what {@code javax.net.ssl.trustStore} names). */
    public static TrustMaterial systemDefault() {
        return SYSTEM;
    }

    /** Exactly these certificates, usually certificate authorities. */
    public static TrustMaterial of(List<X509Certificate> certificates) throws TlsSetupException {
        if (certificates == null || certificates.isEmpty()) {
            throw new TlsSetupException("at least one trusted certificate is needed");
        }
        return new TrustMaterial(List.copyOf(certificates));
    }

    /** Exactly these certificates. */
    public static TrustMaterial of(X509Certificate... certificates) throws TlsSetupException {
        return of(List.of(certificates));
    }

    /** The trusted certificate entries of a PKCS12 or JKS trust store. */
    public static TrustMaterial fromKeyStore(Path file, char[] password) throws IOException {
        KeyStore store = TlsFiles.keyStore(file, password);
        List<X509Certificate> certificates = new ArrayList<>();
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (store.isCertificateEntry(alias) && store.getCertificate(alias) instanceof X509Certificate) {
                    certificates.add((X509Certificate) store.getCertificate(alias));
                }
            }
        } catch (GeneralSecurityException e) {
            throw new TlsSetupException(file + ": cannot list the trust store: " + e.getMessage(), e);
        }
        if (certificates.isEmpty()) {
            throw new TlsSetupException(file + ": no trusted certificate entries (import them with"
                    + " keytool -importcert)");
        }
        return new TrustMaterial(List.copyOf(certificates));
    }

    /** The certificates of a PEM bundle (one or more {@code BEGIN CERTIFICATE} blocks). */
    public static TrustMaterial fromPem(Path bundle) throws IOException {
        List<Pem.Block> blocks = TlsFiles.pem(bundle);
        List<X509Certificate> certificates = TlsFiles.certificates(blocks, bundle.toString());
        if (certificates.isEmpty()) {
            throw new TlsSetupException(bundle + ": no CERTIFICATE block (found " + TlsFiles.labels(blocks) + ")");
        }
        return new TrustMaterial(List.copyOf(certificates));
    }

    /** Whether this is the JDK's trust store. */
    public boolean isSystemDefault() {
        return anchors.isEmpty();
    }

    /** The trusted certificates; empty for the JDK's trust store. */
    public List<X509Certificate> certificates() {
        return anchors;
    }

    /** Trust managers that check chains against these anchors. */
    TrustManager[] trustManagers() throws TlsSetupException {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            if (anchors.isEmpty()) {
                factory.init((KeyStore) null);
            } else {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                for (int i = 0; i < anchors.size(); i++) {
                    store.setCertificateEntry("anchor-" + i, anchors.get(i));
                }
                factory.init(store);
            }
            return factory.getTrustManagers();
        } catch (GeneralSecurityException | IOException e) {
            throw new TlsSetupException("the JDK refuses the trust material: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return anchors.isEmpty() ? "TrustMaterial[system default]" : "TrustMaterial[" + anchors.size() + " certificates]";
    }
}

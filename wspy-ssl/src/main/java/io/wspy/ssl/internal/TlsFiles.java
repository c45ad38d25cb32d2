package io.wspy.ssl.internal;

import io.wspy.ssl.TlsSetupException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/** Reads key stores and PEM files, turning every failure into a message that names the file. */
public final class TlsFiles {
    private TlsFiles() {
    }

    /** A PKCS12 or JKS key store; the JDK tells the two apart by their contents. */
    public static KeyStore keyStore(Path file, char[] password) throws IOException {
        requireReadable(file);
        try {
            return KeyStore.getInstance(file.toFile(), password);
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new TlsSetupException(file + ": wrong key store password", e);
            }
            throw new TlsSetupException(file + ": cannot read the key store: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new TlsSetupException(file + ": not a PKCS12 or JKS key store (" + e.getMessage() + ")", e);
        }
    }

    /** The blocks of a PEM file. */
    public static List<Pem.Block> pem(Path file) throws IOException {
        requireReadable(file);
        // Latin-1 reads any byte: comments outside the blocks may be in any encoding.
        return Pem.read(Files.readString(file, StandardCharsets.ISO_8859_1), file.toString());
    }

    /** The {@code CERTIFICATE} blocks among {@code blocks}, in order. */
    public static List<X509Certificate> certificates(List<Pem.Block> blocks, String source) throws TlsSetupException {
        List<X509Certificate> certificates = new ArrayList<>();
        for (Pem.Block block : blocks) {
            if (block.label().equals("CERTIFICATE")) {
                try {
                    certificates.add((X509Certificate) CertificateFactory.getInstance("X.509")
                            .generateCertificate(new ByteArrayInputStream(block.der())));
                } catch (CertificateException e) {
                    throw new TlsSetupException(source + ": certificate " + (certificates.size() + 1)
                            + " cannot be read: " + e.getMessage(), e);
                }
            }
        }
        return certificates;
    }

    /** Labels of the blocks, for messages about what a file holds instead. */
    public static List<String> labels(List<Pem.Block> blocks) {
        List<String> labels = new ArrayList<>();
        for (Pem.Block b : blocks) {
            labels.add(b.label());
        }
        return labels;
    }

    private static void requireReadable(Path file) throws TlsSetupException {
        if (!Files.isReadable(file)) {
            throw new TlsSetupException(file + ": no such readable file");
        }
    }
}

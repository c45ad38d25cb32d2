package io.wspy.ssl;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Certificates made once per test run with the JDK's {@code keytool}: a certificate authority
 * (EC P-256) and, issued by it with {@code keytool -genkeypair -signer}, the leaves below. Each
 * leaf is then written by the JDK's public API as a PKCS12 and a JKS store holding it alone, a
 * PEM chain (leaf, then CA) and a PEM PKCS#8 key; the CA as a PEM bundle and a PKCS12 trust store.
 *
 * <ul>
 * <li>{@code server-rsa}: RSA 2048, for {@code localhost} and {@code 127.0.0.1};</li>
 * <li>{@code server-ec}: EC P-256, for {@code localhost} only (so {@code 127.0.0.1} is a wrong name);</li>
 * <li>{@code expired}: EC, for both names, valid for two days ending eight days ago;</li>
 * <li>{@code client}: EC, a client certificate for mutual TLS;</li>
 * <li>{@code rogue}: EC, self-signed, trusted by nobody.</li>
 * </ul>
 */
final class TestCertificates {
    static final char[] PASSWORD = "test-pass".toCharArray();
    static final List<String> LEAVES = List.of("server-rsa", "server-ec", "expired", "client", "rogue");

    private static TestCertificates instance;

    final Path dir;

    private TestCertificates(Path dir) {
        this.dir = dir;
    }

    /** The certificates, made on first use. */
    static synchronized TestCertificates get() {
        if (instance == null) {
            try {
                Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "test-certs-");
                instance = new TestCertificates(dir);
                instance.make();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (Exception e) {
                throw new IllegalStateException("making the test certificates failed", e);
            }
        }
        return instance;
    }

    private void make() throws Exception {
        Path ca = dir.resolve("ca-work.p12");
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=wspy Test CA", "-ext", "bc:c", "-validity", "30", "-keystore", ca.toString());
        Map<String, List<String>> leaves = Map.of(
                "server-rsa", List.of("-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=localhost",
                        "-ext", "san=dns:localhost,ip:127.0.0.1", "-validity", "30", "-signer", "ca"),
                "server-ec", List.of("-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                        "-ext", "san=dns:localhost", "-validity", "30", "-signer", "ca"),
                "expired", List.of("-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                        "-ext", "san=dns:localhost,ip:127.0.0.1", "-startdate", "-10d", "-validity", "2",
                        "-signer", "ca"),
                "client", List.of("-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=wspy test client",
                        "-validity", "30", "-signer", "ca"),
                "rogue", List.of("-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=rogue client",
                        "-validity", "30"));
        // Each leaf is made in its own copy of the CA's store, so the keytool runs go in parallel.
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (String name : LEAVES) {
                Path work = dir.resolve(name + "-work.p12");
                Files.copy(ca, work);
                List<String> args = new ArrayList<>(List.of("-genkeypair", "-alias", name));
                args.addAll(leaves.get(name));
                args.addAll(List.of("-keystore", work.toString()));
                runs.add(pool.submit(() -> {
                    keytool(args.toArray(new String[0]));
                    return null;
                }));
            }
            for (Future<?> run : runs) {
                run.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        KeyStore caStore = KeyStore.getInstance(ca.toFile(), PASSWORD);
        X509Certificate caCertificate = (X509Certificate) caStore.getCertificate("ca");
        writePem(dir.resolve("ca.pem"), "CERTIFICATE", caCertificate.getEncoded());
        KeyStore trust = emptyStore("PKCS12");
        trust.setCertificateEntry("wspy-test-ca", caCertificate);
        store(trust, dir.resolve("ca-trust.p12"));
        for (String name : LEAVES) {
            KeyStore work = KeyStore.getInstance(dir.resolve(name + "-work.p12").toFile(), PASSWORD);
            Key key = work.getKey(name, PASSWORD);
            Certificate[] chain = work.getCertificateChain(name);
            for (String type : List.of("PKCS12", "JKS")) {
                KeyStore single = emptyStore(type);
                single.setKeyEntry(name, key, PASSWORD, chain);
                store(single, dir.resolve(name + (type.equals("JKS") ? ".jks" : ".p12")));
            }
            StringBuilder pem = new StringBuilder();
            for (Certificate c : chain) {
                pem.append(pem("CERTIFICATE", c.getEncoded()));
            }
            Files.writeString(dir.resolve(name + "-chain.pem"), pem, StandardCharsets.US_ASCII);
            writePem(dir.resolve(name + "-key.pem"), "PRIVATE KEY", key.getEncoded());
        }
    }

    private void keytool(String... args) throws IOException, InterruptedException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> command = new ArrayList<>(List.of(keytool.toString(), "-J-XX:TieredStopAtLevel=1",
                "-J-XX:+UseSerialGC"));
        command.addAll(List.of(args));
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", new String(PASSWORD), "-noprompt"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IOException("keytool " + String.join(" ", args) + " failed:\n" + output);
        }
    }

    private static KeyStore emptyStore(String type) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance(type);
        store.load(null, null);
        return store;
    }

    private static void store(KeyStore store, Path file) throws GeneralSecurityException, IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, PASSWORD);
        }
    }

    static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    private static void writePem(Path file, String label, byte[] der) throws IOException {
        Files.writeString(file, pem(label, der), StandardCharsets.US_ASCII);
    }

    // ---------------------------------------------------------------- what tests use

    Path caPem() {
        return dir.resolve("ca.pem");
    }

    Path caTrustStore() {
        return dir.resolve("ca-trust.p12");
    }

    Path p12(String leaf) {
        return dir.resolve(leaf + ".p12");
    }

    Path jks(String leaf) {
        return dir.resolve(leaf + ".jks");
    }

    Path chainPem(String leaf) {
        return dir.resolve(leaf + "-chain.pem");
    }

    Path keyPem(String leaf) {
        return dir.resolve(leaf + "-key.pem");
    }

    KeyMaterial key(String leaf) {
        try {
            return KeyMaterial.fromKeyStore(p12(leaf), PASSWORD);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    TrustMaterial caTrust() {
        try {
            return TrustMaterial.fromPem(caPem());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ServerTls server(String leaf) {
        try {
            return ServerTls.builder(key(leaf)).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A client that trusts the test CA and shows no certificate. */
    ClientTls client() {
        try {
            return ClientTls.builder().trust(caTrust()).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    PrivateKey privateKey(String leaf) {
        return key(leaf).privateKey();
    }
}

package io.wspy.server.testing;

import io.wspy.connection.ClientOptions;
import io.wspy.ssl.ClientAuth;
import io.wspy.ssl.ClientTls;
import io.wspy.ssl.KeyMaterial;
import io.wspy.ssl.ServerTls;
import io.wspy.ssl.TrustMaterial;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.Principal;
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
 * Certificates made once per test run with the JDK's {@code keytool} (the approach of wspy-ssl's
 * tests): a certificate authority (EC P-256) and, issued by it with {@code keytool -genkeypair
 * -signer}, a server certificate for {@code localhost} and {@code 127.0.0.1} and a client
 * certificate; plus a self-signed client certificate nobody trusts. EC keys keep handshakes cheap
 * for the tests that open hundreds of connections. Each leaf is written as a PEM chain (leaf,
 * then CA), a PEM PKCS#8 key and a PKCS12 store; the CA as a PEM bundle.
 */
public final class TestCertificates {
    /** The password of every store. */
    public static final String PASSWORD = "test-pass";
    private static final List<String> LEAVES = List.of("server", "client", "rogue");

    private static TestCertificates instance;

    private final Path dir;
    private final ServerTls server;
    private final ClientTls client;

    private TestCertificates(Path dir) throws Exception {
        this.dir = dir;
        make();
        this.server = ServerTls.builder(key("server")).build();
        this.client = ClientTls.builder().trust(caTrust()).build();
    }

    /** The certificates, made on first use. */
    public static synchronized TestCertificates get() {
        if (instance == null) {
            try {
                Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "test-certs-");
                instance = new TestCertificates(dir);
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
                "-dname", "CN=wspy-server Test CA", "-ext", "bc:c", "-validity", "30", "-keystore", ca.toString());
        Map<String, List<String>> leaves = Map.of(
                "server", List.of("-dname", "CN=localhost", "-ext", "san=dns:localhost,ip:127.0.0.1",
                        "-signer", "ca"),
                "client", List.of("-dname", "CN=wspy test client", "-signer", "ca"),
                "rogue", List.of("-dname", "CN=rogue client"));
        // Each leaf is made in its own copy of the CA's store, so the keytool runs go in parallel.
        ExecutorService pool = Executors.newFixedThreadPool(LEAVES.size());
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (String name : LEAVES) {
                Path work = dir.resolve(name + "-work.p12");
                Files.copy(ca, work);
                List<String> args = new ArrayList<>(List.of("-genkeypair", "-alias", name, "-keyalg", "EC",
                        "-groupname", "secp256r1", "-validity", "30"));
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
        char[] password = PASSWORD.toCharArray();
        KeyStore caStore = KeyStore.getInstance(ca.toFile(), password);
        writePem(dir.resolve("ca.pem"), "CERTIFICATE", caStore.getCertificate("ca").getEncoded());
        for (String name : LEAVES) {
            KeyStore work = KeyStore.getInstance(dir.resolve(name + "-work.p12").toFile(), password);
            Key key = work.getKey(name, password);
            Certificate[] chain = work.getCertificateChain(name);
            KeyStore single = KeyStore.getInstance("PKCS12");
            single.load(null, null);
            single.setKeyEntry(name, key, password, chain);
            try (OutputStream out = Files.newOutputStream(p12(name))) {
                single.store(out, password);
            }
            StringBuilder pem = new StringBuilder();
            for (Certificate c : chain) {
                pem.append(pem("CERTIFICATE", c.getEncoded()));
            }
            Files.writeString(chainPem(name), pem, StandardCharsets.US_ASCII);
            writePem(keyPem(name), "PRIVATE KEY", key.getEncoded());
        }
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> command = new ArrayList<>(List.of(keytool.toString(), "-J-XX:TieredStopAtLevel=1",
                "-J-XX:+UseSerialGC"));
        command.addAll(List.of(args));
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD, "-noprompt"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IOException("keytool " + String.join(" ", args) + " failed:\n" + output);
        }
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    private static void writePem(Path file, String label, byte[] der) throws IOException {
        Files.writeString(file, pem(label, der), StandardCharsets.US_ASCII);
    }

    // ---------------------------------------------------------------- what tests use

    /** The certificate authority that issued {@code server} and {@code client}, as PEM. */
    public Path caPem() {
        return dir.resolve("ca.pem");
    }

    /** A leaf's PKCS12 store (password {@link #PASSWORD}). */
    public Path p12(String leaf) {
        return dir.resolve(leaf + ".p12");
    }

    /** A leaf's certificate chain as PEM, the leaf first. */
    public Path chainPem(String leaf) {
        return dir.resolve(leaf + "-chain.pem");
    }

    /** A leaf's private key as PEM PKCS#8. */
    public Path keyPem(String leaf) {
        return dir.resolve(leaf + "-key.pem");
    }

    /** A leaf's key and chain: {@code server}, {@code client} or {@code rogue}. */
    public KeyMaterial key(String leaf) {
        try {
            return KeyMaterial.fromKeyStore(p12(leaf), PASSWORD.toCharArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Trusts the test CA. */
    public TrustMaterial caTrust() {
        try {
            return TrustMaterial.fromPem(caPem());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The server's TLS: the {@code server} certificate, no client certificates asked. */
    public ServerTls server() {
        return server;
    }

    /** The server's TLS asking for client certificates issued by the test CA. */
    public ServerTls server(ClientAuth clientAuth) {
        try {
            return ServerTls.builder(key("server")).clientAuth(clientAuth, caTrust()).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A client that trusts the test CA and shows no certificate. */
    public ClientTls client() {
        return client;
    }

    /** A client that trusts the test CA and shows the certificate of {@code leaf}. */
    public ClientTls client(String leaf) {
        try {
            return ClientTls.builder().trust(caTrust()).keyMaterial(key(leaf)).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A client context that trusts the test CA and shows {@code leaf}'s certificate whoever the
     * server says it trusts: the JDK's key managers only offer a certificate from an issuer the
     * server names, so this is how a client presents a certificate the server must refuse.
     */
    public SSLContext insisting(String leaf) {
        KeyMaterial key = key(leaf);
        X509ExtendedKeyManager always = new X509ExtendedKeyManager() {
            @Override
            public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
                return leaf;
            }

            @Override
            public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
                return leaf;
            }

            @Override
            public X509Certificate[] getCertificateChain(String alias) {
                return key.certificateChain().toArray(new X509Certificate[0]);
            }

            @Override
            public PrivateKey getPrivateKey(String alias) {
                return key.privateKey();
            }

            @Override
            public String[] getClientAliases(String keyType, Principal[] issuers) {
                return new String[] {leaf};
            }

            @Override
            public String[] getServerAliases(String keyType, Principal[] issuers) {
                return null;
            }

            @Override
            public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
                return null;
            }
        };
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", caTrust().certificates().get(0));
            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trust);
            context.init(new KeyManager[] {always}, trustManagers.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Client options for {@code wss://} that trust the test CA. */
    public ClientOptions clientOptions() {
        return client.applyTo(ClientOptions.defaults());
    }

    /** An SSL context that trusts the test CA, for the JDK's HTTP and WebSocket clients. */
    public SSLContext clientContext() {
        return client.sslContext();
    }
}

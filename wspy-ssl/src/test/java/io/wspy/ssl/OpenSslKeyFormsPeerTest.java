package io.wspy.ssl;

import io.wspy.connection.ClientOptions;
import io.wspy.connection.WebSocket;
import io.wspy.frame.Frame;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Keys and certificates made afresh by OpenSSL, in each PEM form it writes, serve wss://: the
 * loaders read what the tool people use actually produces, not only the checked-in samples.
 *
 * <p>Tagged {@code peer}: it needs the {@code openssl} program, so it runs with {@code -Ppeers}.
 */
@Tag("peer")
@Timeout(120)
class OpenSslKeyFormsPeerTest {
    private static final String PASSWORD = "peer-pass";

    @TempDir
    static Path dir;

    @BeforeAll
    static void requireOpenSsl() throws Exception {
        try {
            openssl("version");
        } catch (IOException e) {
            fail("this test needs the openssl program: apt-get install -y openssl (" + e.getMessage() + ")");
        }
    }

    private static void openssl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("openssl " + String.join(" ", args) + " failed:\n" + output);
        }
    }

    @ParameterizedTest
    @CsvSource({
        "rsa, pkcs8", "rsa, traditional", "rsa, encrypted",
        "ec, pkcs8", "ec, traditional", "ec, encrypted"})
    void openSslKeysServeWss(String algorithm, String form) throws Exception {
        String name = algorithm + "-" + form;
        String generated = name + "-generated.pem";
        if (algorithm.equals("rsa")) {
            openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", generated);
        } else {
            openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", generated);
        }
        String key = name + "-key.pem";
        switch (form) {
            case "pkcs8":
                openssl("pkey", "-in", generated, "-out", key);
                break;
            case "traditional":
                openssl("pkey", "-in", generated, "-traditional", "-out", key);
                break;
            default:
                openssl("pkcs8", "-topk8", "-in", generated, "-passout", "pass:" + PASSWORD, "-out", key);
        }
        String cert = name + "-cert.pem";
        openssl("req", "-x509", "-new", "-key", generated, "-subj", "/CN=localhost",
                "-addext", "subjectAltName=DNS:localhost", "-days", "2", "-out", cert);

        KeyMaterial material = KeyMaterial.fromPem(dir.resolve(cert), dir.resolve(key),
                form.equals("encrypted") ? PASSWORD.toCharArray() : null);
        assertEquals(algorithm.toUpperCase(java.util.Locale.ROOT), material.privateKey().getAlgorithm());
        ClientOptions client = ClientTls.builder().trust(TrustMaterial.fromPem(dir.resolve(cert))).build()
                .applyTo(ClientOptions.defaults());
        try (TlsEchoServer server = new TlsEchoServer(ServerTls.builder(material).build(),
                WssLoopbackTest.serverOptions());
             WebSocket ws = WebSocket.connect(server.uri("localhost"), client)) {
            ws.send(Frame.text(name));
            assertEquals(name, ws.recv().payloadText());
        }
    }
}

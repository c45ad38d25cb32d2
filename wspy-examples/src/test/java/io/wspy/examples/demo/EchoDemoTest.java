package io.wspy.examples.demo;

import io.wspy.connection.ClientOptions;
import io.wspy.connection.Connection;
import io.wspy.connection.WebSocket;
import io.wspy.frame.CloseCode;
import io.wspy.handshake.ClientHandshakeConfig;
import io.wspy.handshake.Credentials;
import io.wspy.handshake.HandshakeException;
import io.wspy.protocol.BinaryMessage;
import io.wspy.protocol.TextMessage;
import io.wspy.server.testing.TestCertificates;
import io.wspy.server.WebSocketServer;
import io.wspy.ssl.TlsSetupException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The demo as a user runs it, with each server. */
@Timeout(30)
class EchoDemoTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private WebSocketServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private WebSocketServer start(String kind, String... flags) throws IOException {
        String[] args = new String[flags.length + 6];
        args[0] = "--host";
        args[1] = "127.0.0.1";
        args[2] = "--port";
        args[3] = "0";
        args[4] = "--server";
        args[5] = kind;
        System.arraycopy(flags, 0, args, 6, flags.length);
        server = EchoDemo.create(DemoOptions.parse(args));
        server.start();
        return server;
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private Connection connect(String path, ClientOptions options) throws IOException {
        return new Connection(WebSocket.connect(URI.create("ws://127.0.0.1:" + server.port() + path), options));
    }

    @ParameterizedTest
    @ValueSource(strings = {"async", "threaded"})
    void servesThePageAndEchoesOnTheSamePort(String kind) throws Exception {
        start(kind);
        HttpResponse<String> page = get("/");
        assertEquals(200, page.statusCode());
        assertEquals("text/html; charset=utf-8", page.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(page.body().contains("this.send('Hello, World!');"), "the seed's snippet is on the page");
        assertTrue(page.body().contains("var config = {\"path\": \"/\", \"protocols\": []};"));
        assertEquals(404, get("/favicon.ico").statusCode());
        try (Connection c = connect("/", ClientOptions.defaults())) {
            c.sendText("Hello, World!");
            assertEquals(new TextMessage("Hello, World!"), c.receive());
            c.sendBinary(new byte[] {1, 2, 3});
            assertEquals(new BinaryMessage(new byte[] {1, 2, 3}), c.receive());
            assertNull(c.extensions(), "no extension is offered by this client");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"async", "threaded"})
    void pathsAndProtocolsReachThePage(String kind) throws Exception {
        start(kind, "--path", "/echo", "--protocol", "echo.v1");
        assertTrue(get("/").body().contains("var config = {\"path\": \"/echo\", \"protocols\": [\"echo.v1\"]};"));
        ClientOptions v1 = ClientOptions.defaults().withHandshake(ClientHandshakeConfig.builder()
                .subprotocols("echo.v1").build());
        try (Connection c = connect("/echo", v1)) {
            assertEquals("echo.v1", c.subprotocol());
        }
        HandshakeException wrongPath = assertThrows(HandshakeException.class, () -> connect("/", v1));
        assertEquals(404, wrongPath.status());
    }

    @ParameterizedTest
    @ValueSource(strings = {"async", "threaded"})
    void basicAndDigestAuthGuardPageAndWebSocket(String kind) throws Exception {
        for (String scheme : new String[] {"basic", "digest"}) {
            start(kind, "--auth", scheme, "--user", "ann:secret");
            HttpResponse<String> page = get("/");
            assertEquals(401, page.statusCode());
            assertTrue(page.headers().firstValue("WWW-Authenticate").orElseThrow().toLowerCase().startsWith(scheme));
            assertEquals(401, assertThrows(HandshakeException.class, () -> connect("/", ClientOptions.defaults())).status());
            ClientOptions ann = ClientOptions.defaults().withHandshake(ClientHandshakeConfig.builder()
                    .credentials(new Credentials("ann", "secret")).build());
            try (Connection c = connect("/", ann)) {
                c.sendText("let me in");
                assertEquals(new TextMessage("let me in"), c.receive());
            }
            server.stop();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"async", "threaded"})
    void maxMessageAndOriginsAreEnforced(String kind) throws Exception {
        start(kind, "--max-message", "10", "--origin", "http://good.example");
        ClientOptions good = ClientOptions.defaults().withHandshake(ClientHandshakeConfig.builder()
                .origin("http://good.example").build());
        Connection c = connect("/", good);
        c.sendText("0123456789");
        assertEquals(new TextMessage("0123456789"), c.receive());
        c.sendText("0123456789A");
        assertNull(c.receive());
        assertEquals(CloseCode.MESSAGE_TOO_BIG, c.closeStatus().code());
        assertEquals(403, assertThrows(HandshakeException.class, () -> connect("/", ClientOptions.defaults())).status());
    }

    @Test
    void pageUrlNamesLocalhostForEveryInterface() {
        assertEquals("http://localhost:8000/", EchoDemo.pageUrl(null, 8000, false));
        assertEquals("http://localhost:1/", EchoDemo.pageUrl("0.0.0.0", 1, false));
        assertEquals("http://127.0.0.1:2/", EchoDemo.pageUrl("127.0.0.1", 2, false));
        assertEquals("http://[::1]:3/", EchoDemo.pageUrl("::1", 3, false));
        assertEquals("https://localhost:8443/", EchoDemo.pageUrl(null, 8443, true));
    }

    @ParameterizedTest
    @ValueSource(strings = {"async", "threaded"})
    void servesHttpsAndWssWithPemFiles(String kind) throws Exception {
        TestCertificates certs = TestCertificates.get();
        start(kind, "--tls-cert", certs.chainPem("server").toString(), "--tls-key", certs.keyPem("server").toString());
        assertSecureEcho(certs);
    }

    @ParameterizedTest
    @ValueSource(strings = {"async", "threaded"})
    void servesHttpsAndWssWithAKeyStore(String kind) throws Exception {
        TestCertificates certs = TestCertificates.get();
        start(kind, "--tls-keystore", certs.p12("server").toString(), "--tls-password", TestCertificates.PASSWORD);
        assertSecureEcho(certs);
    }

    /** The page over https (the page makes its wss:// address from its own), and an echo over wss://. */
    private void assertSecureEcho(TestCertificates certs) throws Exception {
        HttpClient https = HttpClient.newBuilder().sslContext(certs.clientContext()).build();
        HttpResponse<String> page = https.send(HttpRequest.newBuilder(
                URI.create("https://127.0.0.1:" + server.port() + "/")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertEquals("TLSv1.3", page.sslSession().orElseThrow().getProtocol());
        assertTrue(page.body().contains("(location.protocol === 'https:' ? 'wss://' : 'ws://')"), page.body());
        assertTrue(page.body().contains("this.send('Hello, World!');"));
        try (Connection c = new Connection(WebSocket.connect(URI.create("wss://127.0.0.1:" + server.port() + "/"),
                certs.clientOptions()))) {
            assertTrue(c.isSecure());
            c.sendText("Hello, World!");
            assertEquals(new TextMessage("Hello, World!"), c.receive());
        }
        assertThrows(IOException.class, () -> get("/"), "no plain HTTP on a TLS port");
    }

    @Test
    void unreadableKeyMaterialIsReportedClearly() {
        TestCertificates certs = TestCertificates.get();
        TlsSetupException missing = assertThrows(TlsSetupException.class, () -> EchoDemo.create(DemoOptions.parse(
                "--tls-cert", certs.chainPem("server").toString(), "--tls-key", "no-such-key.pem")));
        assertTrue(missing.getMessage().contains("no-such-key.pem"), missing.getMessage());
        TlsSetupException mismatched = assertThrows(TlsSetupException.class, () -> EchoDemo.create(DemoOptions.parse(
                "--tls-cert", certs.chainPem("server").toString(), "--tls-key", certs.keyPem("client").toString())));
        assertTrue(mismatched.getMessage().contains("does not match"), mismatched.getMessage());
        TlsSetupException wrongPassword = assertThrows(TlsSetupException.class, () -> EchoDemo.create(
                DemoOptions.parse("--tls-keystore", certs.p12("server").toString(), "--tls-password", "wrong")));
        assertTrue(wrongPassword.getMessage().contains("password"), wrongPassword.getMessage());
    }
}

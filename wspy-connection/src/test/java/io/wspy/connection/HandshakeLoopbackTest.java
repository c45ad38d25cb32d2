package io.wspy.connection;

import io.wspy.handshake.BasicAuthenticator;
import io.wspy.handshake.ClientHandshakeConfig;
import io.wspy.handshake.Credentials;
import io.wspy.handshake.DigestAuthenticator;
import io.wspy.handshake.HandshakeException;
import io.wspy.handshake.HttpHeaders;
import io.wspy.handshake.HttpResponse;
import io.wspy.handshake.ServerHandshakeConfig;
import io.wspy.protocol.TextMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The opening handshake over real sockets: authentication, redirects, and every refusal. */
@Timeout(30)
class HandshakeLoopbackTest {
    private static final Map<String, String> USERS = Map.of("alice", "wonderland");

    private static ServerOptions withHandshake(ServerHandshakeConfig.Builder handshake) {
        return ServerOptions.defaults().withHandshake(handshake.build());
    }

    private static ClientOptions withCredentials(String user, String password) {
        return ClientOptions.defaults().withHandshake(
                ClientHandshakeConfig.builder().credentials(new Credentials(user, password)).build());
    }

    private static void assertEchoes(WebSocket webSocket) throws IOException {
        Connection connection = new Connection(webSocket);
        connection.sendText("ping?");
        assertEquals(new TextMessage("ping?"), connection.receive());
        connection.close();
    }

    @Test
    void basicAuthenticationBothWays() throws Exception {
        try (EchoServerFixture server = new EchoServerFixture(withHandshake(ServerHandshakeConfig.builder()
                .authenticator(new BasicAuthenticator("demo", USERS::get))))) {
            WebSocket ws = WebSocket.connect(server.uri("/"), withCredentials("alice", "wonderland"));
            assertEchoes(ws);
            HandshakeException wrong = assertThrows(HandshakeException.class,
                    () -> WebSocket.connect(server.uri("/"), withCredentials("alice", "looking-glass")));
            assertEquals(401, wrong.status());
            HandshakeException none = assertThrows(HandshakeException.class, () -> WebSocket.connect(server.uri("/")));
            assertEquals(401, none.status());
        }
    }

    @Test
    void digestAuthenticationBothWays() throws Exception {
        DigestAuthenticator digest = DigestAuthenticator.builder("demo").passwords(USERS::get).build();
        try (EchoServerFixture server = new EchoServerFixture(withHandshake(
                ServerHandshakeConfig.builder().authenticator(digest)))) {
            WebSocket ws = WebSocket.connect(server.uri("/"), withCredentials("alice", "wonderland"));
            assertEquals("alice", JdkClientInteropTest.awaitConnection(server).webSocket().user());
            assertEchoes(ws);
            HandshakeException wrong = assertThrows(HandshakeException.class,
                    () -> WebSocket.connect(server.uri("/"), withCredentials("alice", "nope")));
            assertEquals(401, wrong.status());
        }
    }

    @Test
    void credentialsFromTheUriUserInfo() throws Exception {
        DigestAuthenticator digest = DigestAuthenticator.builder("demo").passwords(USERS::get).build();
        try (EchoServerFixture server = new EchoServerFixture(withHandshake(
                ServerHandshakeConfig.builder().authenticator(digest)))) {
            URI uri = URI.create("ws://alice:wonderland@127.0.0.1:" + server.socket.localPort() + "/");
            assertEchoes(WebSocket.connect(uri));
        }
    }

    /** A plain HTTP server answering every request with one redirect. */
    private static final class Redirector implements AutoCloseable {
        final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final Thread thread;

        Redirector(int status, String location) throws IOException {
            thread = new Thread(() -> {
                while (!socket.isClosed()) {
                    try (Socket s = socket.accept()) {
                        readHead(s.getInputStream());
                        s.getOutputStream().write(("HTTP/1.1 " + status + " Moved\r\nLocation: " + location
                                + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    } catch (IOException stopped) {
                        return;
                    }
                }
            });
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @Test
    void redirectsAreFollowed() throws Exception {
        try (EchoServerFixture server = new EchoServerFixture(withHandshake(ServerHandshakeConfig.builder().paths("/target")));
             Redirector second = new Redirector(307, "http://127.0.0.1:" + server.socket.localPort() + "/target");
             Redirector first = new Redirector(301, "ws://127.0.0.1:" + second.port() + "/elsewhere")) {
            WebSocket ws = WebSocket.connect(URI.create("ws://127.0.0.1:" + first.port() + "/start"));
            assertEquals("/target", ws.request().path());
            assertEchoes(ws);
        }
    }

    @Test
    void redirectLoopStopsAtTheLimit() throws Exception {
        try (Redirector loop = new Redirector(302, "/again")) {
            HandshakeException e = assertThrows(HandshakeException.class,
                    () -> WebSocket.connect(URI.create("ws://127.0.0.1:" + loop.port() + "/")));
            assertTrue(e.getMessage().contains("redirect"), e.getMessage());
        }
    }

    /** Sends a raw request and returns the status line and headers the server answers with. */
    private static String rawRequest(int port, String request) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            return readHead(s.getInputStream());
        }
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            head.append((char) c);
            if (head.toString().endsWith("\r\n\r\n")) {
                break;
            }
        }
        return head.toString();
    }

    private static String upgrade(String path, String... extraHeaders) {
        return "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n" + String.join("", extraHeaders) + "\r\n";
    }

    @Test
    void everyRefusalGetsItsStatus() throws Exception {
        try (EchoServerFixture server = new EchoServerFixture(withHandshake(ServerHandshakeConfig.builder()
                .paths("/ws").trustedOrigins("https://good.example")
                .authenticator(new BasicAuthenticator("demo", USERS::get))))) {
            int port = server.socket.localPort();
            String auth = "Authorization: Basic YWxpY2U6d29uZGVybGFuZA==\r\n";
            String origin = "Origin: https://good.example\r\n";
            String version = "Sec-WebSocket-Version: 13\r\n";

            assertTrue(rawRequest(port, upgrade("/ws", version, origin, auth)).startsWith("HTTP/1.1 101"));
            String oldVersion = rawRequest(port, upgrade("/ws", "Sec-WebSocket-Version: 8\r\n", origin, auth));
            assertTrue(oldVersion.startsWith("HTTP/1.1 426"), oldVersion);
            assertTrue(oldVersion.contains("Sec-WebSocket-Version: 13"), oldVersion);
            assertTrue(rawRequest(port, upgrade("/ws", version, "Origin: https://evil.example\r\n", auth))
                    .startsWith("HTTP/1.1 403"));
            String noAuth = rawRequest(port, upgrade("/ws", version, origin));
            assertTrue(noAuth.startsWith("HTTP/1.1 401"), noAuth);
            assertTrue(noAuth.contains("WWW-Authenticate: Basic realm=\"demo\""), noAuth);
            assertTrue(rawRequest(port, upgrade("/other", version, origin, auth)).startsWith("HTTP/1.1 404"));
            assertTrue(rawRequest(port, "GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: short\r\n" + version + "\r\n").startsWith("HTTP/1.1 400"));
            assertTrue(rawRequest(port, "garbage\r\n\r\n").startsWith("HTTP/1.1 400"));
            assertTrue(rawRequest(port, "GET / HTTP/1.1\r\nHost: x\r\n\r\n").startsWith("HTTP/1.1 426"));
        }
    }

    @Test
    void plainHttpGoesToTheHttpHandler() throws Exception {
        ServerOptions options = ServerOptions.defaults().withHttpHandler(request -> new HttpResponse("HTTP/1.1", 200, "OK",
                HttpHeaders.of("Content-Type", "text/plain", "Connection", "close"),
                ("you asked for " + request.path()).getBytes(StandardCharsets.UTF_8)));
        try (EchoServerFixture server = new EchoServerFixture(options)) {
            String head = rawRequest(server.socket.localPort(), "GET /page HTTP/1.1\r\nHost: x\r\n\r\n");
            assertTrue(head.startsWith("HTTP/1.1 200"), head);
        }
    }

    @Test
    void slowHandshakeTimesOutAndOthersAreStillServed() throws Exception {
        ServerOptions options = ServerOptions.defaults().withHandshakeTimeout(java.time.Duration.ofMillis(300));
        try (EchoServerFixture server = new EchoServerFixture(options);
             Socket slow = new Socket(InetAddress.getLoopbackAddress(), server.socket.localPort())) {
            OutputStream out = slow.getOutputStream();
            out.write("GET / HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
            // The server gives up on the slow client and closes it; reading sees the end of stream.
            slow.setSoTimeout(10_000);
            assertEquals(-1, slow.getInputStream().read());
            assertEchoes(WebSocket.connect(server.uri("/")));
        }
    }
}

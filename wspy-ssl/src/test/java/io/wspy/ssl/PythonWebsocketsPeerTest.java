package io.wspy.ssl;

import io.wspy.connection.ClientOptions;
import io.wspy.connection.Connection;
import io.wspy.connection.WebSocket;
import io.wspy.frame.CloseCode;
import io.wspy.handshake.ServerHandshakeConfig;
import io.wspy.protocol.BinaryMessage;
import io.wspy.protocol.TextMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Interop over TLS with an independent WebSocket implementation: Python's {@code websockets}
 * (Debian's python3-websockets) with Python's {@code ssl}, as a client of our servers (blocking and
 * selector-driven, with and without a client certificate) and as a server for our client.
 *
 * <p>Tagged {@code peer}: it needs python3 with websockets, so it runs with {@code -Ppeers}.
 */
@Tag("peer")
@Timeout(120)
class PythonWebsocketsPeerTest {
    private static final TestCertificates CERTS = TestCertificates.get();
    private static final ScheduledExecutorService TIMERS = Executors.newSingleThreadScheduledExecutor();

    private static final String SCRIPT = String.join("\n",
            "import asyncio, ssl, sys, websockets",
            "",
            "PAYLOAD = bytes(range(256)) * 4096",
            "",
            "async def client(uri, cafile, cert=None, key=None):",
            "    context = ssl.create_default_context(cafile=cafile)",
            "    if cert:",
            "        context.load_cert_chain(cert, key)",
            "    async with websockets.connect(uri, ssl=context, max_size=None) as ws:",
            "        await ws.send('héllo from python')",
            "        print('text:' + await ws.recv(), flush=True)",
            "        await ws.send(PAYLOAD)",
            "        back = await ws.recv()",
            "        print('binary:%s:%d' % (back == PAYLOAD, len(back)), flush=True)",
            "        await ws.close(1000, 'python done')",
            "        print('closed:%d' % ws.close_code, flush=True)",
            "",
            "async def server(cert, key):",
            "    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)",
            "    context.load_cert_chain(cert, key)",
            "    done = asyncio.get_running_loop().create_future()",
            "    async def echo(ws, path=None):",
            "        try:",
            "            async for message in ws:",
            "                await ws.send(message)",
            "        finally:",
            "            print('close:%s %s' % (ws.close_code, ws.close_reason), flush=True)",
            "            done.set_result(None)",
            "    async with websockets.serve(echo, '127.0.0.1', 0, ssl=context, max_size=None) as running:",
            "        print('port:%d' % running.sockets[0].getsockname()[1], flush=True)",
            "        await done",
            "",
            "if sys.argv[1] == 'client':",
            "    asyncio.run(client(*sys.argv[2:]))",
            "else:",
            "    asyncio.run(server(*sys.argv[2:]))",
            "");

    private static String python;
    private static Path script;

    @BeforeAll
    static void findPython() throws Exception {
        for (String candidate : List.of("/usr/bin/python3", "python3")) {
            try {
                Process p = new ProcessBuilder(candidate, "-c", "import websockets").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    python = candidate;
                    break;
                }
            } catch (IOException notThere) {
                // Try the next candidate.
            }
        }
        if (python == null) {
            fail("these tests need python3 with the websockets module: apt-get install -y python3-websockets");
        }
        script = CERTS.dir.resolve("peer.py");
        Files.writeString(script, SCRIPT, StandardCharsets.UTF_8);
    }

    @AfterAll
    static void stopTimers() {
        TIMERS.shutdownNow();
    }

    private static Process start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(python, script.toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    /** The program's output lines once it has exited; fails if it does not exit in time. */
    private static List<String> finish(Process process) throws Exception {
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("python did not finish:\n" + output);
        }
        List<String> lines = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (!line.isBlank()) {
                lines.add(line.strip());
            }
        }
        return lines;
    }

    private static void assertPythonClientRan(List<String> lines) {
        assertEquals(List.of("text:héllo from python", "binary:True:1048576", "closed:1000"), lines,
                String.join("\n", lines));
    }

    @Test
    void pythonClientAgainstOurBlockingTlsServer() throws Exception {
        try (TlsEchoServer server = new TlsEchoServer(CERTS.server("server-rsa"), WssLoopbackTest.serverOptions())) {
            assertPythonClientRan(finish(start("client", server.uri("localhost").toString(),
                    CERTS.caPem().toString())));
            assertEquals("1000 python done", server.nextClose());
        }
    }

    @Test
    void pythonClientAgainstOurSelectorTlsServer() throws Exception {
        WebSocketOverTlsChannel.Shared shared = new WebSocketOverTlsChannel.Shared(ServerHandshakeConfig.defaults(),
                WssLoopbackTest.LARGE, TIMERS);
        try (SelectorTlsServer server = new SelectorTlsServer(CERTS.server("server-ec"),
                c -> new WebSocketOverTlsChannel(c, shared))) {
            assertPythonClientRan(finish(start("client", "wss://localhost:" + server.port() + "/",
                    CERTS.caPem().toString())));
            assertEquals("1000 python done", shared.nextClose());
        }
    }

    @Test
    void pythonClientWithACertificateUnderMutualTls() throws Exception {
        ServerTls tls = ServerTls.builder(CERTS.key("server-rsa")).clientAuth(ClientAuth.REQUIRE, CERTS.caTrust())
                .build();
        try (TlsEchoServer server = new TlsEchoServer(tls, WssLoopbackTest.serverOptions())) {
            String uri = server.uri("localhost").toString();
            assertPythonClientRan(finish(start("client", uri, CERTS.caPem().toString(),
                    CERTS.chainPem("client").toString(), CERTS.keyPem("client").toString())));
            assertEquals("CN=wspy test client",
                    server.nextConnection().peerCertificates().get(0).getSubjectX500Principal().getName());
            Process anonymous = start("client", uri, CERTS.caPem().toString());
            List<String> refused = finish(anonymous);
            assertNotEquals(0, anonymous.exitValue(), "a client without certificate is refused: " + refused);
        }
    }

    @Test
    void ourClientAgainstAPythonTlsServer() throws Exception {
        Process server = start("server", CERTS.chainPem("server-ec").toString(), CERTS.keyPem("server-ec").toString());
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            String first = out.readLine();
            assertTrue(first != null && first.startsWith("port:"), "python server said: " + first);
            URI uri = URI.create("wss://localhost:" + first.substring("port:".length()) + "/");
            ClientOptions options = WssLoopbackTest.clientOptions(CERTS.client());
            Connection client = new Connection(WebSocket.connect(uri, options));
            assertTrue(client.isSecure());
            assertEquals("CN=localhost", client.peerCertificates().get(0).getSubjectX500Principal().getName());
            client.sendText("héllo from java");
            assertEquals(new TextMessage("héllo from java"), client.receive());
            byte[] data = WssLoopbackTest.random(1 << 20);
            client.sendBinary(data);
            assertArrayEquals(data, ((BinaryMessage) client.receive()).bytes());
            client.close(CloseCode.NORMAL_CLOSURE, "java done");
            assertEquals(CloseCode.NORMAL_CLOSURE, client.closeStatus().code());
            assertEquals("close:1000 java done", out.readLine());
            assertTrue(server.waitFor(30, TimeUnit.SECONDS), "the python server exits after its connection");
        } finally {
            server.destroyForcibly();
        }
    }
}

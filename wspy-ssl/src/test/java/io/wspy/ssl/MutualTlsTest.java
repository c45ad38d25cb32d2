package io.wspy.ssl;

import io.wspy.connection.ClientOptions;
import io.wspy.connection.Connection;
import io.wspy.connection.WebSocket;
import io.wspy.handshake.HandshakeException;
import io.wspy.protocol.TextMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.X509ExtendedKeyManager;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Client certificates: required or requested by the server, checked, and visible to its handler. */
@Timeout(60)
class MutualTlsTest {
    private static final TestCertificates CERTS = TestCertificates.get();

    private static ServerTls server(ClientAuth mode, String protocol) throws IOException {
        return ServerTls.builder(CERTS.key("server-ec")).clientAuth(mode, CERTS.caTrust()).protocols(protocol).build();
    }

    private static ClientOptions clientWith(String leaf) throws IOException {
        ClientTls.Builder tls = ClientTls.builder().trust(CERTS.caTrust());
        if (leaf != null) {
            tls.keyMaterial(CERTS.key(leaf));
        }
        return tls.build().applyTo(ClientOptions.defaults());
    }

    /**
     * A client that shows {@code leaf}'s certificate whoever the server says it trusts: the JDK's
     * key managers only offer a certificate from an issuer the server names.
     */
    private static ClientOptions insisting(String leaf) throws Exception {
        KeyMaterial key = CERTS.key(leaf);
        X509ExtendedKeyManager always = new X509ExtendedKeyManager() {
            @Override
            public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
                return "k";
            }

            @Override
            public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
                return "k";
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
                return new String[] {"k"};
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
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(new KeyManager[] {always}, CERTS.caTrust().trustManagers(), null);
        return ClientTls.of(context).applyTo(ClientOptions.defaults());
    }

    /**
     * The TLS handshake fails. Depending on timing the client reads the server's alert or finds
     * the connection already gone while it writes; either way no WebSocket handshake took place.
     */
    private static void assertRefused(TlsEchoServer server, Executable connect) throws InterruptedException {
        IOException e = assertThrows(IOException.class, connect);
        assertTrue(e instanceof SSLException || e instanceof SocketException, e.toString());
        assertTrue(!(e instanceof HandshakeException), e.toString());
        assertNull(server.opened.poll(), "no connection opened");
    }

    private static String subject(X509Certificate c) {
        return c.getSubjectX500Principal().getName();
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void aRequiredClientCertificateIsCheckedAndSeenByTheHandler(String protocol) throws Exception {
        try (TlsEchoServer server = new TlsEchoServer(server(ClientAuth.REQUIRE, protocol),
                WssLoopbackTest.serverOptions())) {
            Connection client = new Connection(WebSocket.connect(server.uri("localhost"), clientWith("client")));
            client.sendText("it is me");
            assertEquals(new TextMessage("it is me"), client.receive());
            Connection serverSide = server.nextConnection();
            List<X509Certificate> chain = serverSide.peerCertificates();
            assertEquals("CN=wspy test client", subject(chain.get(0)));
            assertEquals("CN=wspy Test CA", subject(chain.get(1)));
            assertEquals("CN=localhost", subject(client.peerCertificates().get(0)));
            client.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void aClientWithoutCertificateOrWithAnUntrustedOneIsRefused(String protocol) throws Exception {
        try (TlsEchoServer server = new TlsEchoServer(server(ClientAuth.REQUIRE, protocol),
                WssLoopbackTest.serverOptions())) {
            assertRefused(server, () -> WebSocket.connect(server.uri("localhost"), clientWith(null)));
            // The JDK's key manager does not even offer a certificate from an issuer the server does not name.
            assertRefused(server, () -> WebSocket.connect(server.uri("localhost"), clientWith("rogue")));
            ClientOptions rogue = insisting("rogue");
            assertRefused(server, () -> WebSocket.connect(server.uri("localhost"), rogue));
            try (WebSocket ws = WebSocket.connect(server.uri("localhost"), clientWith("client"))) {
                assertTrue(ws.isSecure());
            }
        }
    }

    @Test
    void aRequestedCertificateIsOptionalButCheckedWhenShown() throws Exception {
        try (TlsEchoServer server = new TlsEchoServer(server(ClientAuth.REQUEST, "TLSv1.3"),
                WssLoopbackTest.serverOptions())) {
            Connection anonymous = new Connection(WebSocket.connect(server.uri("localhost"), clientWith(null)));
            assertEquals(List.of(), server.nextConnection().peerCertificates());
            Connection known = new Connection(WebSocket.connect(server.uri("localhost"), clientWith("client")));
            assertEquals("CN=wspy test client", subject(server.nextConnection().peerCertificates().get(0)));
            ClientOptions rogue = insisting("rogue");
            assertRefused(server, () -> WebSocket.connect(server.uri("localhost"), rogue));
            anonymous.close();
            known.close();
        }
    }

    @Test
    void askingForCertificatesNeedsTrust() throws IOException {
        ServerTls.Builder builder = ServerTls.builder(CERTS.key("server-ec"));
        assertThrows(IllegalArgumentException.class, () -> builder.clientAuth(ClientAuth.REQUIRE, null));
        assertEquals(ClientAuth.NONE, builder.build().clientAuth());
        assertThrows(IllegalArgumentException.class, () -> builder.protocols("TLSv1.1"));
        assertThrows(IllegalArgumentException.class, () -> builder.protocols());
        assertEquals(List.of("TLSv1.3"), builder.protocols("TLSv1.3").build().protocols());
    }
}

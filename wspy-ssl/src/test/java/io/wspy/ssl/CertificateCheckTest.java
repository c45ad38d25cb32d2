package io.wspy.ssl;

import io.wspy.connection.ClientOptions;
import io.wspy.connection.WebSocket;
import io.wspy.frame.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import javax.net.ssl.SSLHandshakeException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A client refuses a server whose certificate is for another name, expired, or issued by someone
 * it does not trust; and the server goes on serving the next client.
 */
@Timeout(60)
class CertificateCheckTest {
    private static final TestCertificates CERTS = TestCertificates.get();

    static boolean causedBy(Throwable error, Class<? extends Throwable> kind) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (kind.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static void assertEchoes(TlsEchoServer server, String host, ClientOptions options) throws Exception {
        try (WebSocket ws = WebSocket.connect(server.uri(host), options)) {
            ws.send(Frame.text("still serving"));
            assertEquals("still serving", ws.recv().payloadText());
        }
    }

    @Test
    void aCertificateForAnotherNameIsRefusedByDefault() throws Exception {
        // server-ec names localhost only: 127.0.0.1 is not one of its names.
        try (TlsEchoServer server = new TlsEchoServer(CERTS.server("server-ec"), WssLoopbackTest.serverOptions())) {
            ClientOptions options = CERTS.client().applyTo(ClientOptions.defaults());
            SSLHandshakeException e = assertThrows(SSLHandshakeException.class,
                    () -> WebSocket.connect(server.uri("127.0.0.1"), options));
            assertTrue(causedBy(e, CertificateException.class), e.toString());
            assertTrue(e.getMessage().contains("127.0.0.1"), e.getMessage());
            assertEchoes(server, "localhost", options);
        }
    }

    @Test
    void anExpiredCertificateIsRefused() throws Exception {
        try (TlsEchoServer server = new TlsEchoServer(CERTS.server("expired"), WssLoopbackTest.serverOptions())) {
            ClientOptions options = CERTS.client().applyTo(ClientOptions.defaults());
            SSLHandshakeException e = assertThrows(SSLHandshakeException.class,
                    () -> WebSocket.connect(server.uri("localhost"), options));
            assertTrue(causedBy(e, CertificateExpiredException.class), e.toString());
        }
    }

    @Test
    void aCertificateFromAnUntrustedIssuerIsRefusedByTheDefaultTrustStore() throws Exception {
        try (TlsEchoServer server = new TlsEchoServer(CERTS.server("server-rsa"), WssLoopbackTest.serverOptions())) {
            SSLHandshakeException byDefault = assertThrows(SSLHandshakeException.class,
                    () -> WebSocket.connect(server.uri("localhost"), ClientOptions.defaults()));
            assertTrue(causedBy(byDefault, CertPathBuilderException.class), byDefault.toString());
            ClientOptions systemTrust = ClientTls.builder().trust(TrustMaterial.systemDefault()).build()
                    .applyTo(ClientOptions.defaults());
            SSLHandshakeException explicit = assertThrows(SSLHandshakeException.class,
                    () -> WebSocket.connect(server.uri("localhost"), systemTrust));
            assertTrue(causedBy(explicit, CertPathBuilderException.class), explicit.toString());
            assertEchoes(server, "localhost", CERTS.client().applyTo(ClientOptions.defaults()));
        }
    }

    @Test
    void trustFromAKeyStoreWorksLikeThePemBundle() throws Exception {
        try (TlsEchoServer server = new TlsEchoServer(CERTS.server("server-rsa"), WssLoopbackTest.serverOptions())) {
            TrustMaterial trust = TrustMaterial.fromKeyStore(CERTS.caTrustStore(), TestCertificates.PASSWORD);
            assertEquals(CERTS.caTrust().certificates(), trust.certificates());
            assertEchoes(server, "127.0.0.1", ClientTls.builder().trust(trust).build().applyTo(ClientOptions.defaults()));
        }
    }

    @Test
    void trustMaterialWithoutCertificatesIsRefused() {
        TlsSetupException keysOnly = assertThrows(TlsSetupException.class,
                () -> TrustMaterial.fromKeyStore(CERTS.p12("server-ec"), TestCertificates.PASSWORD));
        assertTrue(keysOnly.getMessage().contains("no trusted certificate entries"), keysOnly.getMessage());
        TlsSetupException pem = assertThrows(TlsSetupException.class, () -> TrustMaterial.fromPem(CERTS.keyPem("client")));
        assertTrue(pem.getMessage().contains("no CERTIFICATE block (found [PRIVATE KEY])"), pem.getMessage());
        assertThrows(TlsSetupException.class, () -> TrustMaterial.of(java.util.List.of()));
        assertTrue(TrustMaterial.systemDefault().isSystemDefault());
    }
}

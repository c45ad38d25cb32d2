package io.wspy.ssl;

import io.wspy.connection.ClientOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLServerSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every socket and engine a configuration makes carries its protocols and client-certificate mode. */
class TlsConfigurationTest {
    private static final TestCertificates CERTS = TestCertificates.get();
    private static final String[] BOTH = {"TLSv1.3", "TLSv1.2"};

    private static ServerTls server(ClientAuth mode) throws Exception {
        ServerTls.Builder builder = ServerTls.builder(CERTS.key("server-ec"));
        if (mode != ClientAuth.NONE) {
            builder.clientAuth(mode, CERTS.caTrust());
        }
        return builder.build();
    }

    @ParameterizedTest
    @EnumSource(ClientAuth.class)
    void listeningSocketsFromEveryFactoryMethodAreConfigured(ClientAuth mode) throws Exception {
        ServerTls tls = server(mode);
        InetAddress loopback = InetAddress.getLoopbackAddress();
        List<SSLServerSocket> sockets = List.of(
                tls.bind(new InetSocketAddress(loopback, 0)),
                (SSLServerSocket) tls.serverSocketFactory().createServerSocket(0),
                (SSLServerSocket) tls.serverSocketFactory().createServerSocket(0, 5),
                (SSLServerSocket) tls.serverSocketFactory().createServerSocket(0, 5, loopback));
        for (SSLServerSocket s : sockets) {
            try (s) {
                assertArrayEquals(BOTH, s.getEnabledProtocols());
                assertEquals(mode == ClientAuth.REQUIRE, s.getNeedClientAuth());
                assertEquals(mode == ClientAuth.REQUEST, s.getWantClientAuth());
                assertTrue(s.getSSLParameters().getUseCipherSuitesOrder());
            }
        }
        SSLEngine engine = tls.newEngine(new InetSocketAddress(loopback, 1234));
        assertFalse(engine.getUseClientMode());
        assertArrayEquals(BOTH, engine.getEnabledProtocols());
        assertEquals(mode == ClientAuth.REQUIRE, engine.getNeedClientAuth());
        assertEquals(mode == ClientAuth.REQUEST, engine.getWantClientAuth());
        assertEquals(mode, tls.clientAuth());
    }

    @Test
    void aServerCanBeLimitedToOneVersion() throws Exception {
        ServerTls tls = ServerTls.builder(CERTS.key("server-ec")).protocols("TLSv1.2").build();
        assertArrayEquals(new String[] {"TLSv1.2"}, tls.newEngine(null).getEnabledProtocols());
        assertThrows(IllegalArgumentException.class,
                () -> ServerTls.builder(CERTS.key("server-ec")).protocols("TLSv1.3", "TLSv1.3"));
    }

    @Test
    void clientEnginesVerifyTheHostName() throws Exception {
        ClientTls tls = CERTS.client();
        SSLEngine engine = tls.newEngine("localhost", 443);
        assertTrue(engine.getUseClientMode());
        assertEquals("HTTPS", engine.getSSLParameters().getEndpointIdentificationAlgorithm());
        assertArrayEquals(BOTH, engine.getEnabledProtocols());
        assertEquals("localhost", engine.getPeerHost());
        assertSame(tls.sslContext(), tls.applyTo(ClientOptions.defaults()).sslContext());
    }

    @Test
    void contextsMadeElsewhereAreWrapped() throws Exception {
        ServerTls made = server(ClientAuth.NONE);
        ServerTls wrapped = ServerTls.of(made.sslContext(), ClientAuth.REQUEST);
        assertSame(made.sslContext(), wrapped.sslContext());
        assertTrue(wrapped.newEngine(null).getWantClientAuth());
        assertEquals(List.of("TLSv1.3", "TLSv1.2"), wrapped.protocols());
        assertThrows(IllegalArgumentException.class, () -> ServerTls.of(null, ClientAuth.NONE));
        assertThrows(IllegalArgumentException.class, () -> ClientTls.of(null));
        assertSame(javax.net.ssl.SSLContext.getDefault(), ClientTls.systemDefault().sslContext());
    }
}

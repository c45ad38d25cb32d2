package io.wspy.server.conformance;

import io.wspy.server.testing.TestCertificates;

import javax.net.ssl.SSLSocketFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;

/** Runs cases against an echo server: one fresh connection per case, over TLS for a {@code wss://} server. */
final class FuzzingClient {
    private FuzzingClient() {
    }

    static CaseResult run(FuzzCase c, URI server, long serverMaxMessageSize) {
        InetSocketAddress address = new InetSocketAddress(server.getHost(), server.getPort());
        SSLSocketFactory tls = "wss".equals(server.getScheme())
                ? TestCertificates.get().clientContext().getSocketFactory() : null;
        FuzzSession session;
        try {
            session = FuzzSession.connect(address, tls, "/", c.opening(), c.bound(), serverMaxMessageSize,
                    c.id().hashCode());
        } catch (CaseFailure f) {
            return CaseResult.fail(c, "handshake: " + f.getMessage());
        } catch (IOException e) {
            return CaseResult.fail(c, "could not connect: " + e);
        }
        try (session) {
            if (!session.upgraded() && c.category() != Category.HANDSHAKE) {
                return CaseResult.fail(c, "the server refused the upgrade: " + session.handshake().firstLine());
            }
            return CaseResult.judge(c, session);
        }
    }
}

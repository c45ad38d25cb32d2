package io.wspy.server.conformance;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;

/** Runs cases against an echo server: one fresh connection per case. */
final class FuzzingClient {
    private FuzzingClient() {
    }

    static CaseResult run(FuzzCase c, URI server, long serverMaxMessageSize) {
        InetSocketAddress address = new InetSocketAddress(server.getHost(), server.getPort());
        FuzzSession session;
        try {
            session = FuzzSession.connect(address, "/", c.opening(), c.bound(), serverMaxMessageSize,
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

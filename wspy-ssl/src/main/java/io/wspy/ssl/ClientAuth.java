package io.wspy.ssl;

/** Whether a TLS server asks its clients for certificates (mutual TLS). */
public enum ClientAuth {
    /** No client certificate is asked for. */
    NONE,
    /**
     * A certificate is asked for but not required: a client without one is let in, and a handler
     * sees an empty {@code peerCertificates()}. A certificate that is sent must be trusted.
     */
    REQUEST,
    /** A trusted client certificate is required; clients without one fail the TLS handshake. */
    REQUIRE
}

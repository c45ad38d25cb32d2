package io.wspy.metrics;

/** Why an upgrade ended without any HTTP answer. */
public enum UpgradeFailure {
    /** The TLS handshake failed. */
    TLS,
    /** The upgrade did not complete within the handshake timeout (on a server: the client's request; on a client: the server's answer). */
    TIMEOUT
}

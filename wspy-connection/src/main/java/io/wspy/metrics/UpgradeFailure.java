package io.wspy.metrics;

/** Why an upgrade ended without any HTTP answer. */
public enum UpgradeFailure {
    /** The TLS handshake failed. */
    TLS,
    /** The client did not complete its upgrade request within the handshake timeout. */
    TIMEOUT
}

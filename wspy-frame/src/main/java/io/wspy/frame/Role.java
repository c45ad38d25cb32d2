package io.wspy.frame;

/**
 * Which end of a connection an endpoint is. It decides masking: a client masks every frame it
 * sends and accepts only unmasked frames; a server does the opposite (RFC 6455 section 5.1).
 */
public enum Role {
    /** The end that opened the connection. */
    CLIENT,
    /** The end that accepted the connection. */
    SERVER;

    /** Whether frames this role sends must be masked. */
    public boolean masksOutgoing() {
        return this == CLIENT;
    }

    /** Whether frames this role receives must be masked. */
    public boolean expectsMaskedIncoming() {
        return this == SERVER;
    }

    /** The other end. */
    public Role peer() {
        return this == CLIENT ? SERVER : CLIENT;
    }
}

package io.wspy.server.internal;

import io.wspy.protocol.Message;

import javax.net.ssl.SSLSession;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * What a {@link ClientSession} needs from the driver that moves its client's bytes: the outbound
 * queue's policy, the flow control of its reading, and what only the transport knows.
 */
public interface ClientLink {
    /**
     * Applies the slow-reader policy before a message is sent.
     *
     * @return true to send it, false to drop it
     * @throws IOException when the policy refuses it (the driver may have failed the connection)
     */
    boolean admit() throws IOException;

    /** Remembers a message for {@code onSent}; drivers that do not report it ignore it. */
    void markSent(Message message);

    /** Bytes handed to the transport and not yet written. */
    long bufferedAmount();

    /** Drops the connection without a closing handshake (a close frame could not be written). */
    void abort();

    /** The handler's queue of events is too long: stop reading (called on the reading thread). */
    void pauseReading();

    /** The handler's queue of events is short again: read again (called from any thread). */
    void resumeReading();

    /** The client's address, or {@code null} if the channel no longer knows it. */
    InetSocketAddress remoteAddress();

    /** This end's address, or {@code null} if the channel no longer knows it. */
    InetSocketAddress localAddress();

    /** Whether the connection runs over TLS. */
    boolean isSecure();

    /** The TLS session, or {@code null}. */
    SSLSession sslSession();
}

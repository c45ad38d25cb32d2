package io.wspy.server.conformance;

import io.wspy.frame.extension.ExtensionFactory;

import java.util.List;

/**
 * What an echo server under test is started with.
 *
 * @param maxMessageSize the largest message (and frame) it accepts
 * @param extensions     the extensions it supports
 * @param subprotocols   the subprotocols it supports, most preferred first
 */
public record EchoServerSpec(long maxMessageSize, List<ExtensionFactory> extensions, List<String> subprotocols) {
    /** The message limit of the standard spec: the largest messages the suite sends are this big. */
    public static final long STANDARD_MAX_MESSAGE_SIZE = 16L << 20;

    /** Copies the lists. */
    public EchoServerSpec {
        extensions = List.copyOf(extensions);
        subprotocols = List.copyOf(subprotocols);
    }

    /** 16 MiB messages, no extensions, subprotocols {@code chat.v2} and {@code chat.v1}. */
    public static EchoServerSpec standard() {
        return new EchoServerSpec(STANDARD_MAX_MESSAGE_SIZE, List.of(), List.of("chat.v2", "chat.v1"));
    }

    /** A copy with another message limit. */
    public EchoServerSpec withMaxMessageSize(long bytes) {
        return new EchoServerSpec(bytes, extensions, subprotocols);
    }

    /** A copy with these extensions. */
    public EchoServerSpec withExtensions(List<? extends ExtensionFactory> factories) {
        return new EchoServerSpec(maxMessageSize, List.copyOf(factories), subprotocols);
    }
}

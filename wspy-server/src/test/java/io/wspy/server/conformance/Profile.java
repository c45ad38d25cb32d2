package io.wspy.server.conformance;

import io.wspy.extensions.PerMessageDeflate;

import java.util.List;

/** How the echo server under test is configured for a case (the client under test has one configuration). */
enum Profile {
    /** No extensions, 16 MiB messages, subprotocols {@code chat.v2} and {@code chat.v1}. */
    STANDARD(EchoServerSpec.standard()),
    /** A 64 KiB message limit. */
    SMALL_LIMIT(EchoServerSpec.standard().withMaxMessageSize(64 * 1024)),
    /** permessage-deflate with context takeover unless the client asks otherwise (ratio mode). */
    DEFLATE(EchoServerSpec.standard().withExtensions(List.of(PerMessageDeflate.builder().build()))),
    /** permessage-deflate without context takeover in either direction (lean mode). */
    DEFLATE_LEAN(EchoServerSpec.standard().withExtensions(List.of(PerMessageDeflate.builder().lean().build())));

    private final EchoServerSpec spec;

    Profile(EchoServerSpec spec) {
        this.spec = spec;
    }

    EchoServerSpec spec() {
        return spec;
    }
}

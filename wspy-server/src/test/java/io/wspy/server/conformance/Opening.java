package io.wspy.server.conformance;

import java.util.List;

/**
 * How a case opens its connection. Testing a server, the fuzzing client offers the extensions
 * and subprotocols; testing the client, the fuzzing server answers with the extensions (the
 * client always offers permessage-deflate).
 *
 * @param deflate       the permessage-deflate offer (testing a server) or response (testing the
 *                      client), or {@code null}
 * @param rawExtensions a {@code Sec-WebSocket-Extensions} value sent instead, or {@code null};
 *                      testing a server, {@code deflate} is then what the server may accept of it
 * @param subprotocols  the subprotocols offered (testing a server)
 * @param variant       one deliberate deviation from the plain handshake
 */
record Opening(DeflateParams deflate, String rawExtensions, List<String> subprotocols, Variant variant) {
    /** One deliberate deviation: a mistake the peer must refuse, or an unusual form it must accept. */
    enum Variant {
        NONE,
        /** Accepted: header names in lower case, {@code Upgrade: WebSocket}, {@code Connection} as a token list. */
        ODD_HEADERS,
        /** Accepted: the request (or response) head written one byte at a time. */
        CHOPPED_HEAD,
        /** Client request: {@code Sec-WebSocket-Version: 8}. */
        WRONG_VERSION,
        /** Client request: no {@code Sec-WebSocket-Key}. */
        NO_KEY,
        /** Client request: a key that decodes to 12 bytes instead of 16. */
        SHORT_KEY,
        /** Client request: no {@code Host}. */
        NO_HOST,
        /** Client request: {@code POST} instead of {@code GET}. */
        POST,
        /** Client request: {@code HTTP/1.0}. */
        HTTP_1_0,
        /** Server response: a {@code Sec-WebSocket-Accept} for another key. */
        WRONG_ACCEPT,
        /** Server response: a subprotocol the client did not offer. */
        UNREQUESTED_SUBPROTOCOL,
        /** Server response: an extension the client did not offer. */
        UNREQUESTED_EXTENSION,
        /** Server response: {@code 200 OK} instead of {@code 101}. */
        NOT_SWITCHING
    }

    static final Opening PLAIN = new Opening(null, null, List.of(), Variant.NONE);

    Opening {
        subprotocols = List.copyOf(subprotocols);
    }

    static Opening deflate(DeflateParams params) {
        return new Opening(params, null, List.of(), Variant.NONE);
    }

    /** Sends this extension header as it is; a server may accept {@code acceptable} of it, or nothing if null. */
    static Opening rawExtensions(String header, DeflateParams acceptable) {
        return new Opening(acceptable, header, List.of(), Variant.NONE);
    }

    static Opening subprotocols(String... offered) {
        return new Opening(null, null, List.of(offered), Variant.NONE);
    }

    static Opening with(Variant variant) {
        return new Opening(null, null, List.of(), variant);
    }

    /** Whether the handshake is meant to succeed. */
    boolean upgrades() {
        return variant == Variant.NONE || variant == Variant.ODD_HEADERS || variant == Variant.CHOPPED_HEAD;
    }

    /** The {@code Sec-WebSocket-Extensions} value to send, or {@code null}. */
    String extensionsHeader() {
        return rawExtensions != null ? rawExtensions : deflate != null ? deflate.header() : null;
    }
}

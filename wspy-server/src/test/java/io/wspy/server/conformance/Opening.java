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
 * @param tamper        one deliberate mistake in the handshake
 */
record Opening(DeflateParams deflate, String rawExtensions, List<String> subprotocols, Tamper tamper) {
    /** One deliberate mistake in the handshake. */
    enum Tamper {
        NONE,
        /** Client request: {@code Sec-WebSocket-Version: 8}. */
        WRONG_VERSION,
        /** Client request: no {@code Sec-WebSocket-Key}. */
        NO_KEY,
        /** Server response: a {@code Sec-WebSocket-Accept} for another key. */
        WRONG_ACCEPT,
        /** Server response: a subprotocol the client did not offer. */
        UNREQUESTED_SUBPROTOCOL,
        /** Server response: an extension the client did not offer. */
        UNREQUESTED_EXTENSION,
        /** Server response: {@code 200 OK} instead of {@code 101}. */
        NOT_SWITCHING
    }

    static final Opening PLAIN = new Opening(null, null, List.of(), Tamper.NONE);

    Opening {
        subprotocols = List.copyOf(subprotocols);
    }

    static Opening deflate(DeflateParams params) {
        return new Opening(params, null, List.of(), Tamper.NONE);
    }

    /** Sends this extension header as it is; a server may accept {@code acceptable} of it, or nothing if null. */
    static Opening rawExtensions(String header, DeflateParams acceptable) {
        return new Opening(acceptable, header, List.of(), Tamper.NONE);
    }

    static Opening subprotocols(String... offered) {
        return new Opening(null, null, List.of(offered), Tamper.NONE);
    }

    static Opening tampered(Tamper tamper) {
        return new Opening(null, null, List.of(), tamper);
    }

    /** The {@code Sec-WebSocket-Extensions} value to send, or {@code null}. */
    String extensionsHeader() {
        return rawExtensions != null ? rawExtensions : deflate != null ? deflate.header() : null;
    }
}

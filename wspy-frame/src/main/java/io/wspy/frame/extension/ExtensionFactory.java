package io.wspy.frame.extension;

import java.util.List;

/**
 * A configured extension that negotiates and creates per-connection {@link Extension}s. One factory
 * serves every connection of a client or server, so implementations are immutable and thread-safe.
 */
public interface ExtensionFactory {
    /** The names this extension answers to; the first is the one a client offers. */
    List<String> names();

    /** The RSV bits its extensions set; used to detect conflicts between extensions. */
    int rsvBits();

    /** Reserved opcodes its extensions use, as a bit set; usually none. */
    default int opcodes() {
        return 0;
    }

    /** Client side: the offers to send, most preferred first. */
    List<ExtensionParameters> offers();

    /**
     * Client side: the server accepted one of the offers with {@code response}. Validates it against
     * what was offered and creates the extension.
     *
     * @throws ExtensionException if the response is not acceptable; the client then fails the
     *                            connection
     */
    Extension acceptResponse(ExtensionParameters response) throws ExtensionException;

    /**
     * Server side: decides on one offer from a client. Returns the extension, whose
     * {@link Extension#parameters()} are the response (possibly adjusted), or {@code null} to
     * decline, which is also the answer to an offer with invalid parameters.
     */
    Extension acceptOffer(ExtensionParameters offer);

    /** Whether {@code name} is one of {@link #names()}, case-insensitively. */
    default boolean answersTo(String name) {
        for (String n : names()) {
            if (n.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }
}

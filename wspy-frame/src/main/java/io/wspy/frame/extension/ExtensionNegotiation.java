package io.wspy.frame.extension;

import java.util.ArrayList;
import java.util.List;

/**
 * Extension negotiation for both ends of a handshake (RFC 6455 sections 4 and 9). Pure functions
 * over header values: the handshake code calls them, and tools can too.
 */
public final class ExtensionNegotiation {
    private ExtensionNegotiation() {
    }

    /**
     * Client side: the {@code Sec-WebSocket-Extensions} request value offering every factory's
     * offers in order, or {@code null} if there is nothing to offer.
     *
     * @throws IllegalArgumentException if two factories share a name
     */
    public static String offerHeader(List<? extends ExtensionFactory> factories) {
        checkDistinct(factories);
        List<ExtensionParameters> offers = new ArrayList<>();
        for (ExtensionFactory f : factories) {
            offers.addAll(f.offers());
        }
        return offers.isEmpty() ? null : ExtensionParameters.formatHeader(offers);
    }

    /**
     * Server side: goes through the client's offers in the client's order of preference and lets
     * the matching factory accept or decline each. A factory is used at most once (the client may
     * list alternatives for one extension) and an offer whose RSV bits or opcodes clash with an
     * extension already accepted is declined.
     *
     * @param requestHeader the request's value, or {@code null} if the client offered nothing
     * @throws ExtensionException if the header is malformed (the server answers 400)
     */
    public static ExtensionChain negotiate(List<? extends ExtensionFactory> factories, String requestHeader)
            throws ExtensionException {
        checkDistinct(factories);
        if (requestHeader == null || factories.isEmpty()) {
            return ExtensionChain.empty();
        }
        List<Extension> accepted = new ArrayList<>();
        List<ExtensionFactory> used = new ArrayList<>();
        int rsv = 0;
        int opcodes = 0;
        try {
            for (ExtensionParameters offer : ExtensionParameters.parseHeader(requestHeader)) {
                ExtensionFactory factory = find(factories, offer.name());
                if (factory == null || used.contains(factory)
                        || (factory.rsvBits() & rsv) != 0 || (factory.opcodes() & opcodes) != 0) {
                    continue;
                }
                Extension extension = factory.acceptOffer(offer);
                if (extension != null) {
                    accepted.add(extension);
                    used.add(factory);
                    rsv |= extension.rsvBits();
                    opcodes |= extension.opcodes();
                }
            }
            return new ExtensionChain(accepted);
        } catch (ExtensionException | RuntimeException e) {
            accepted.forEach(Extension::close);
            throw e;
        }
    }

    /**
     * Client side: checks the server's response against the factories that made the offers and
     * creates the chain. Every element must name an offered extension, at most once, without RSV
     * bit or opcode conflicts, with parameters its factory accepts.
     *
     * @param responseHeader the response's value, or {@code null} if the server accepted nothing
     * @throws ExtensionException if the response is not acceptable (the client fails the connection)
     */
    public static ExtensionChain acceptResponse(List<? extends ExtensionFactory> factories, String responseHeader)
            throws ExtensionException {
        checkDistinct(factories);
        if (responseHeader == null) {
            return ExtensionChain.empty();
        }
        List<Extension> accepted = new ArrayList<>();
        List<ExtensionFactory> used = new ArrayList<>();
        try {
            for (ExtensionParameters element : ExtensionParameters.parseHeader(responseHeader)) {
                ExtensionFactory factory = find(factories, element.name());
                if (factory == null || !offered(factory, element.name())) {
                    throw new ExtensionException("server accepted an extension that was not offered: "
                            + element.name());
                }
                if (used.contains(factory)) {
                    throw new ExtensionException("server accepted an extension twice: " + element.name());
                }
                used.add(factory);
                accepted.add(factory.acceptResponse(element));
            }
            try {
                return new ExtensionChain(accepted);
            } catch (IllegalArgumentException conflict) {
                throw new ExtensionException("server accepted conflicting extensions: " + conflict.getMessage());
            }
        } catch (ExtensionException | RuntimeException e) {
            accepted.forEach(Extension::close);
            throw e;
        }
    }

    private static ExtensionFactory find(List<? extends ExtensionFactory> factories, String name) {
        for (ExtensionFactory f : factories) {
            if (f.answersTo(name)) {
                return f;
            }
        }
        return null;
    }

    /** Whether {@code factory} offered an extension under {@code name} (not just under an alias). */
    private static boolean offered(ExtensionFactory factory, String name) {
        for (ExtensionParameters offer : factory.offers()) {
            if (offer.is(name)) {
                return true;
            }
        }
        return false;
    }

    private static void checkDistinct(List<? extends ExtensionFactory> factories) {
        for (int i = 0; i < factories.size(); i++) {
            for (int j = i + 1; j < factories.size(); j++) {
                for (String name : factories.get(i).names()) {
                    if (factories.get(j).answersTo(name)) {
                        throw new IllegalArgumentException("two extension factories answer to " + name);
                    }
                }
            }
        }
    }
}

package io.wspy.frame.extension;

import java.util.ArrayList;
import java.util.List;

/**
 * A configurable factory for the negotiation tests. A server-side offer with a {@code decline}
 * parameter is declined; a client-side response with a {@code bad} parameter is refused; an offer
 * or response with a {@code boom} parameter throws an unexpected exception. Everything it creates
 * is remembered, so that tests can check it was closed.
 */
final class FakeFactory implements ExtensionFactory {
    final List<FakeExtension> created = new ArrayList<>();
    private final List<String> names;
    private final int rsvBits;
    private final int opcodes;
    private final List<ExtensionParameters> offers;

    FakeFactory(List<String> names, int rsvBits, int opcodes, List<ExtensionParameters> offers) {
        this.names = names;
        this.rsvBits = rsvBits;
        this.opcodes = opcodes;
        this.offers = offers;
    }

    /** A factory for {@code name} that offers it without parameters. */
    static FakeFactory of(String name, int rsvBits) {
        return new FakeFactory(List.of(name), rsvBits, 0, List.of(ExtensionParameters.of(name)));
    }

    @Override
    public List<String> names() {
        return names;
    }

    @Override
    public int rsvBits() {
        return rsvBits;
    }

    @Override
    public int opcodes() {
        return opcodes;
    }

    @Override
    public List<ExtensionParameters> offers() {
        return offers;
    }

    @Override
    public Extension acceptResponse(ExtensionParameters response) throws ExtensionException {
        if (response.has("boom")) {
            throw new IllegalStateException("boom");
        }
        if (response.has("bad")) {
            throw new ExtensionException("bad parameter in " + response);
        }
        return create(response);
    }

    @Override
    public Extension acceptOffer(ExtensionParameters offer) {
        if (offer.has("boom")) {
            throw new IllegalStateException("boom");
        }
        return offer.has("decline") ? null : create(offer);
    }

    private FakeExtension create(ExtensionParameters parameters) {
        FakeExtension extension = new FakeExtension(parameters, rsvBits, opcodes, true, new ArrayList<>());
        created.add(extension);
        return extension;
    }
}

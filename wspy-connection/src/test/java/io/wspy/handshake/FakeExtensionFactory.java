package io.wspy.handshake;

import io.wspy.frame.Frame;
import io.wspy.frame.FrameHeader;
import io.wspy.frame.extension.Extension;
import io.wspy.frame.extension.ExtensionException;
import io.wspy.frame.extension.ExtensionFactory;
import io.wspy.frame.extension.ExtensionParameters;

import java.util.ArrayList;
import java.util.List;

/**
 * A minimal extension for negotiation tests: {@code x-test} with an optional {@code level}
 * parameter (a digit). Offers {@code level=<offered>}; the server accepts any level up to its
 * maximum and answers with it; the client accepts only the level it offered.
 */
final class FakeExtensionFactory implements ExtensionFactory {
    final List<FakeExtension> created = new ArrayList<>();
    private final String name;
    private final int rsv;
    private final int level;

    FakeExtensionFactory(String name, int rsv, int level) {
        this.name = name;
        this.rsv = rsv;
        this.level = level;
    }

    FakeExtensionFactory() {
        this("x-test", FrameHeader.RSV1, 1);
    }

    @Override
    public List<String> names() {
        return List.of(name);
    }

    @Override
    public int rsvBits() {
        return rsv;
    }

    @Override
    public List<ExtensionParameters> offers() {
        return List.of(ExtensionParameters.of(name).with("level", Integer.toString(level)));
    }

    @Override
    public Extension acceptResponse(ExtensionParameters response) throws ExtensionException {
        if (!Integer.toString(level).equals(response.value("level"))) {
            throw new ExtensionException("unexpected level in " + response);
        }
        return create(response);
    }

    @Override
    public Extension acceptOffer(ExtensionParameters offer) {
        String value = offer.value("level");
        if (value == null || value.length() != 1 || !Character.isDigit(value.charAt(0))
                || value.charAt(0) - '0' > level) {
            return null;
        }
        return create(offer);
    }

    private Extension create(ExtensionParameters parameters) {
        FakeExtension e = new FakeExtension(parameters, rsv);
        created.add(e);
        return e;
    }

    static final class FakeExtension implements Extension {
        private final ExtensionParameters parameters;
        private final int rsv;
        boolean closed;

        FakeExtension(ExtensionParameters parameters, int rsv) {
            this.parameters = parameters;
            this.rsv = rsv;
        }

        @Override
        public ExtensionParameters parameters() {
            return parameters;
        }

        @Override
        public int rsvBits() {
            return rsv;
        }

        @Override
        public boolean perMessage() {
            return true;
        }

        @Override
        public Frame encode(Frame frame) {
            return frame;
        }

        @Override
        public Frame decode(Frame frame, long maxPayload) {
            return frame;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}

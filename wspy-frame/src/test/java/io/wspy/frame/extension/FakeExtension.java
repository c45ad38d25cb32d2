package io.wspy.frame.extension;

import io.wspy.frame.CloseCode;
import io.wspy.frame.Frame;
import io.wspy.frame.ProtocolException;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A tiny extension for the tests: encoding appends its tag byte to the payload, decoding removes
 * it again, and every call is written to a shared log so that tests can check the order.
 */
final class FakeExtension implements Extension {
    private final ExtensionParameters parameters;
    private final int rsvBits;
    private final int opcodes;
    private final boolean perMessage;
    private final List<String> log;
    private int closeCalls;

    FakeExtension(ExtensionParameters parameters, int rsvBits, int opcodes, boolean perMessage, List<String> log) {
        this.parameters = parameters;
        this.rsvBits = rsvBits;
        this.opcodes = opcodes;
        this.perMessage = perMessage;
        this.log = log;
    }

    /** A per-message extension without opcodes, logging to a list of its own. */
    static FakeExtension named(String name, int rsvBits) {
        return new FakeExtension(ExtensionParameters.of(name), rsvBits, 0, true, new ArrayList<>());
    }

    @Override
    public ExtensionParameters parameters() {
        return parameters;
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
    public boolean perMessage() {
        return perMessage;
    }

    @Override
    public Frame encode(Frame frame) {
        log.add(parameters.name() + ".encode");
        ByteBuffer tagged = ByteBuffer.allocate(frame.length() + 1).put(frame.payload()).put(tag());
        return frame.withPayload(tagged.flip()).withRsv(frame.rsv() | rsvBits);
    }

    @Override
    public Frame decode(Frame frame, long maxPayload) throws ProtocolException {
        log.add(parameters.name() + ".decode(" + maxPayload + ")");
        ByteBuffer payload = frame.payload();
        if (payload.get(payload.limit() - 1) != tag()) {
            throw new ProtocolException(CloseCode.INVALID_PAYLOAD, "missing tag of " + parameters.name());
        }
        return frame.withPayload(payload.limit(payload.limit() - 1)).withRsv(frame.rsv() & ~rsvBits);
    }

    @Override
    public void close() {
        closeCalls++;
    }

    boolean isClosed() {
        return closeCalls > 0;
    }

    private byte tag() {
        return (byte) parameters.name().charAt(0);
    }
}

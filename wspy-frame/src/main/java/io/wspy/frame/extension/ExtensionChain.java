package io.wspy.frame.extension;

import io.wspy.frame.Frame;
import io.wspy.frame.ProtocolException;
import io.wspy.frame.WebSocketException;

import java.util.ArrayList;
import java.util.List;

/**
 * The extensions negotiated for one connection, in the order of the handshake response. Outgoing
 * frames pass through them in that order, incoming frames in the reverse order (RFC 6455 section
 * 9.1). Owned by the connection, which {@linkplain #close() closes} it when the connection ends.
 */
public final class ExtensionChain implements AutoCloseable {
    private static final ExtensionChain EMPTY = new ExtensionChain(List.of());

    private final List<Extension> extensions;
    private final int rsvBits;
    private final int opcodes;
    private final int perMessageRsvBits;

    /**
     * A chain of these extensions, in order.
     *
     * @throws IllegalArgumentException if two extensions share a name, an RSV bit or an opcode
     */
    public ExtensionChain(List<Extension> extensions) {
        this.extensions = List.copyOf(extensions);
        int rsv = 0;
        int ops = 0;
        int perMessage = 0;
        List<String> names = new ArrayList<>();
        for (Extension e : this.extensions) {
            String name = e.parameters().name();
            if (names.stream().anyMatch(name::equalsIgnoreCase)) {
                throw new IllegalArgumentException("extension negotiated twice: " + name);
            }
            names.add(name);
            if ((rsv & e.rsvBits()) != 0) {
                throw new IllegalArgumentException("RSV bits claimed twice, by " + name);
            }
            if ((ops & e.opcodes()) != 0) {
                throw new IllegalArgumentException("opcodes claimed twice, by " + name);
            }
            rsv |= e.rsvBits();
            ops |= e.opcodes();
            if (e.perMessage()) {
                perMessage |= e.rsvBits();
            }
        }
        this.rsvBits = rsv;
        this.opcodes = ops;
        this.perMessageRsvBits = perMessage;
    }

    /** The chain with no extensions. */
    public static ExtensionChain empty() {
        return EMPTY;
    }

    /** The extensions, in negotiated order. */
    public List<Extension> extensions() {
        return extensions;
    }

    /** Whether nothing was negotiated. */
    public boolean isEmpty() {
        return extensions.isEmpty();
    }

    /** All RSV bits the chain's extensions claim. */
    public int rsvBits() {
        return rsvBits;
    }

    /**
     * RSV bits claimed by per-message extensions: they may only appear on the first frame of a
     * message, never on a continuation frame.
     */
    public int perMessageRsvBits() {
        return perMessageRsvBits;
    }

    /** All reserved opcodes the chain's extensions claim, as a bit set. */
    public int opcodes() {
        return opcodes;
    }

    /** Passes an outgoing data frame through every extension, in order. */
    public Frame encode(Frame frame) throws WebSocketException {
        for (int i = 0; i < extensions.size(); i++) {
            frame = extensions.get(i).encode(frame);
        }
        return frame;
    }

    /** Passes an incoming data frame through every extension, in reverse order. */
    public Frame decode(Frame frame, long maxPayload) throws ProtocolException {
        for (int i = extensions.size() - 1; i >= 0; i--) {
            frame = extensions.get(i).decode(frame, maxPayload);
        }
        return frame;
    }

    /** The {@code Sec-WebSocket-Extensions} response value, or {@code null} if the chain is empty. */
    public String responseHeader() {
        if (extensions.isEmpty()) {
            return null;
        }
        List<ExtensionParameters> elements = new ArrayList<>(extensions.size());
        for (Extension e : extensions) {
            elements.add(e.parameters());
        }
        return ExtensionParameters.formatHeader(elements);
    }

    /** Closes every extension. */
    @Override
    public void close() {
        for (Extension e : extensions) {
            e.close();
        }
    }

    @Override
    public String toString() {
        return extensions.isEmpty() ? "no extensions" : responseHeader();
    }
}

package io.wspy.extensions;

import io.wspy.frame.Frame;
import io.wspy.frame.Opcode;
import io.wspy.frame.WebSocketException;
import io.wspy.frame.extension.ExtensionChain;
import io.wspy.frame.extension.ExtensionFactory;
import io.wspy.frame.extension.ExtensionNegotiation;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A client and a server chain negotiated as a handshake would, and a way to pass messages through
 * them: the sender's {@code encode}, then the receiver's {@code decode}, frame by frame.
 */
record Link(ExtensionChain client, ExtensionChain server) implements AutoCloseable {

    static Link negotiate(List<? extends ExtensionFactory> clientFactories,
                          List<? extends ExtensionFactory> serverFactories) throws WebSocketException {
        String offer = ExtensionNegotiation.offerHeader(clientFactories);
        ExtensionChain server = ExtensionNegotiation.negotiate(serverFactories, offer);
        ExtensionChain client = ExtensionNegotiation.acceptResponse(clientFactories, server.responseHeader());
        return new Link(client, server);
    }

    static Link negotiate(ExtensionFactory clientFactory, ExtensionFactory serverFactory) throws WebSocketException {
        return negotiate(List.of(clientFactory), List.of(serverFactory));
    }

    /** What one message looked like on the wire and what the receiver got. */
    record Transfer(List<Frame> wire, byte[] received) {
        Frame first() {
            return wire.get(0);
        }
    }

    Transfer clientToServer(byte[]... fragments) throws WebSocketException {
        return transfer(client, server, Opcode.BINARY, fragments);
    }

    Transfer serverToClient(byte[]... fragments) throws WebSocketException {
        return transfer(server, client, Opcode.BINARY, fragments);
    }

    /**
     * Sends one message made of {@code fragments} (one frame each) from one chain to the other.
     * Wire frames are copied, since the extensions reuse their buffers.
     */
    static Transfer transfer(ExtensionChain from, ExtensionChain to, int opcode, byte[]... fragments)
            throws WebSocketException {
        List<Frame> wire = new ArrayList<>();
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        for (int i = 0; i < fragments.length; i++) {
            boolean last = i == fragments.length - 1;
            Frame frame = new Frame(last, 0, i == 0 ? opcode : Opcode.CONTINUATION, ByteBuffer.wrap(fragments[i]));
            Frame encoded = from.encode(frame);
            wire.add(copy(encoded));
            Frame decoded = to.decode(encoded, Long.MAX_VALUE);
            if (decoded.rsv() != 0 || decoded.opcode() != frame.opcode() || decoded.fin() != last) {
                throw new AssertionError("decoded header differs: " + decoded + " for " + frame);
            }
            received.writeBytes(decoded.payloadBytes());
        }
        return new Transfer(wire, received.toByteArray());
    }

    static Frame copy(Frame frame) {
        return new Frame(frame.fin(), frame.rsv(), frame.opcode(), ByteBuffer.wrap(frame.payloadBytes()));
    }

    @Override
    public void close() {
        client.close();
        server.close();
    }
}

package io.wspy.protocol;

import io.wspy.frame.FrameReader;
import io.wspy.frame.Frame;
import io.wspy.frame.ProtocolException;
import io.wspy.frame.Role;
import io.wspy.frame.extension.ExtensionChain;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** One protocol with its memory transport and recording listener. */
final class Endpoint {
    final MemoryTransport transport = new MemoryTransport();
    final RecordingListener events = new RecordingListener();
    final WebSocketProtocol protocol;

    Endpoint(Role role, ProtocolConfig config, ExtensionChain extensions) {
        protocol = new WebSocketProtocol(role, config, extensions, transport, events);
    }

    Endpoint(Role role, ProtocolConfig config) {
        this(role, config, ExtensionChain.empty());
    }

    Endpoint(Role role) {
        this(role, ProtocolConfig.defaults());
    }

    /** Moves everything this endpoint wrote into {@code peer}. */
    void deliverTo(Endpoint peer) {
        peer.protocol.receive(transport.take());
    }

    /** Decodes what this endpoint wrote as frames, as its peer would see them. */
    List<Frame> writtenFrames() throws ProtocolException {
        FrameReader reader = new FrameReader(protocol.role().peer());
        reader.feed(transport.take());
        List<Frame> frames = new ArrayList<>();
        for (Frame f = reader.poll(); f != null; f = reader.poll()) {
            frames.add(f);
        }
        return frames;
    }

    void receive(byte[] bytes) {
        protocol.receive(ByteBuffer.wrap(bytes.clone()));
    }
}

package io.wspy.frame;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Random frames encoded by one end and decoded by the other come back as they were sent. */
class FrameRoundTripTest {
    @ParameterizedTest
    @EnumSource(Role.class)
    void framesEncodedByOneEndDecodeAtTheOther(Role sender) throws ProtocolException {
        RandomFrames random = new RandomFrames(42 + sender.ordinal());
        FrameEncoder encoder = new FrameEncoder(sender);
        FrameReader reader = reader(sender.peer());
        for (Frame frame : random.frames(300, 4)) {
            ByteBuffer wire = encoder.encode(frame);
            assertEquals(sender.masksOutgoing(), (wire.get(1) & 0x80) != 0, "mask bit of " + frame);
            reader.feed(wire);
            Frame decoded = reader.poll();
            assertEquals(sender.masksOutgoing(), decoded.isMasked());
            assertEquals(frame, decoded.withoutMask());
            if (decoded.isMasked()) {
                int keyAt = FrameEncoder.headerSize(frame.length(), true) - 4;
                assertEquals(wire.getInt(keyAt), decoded.maskingKey(), "the key on the wire");
            }
            assertNull(reader.poll());
        }
    }

    @Test
    void framesWithTheirOwnKeysComeBackExactly() throws ProtocolException {
        RandomFrames random = new RandomFrames(43);
        List<Frame> frames = random.masked(random.frames(200, 2));
        for (Role sender : Role.values()) {
            // A server sending masked frames is what a tool does to test a client's strictness; the
            // server-side reader here accepts what a client would send.
            FrameEncoder encoder = new FrameEncoder(sender);
            FrameReader reader = reader(Role.SERVER);
            for (Frame frame : frames) {
                reader.feed(encoder.encode(frame));
                assertEquals(frame, reader.poll());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void allocationFreePathRoundTrips(Role sender) throws ProtocolException {
        RandomFrames random = new RandomFrames(44 + sender.ordinal());
        FrameEncoder encoder = new FrameEncoder(sender);
        ByteBuffer wire = ByteBuffer.allocateDirect(1 << 20);
        List<Frame> frames = random.frames(100, 2);
        for (Frame frame : frames) {
            encoder.encode(frame.fin(), frame.rsv(), frame.opcode(), frame.payload(), wire);
        }
        FrameReader reader = reader(sender.peer());
        reader.feed(wire.flip());
        List<Frame> decoded = new ArrayList<>();
        for (Frame f = reader.poll(); f != null; f = reader.poll()) {
            assertEquals(sender.masksOutgoing(), f.isMasked());
            decoded.add(f.withoutMask());
        }
        assertEquals(frames, decoded);
    }

    @Test
    void clientKeysDifferFromFrameToFrame() throws ProtocolException {
        FrameEncoder encoder = new FrameEncoder(Role.CLIENT);
        FrameReader reader = reader(Role.SERVER);
        java.util.Set<Integer> keys = new java.util.HashSet<>();
        for (int i = 0; i < 200; i++) {
            reader.feed(encoder.encode(Frame.binary(new byte[] {(byte) i})));
            Frame decoded = reader.poll();
            assertTrue(decoded.isMasked());
            keys.add(decoded.maskingKey());
        }
        assertTrue(keys.size() >= 199, "distinct keys: " + keys.size());
        assertFalse(keys.isEmpty());
    }

    private static FrameReader reader(Role role) {
        return new FrameReader(DecoderConfig.of(role).withAllowedRsv(0b111));
    }
}

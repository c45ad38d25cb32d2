package io.wspy.extensions;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.wspy.frame.CloseCode;
import io.wspy.frame.Frame;
import io.wspy.frame.FrameHeader;
import io.wspy.frame.Opcode;
import io.wspy.frame.ProtocolException;
import io.wspy.frame.WebSocketException;
import io.wspy.frame.extension.ExtensionChain;
import io.wspy.frame.extension.ExtensionFactory;

import io.wspy.testing.FuzzInput;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Coverage-guided fuzzing of inflation in permessage-deflate and deflate-frame: a server-side
 * extension decodes fuzzed frames with a payload limit. Input: a settings byte (extension, context
 * takeover, round trip, limit), then frames, each a flags byte (FIN, RSV1, opcode), a two-byte
 * length and the payload.
 *
 * <p>Properties: decoding fails only with a {@link ProtocolException} carrying 1002, 1007 or 1009;
 * no result exceeds the limit; memory stays within a small multiple of the limit and the input,
 * however far the data would inflate (decompression bombs); in round-trip mode, what the client
 * side compresses comes back unchanged, or is refused with 1009 only when it exceeds the limit.
 */
class DeflateInflationFuzzTest {
    private static final long[] LIMITS = {0, 1, 16, 1000, 4096, 65_536, 1 << 20};
    private static final Set<Integer> CLOSE_CODES = Set.of(CloseCode.PROTOCOL_ERROR, CloseCode.INVALID_PAYLOAD,
            CloseCode.MESSAGE_TOO_BIG);

    @FuzzTest
    void decode(byte[] input) {
        FuzzInput in = new FuzzInput(input);
        int settings = in.nextByte();
        boolean deflateFrame = (settings & 1) != 0;
        boolean lean = (settings & 2) != 0;
        boolean roundTrip = (settings & 4) != 0;
        long limit = LIMITS[(settings >>> 3) % LIMITS.length];
        ExtensionFactory client = deflateFrame ? DeflateFrame.builder().noContextTakeover(lean).build()
                : lean ? PerMessageDeflate.builder().lean().build() : PerMessageDeflate.builder().build();
        ExtensionFactory server = deflateFrame ? DeflateFrame.builder().build() : PerMessageDeflate.builder().build();

        byte[] frames = in.rest();
        long allocated = FuzzInput.allocationOf(() -> exchange(client, server, frames, roundTrip, deflateFrame, limit));
        assertTrue(allocated < FuzzInput.FIXED_ALLOCATION + 8 * limit + 64L * frames.length,
                allocated + " bytes allocated for " + frames.length + " bytes of frames, limit " + limit);
    }

    /** Decodes the frames (compressed by the client first in round-trip mode), checking each result. */
    private static void exchange(ExtensionFactory client, ExtensionFactory server, byte[] frames, boolean roundTrip,
                                 boolean deflateFrame, long limit) {
        try (Link link = Link.negotiate(client, server)) {
            ByteArrayOutputStream sentMessage = new ByteArrayOutputStream();
            ByteArrayOutputStream receivedMessage = new ByteArrayOutputStream();
            boolean inMessage = false;
            for (int at = 0; at + 3 <= frames.length; ) {
                int flags = frames[at] & 0xFF;
                int length = Math.min(((frames[at + 1] & 0xFF) << 8) | (frames[at + 2] & 0xFF), frames.length - at - 3);
                byte[] payload = Arrays.copyOfRange(frames, at + 3, at + 3 + length);
                at += 3 + length;
                boolean fin = (flags & 1) != 0;
                Frame frame;
                if (roundTrip) {
                    Frame plain = new Frame(fin, 0, inMessage ? Opcode.CONTINUATION : Opcode.BINARY, ByteBuffer.wrap(payload));
                    frame = copy(link.client().encode(plain));
                    sentMessage.writeBytes(payload);
                } else {
                    int opcode = (flags >>> 2) % 3;
                    frame = new Frame(fin, (flags & 2) != 0 ? FrameHeader.RSV1 : 0, opcode, ByteBuffer.wrap(payload));
                }
                inMessage = !fin;
                byte[] decoded;
                try {
                    decoded = payloadOf(link.server().decode(frame, limit));
                } catch (ProtocolException e) {
                    assertTrue(CLOSE_CODES.contains(e.closeCode()), "close code " + e.closeCode() + ": " + e.getMessage());
                    assertTrue(!roundTrip || e.closeCode() == CloseCode.MESSAGE_TOO_BIG && payload.length > limit,
                            "a " + payload.length + "-byte frame the client compressed was refused: " + e);
                    break;
                }
                assertTrue(decoded.length <= limit, decoded.length + " bytes decoded past the limit of " + limit);
                if (roundTrip) {
                    receivedMessage.writeBytes(decoded);
                    if (fin && !deflateFrame) {
                        assertArrayEquals(sentMessage.toByteArray(), receivedMessage.toByteArray(), "round trip");
                        sentMessage.reset();
                        receivedMessage.reset();
                    } else if (deflateFrame) {
                        assertArrayEquals(payload, decoded, "round trip of a frame");
                        sentMessage.reset();
                        receivedMessage.reset();
                    }
                }
            }
        } catch (WebSocketException e) {
            throw new AssertionError("negotiation or compression failed", e);
        }
    }

    private static Frame copy(Frame frame) {
        return new Frame(frame.fin(), frame.rsv(), frame.opcode(), ByteBuffer.wrap(payloadOf(frame)));
    }

    private static byte[] payloadOf(Frame frame) {
        ByteBuffer payload = frame.payload().duplicate();
        byte[] bytes = new byte[payload.remaining()];
        payload.get(bytes);
        return bytes;
    }
}

package io.wspy.frame;

import com.code_intelligence.jazzer.junit.FuzzTest;

import io.wspy.testing.FuzzInput;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Coverage-guided fuzzing of {@link FrameDecoder} with a random {@link DecoderConfig}, fed in random
 * chunks. Input: a settings byte for the role and RSV bits, one for extension opcodes, one for the
 * payload limit, one for the chunking, then the byte stream.
 *
 * <p>Properties: the only failure is a {@link ProtocolException} with 1002 or 1009; every frame
 * reported obeys RFC 6455 and the configuration; re-encoding what was reported gives back exactly the
 * bytes consumed (nothing misread, nothing skipped); chunking changes nothing; memory stays within a
 * small multiple of the input, whatever the length fields claim.
 */
class FrameDecoderFuzzTest {
    private static final long[] LIMITS = {0, 1, 125, 126, 127, 65_535, 65_536, 1 << 20, 16 << 20, Long.MAX_VALUE};
    private static final int[] RESERVED_OPCODES = {3, 4, 5, 6, 7, 0xB, 0xC, 0xD, 0xE, 0xF};

    @FuzzTest
    void decode(byte[] input) {
        FuzzInput in = new FuzzInput(input);
        int roleAndRsv = in.nextByte();
        int opcodeBits = in.nextByte();
        int limit = in.nextByte();
        int chunking = in.nextByte();
        int extensionOpcodes = 0;
        for (int i = 0; i < RESERVED_OPCODES.length && i < 8; i++) {
            if ((opcodeBits & (1 << i)) != 0) {
                extensionOpcodes |= 1 << RESERVED_OPCODES[(i + opcodeBits / 64) % RESERVED_OPCODES.length];
            }
        }
        DecoderConfig config = new DecoderConfig((roleAndRsv & 1) == 0 ? Role.SERVER : Role.CLIENT,
                LIMITS[limit % LIMITS.length], (roleAndRsv >>> 1) & 0b111, extensionOpcodes);
        byte[] stream = in.rest();

        Run whole = run(config, stream, FuzzInput.chunks(stream.length, 0));
        Run split = run(config, stream, FuzzInput.chunks(stream.length, chunking));

        assertEquals(whole.error, split.error, "chunking changed the verdict");
        assertArrayEquals(whole.reencoded.toByteArray(), split.reencoded.toByteArray(), "chunking changed the frames");
        byte[] consumed = whole.reencoded.toByteArray();
        assertArrayEquals(Arrays.copyOf(stream, consumed.length), consumed, "the frames reported are not the bytes read");
        if (whole.error == null) {
            // Only a header still arriving may be left unreported.
            assertTrue(stream.length - consumed.length < FrameEncoder.MAX_HEADER_SIZE,
                    (stream.length - consumed.length) + " bytes neither reported nor refused");
        }
        long allocated = FuzzInput.allocationOf(() -> run(config, stream, FuzzInput.chunks(stream.length, chunking)));
        assertTrue(allocated < FuzzInput.FIXED_ALLOCATION + 16L * stream.length,
                allocated + " bytes allocated for a " + stream.length + "-byte stream");
    }

    /** Decodes {@code stream} in chunks of the given sizes, checking every event as it comes. */
    private static Run run(DecoderConfig config, byte[] stream, int[] chunks) {
        byte[] copy = stream.clone(); // unmasked in place
        FrameDecoder decoder = new FrameDecoder(config);
        Run run = new Run(config);
        int at = 0;
        try {
            for (int size : chunks) {
                decoder.decode(ByteBuffer.wrap(copy, at, size), run);
                at += size;
            }
            assertEquals(!run.inFrame && run.reencoded.size() == stream.length, decoder.isAtFrameBoundary(),
                    "frame boundary misreported");
        } catch (ProtocolException e) {
            int code = e.closeCode();
            if (code != CloseCode.PROTOCOL_ERROR && code != CloseCode.MESSAGE_TOO_BIG) {
                fail("unexpected close code " + code, e);
            }
            run.error = code + " " + e.getMessage();
            try {
                decoder.decode(ByteBuffer.wrap(new byte[] {0}), run);
                fail("a failed decoder accepted more input");
            } catch (ProtocolException again) {
                assertEquals(e, again, "a failed decoder must keep its failure");
            }
        }
        return run;
    }

    /** Records the frames as they are reported, re-encoded as they must have been on the wire. */
    private static final class Run implements FrameListener {
        final DecoderConfig config;
        final ByteArrayOutputStream reencoded = new ByteArrayOutputStream();
        String error;
        boolean inFrame;
        private long remaining;
        private int maskingKey;
        private boolean masked;
        private long phase;
        private final ByteBuffer header = ByteBuffer.allocate(FrameEncoder.MAX_HEADER_SIZE);

        Run(DecoderConfig config) {
            this.config = config;
        }

        @Override
        public void onFrameStart(FrameHeader h) {
            assertTrue(!inFrame, "a frame started inside another");
            int opcode = h.opcode();
            boolean defined = Opcode.isDefined(opcode);
            // Messages are built lazily: the allocation check measures this listener too.
            assertTrue(defined || (config.extensionOpcodes() & (1 << opcode)) != 0, () -> "reserved opcode " + opcode);
            if (Opcode.isControl(opcode)) {
                assertTrue(h.fin() && h.rsv() == 0 && h.payloadLength() <= Frame.MAX_CONTROL_PAYLOAD,
                        () -> "bad control frame " + h);
            } else {
                assertTrue((h.rsv() & ~config.allowedRsv()) == 0, () -> "RSV bits not allowed: " + h);
            }
            assertTrue(config.role().expectsMaskedIncoming() == h.isMasked(), () -> "masking by role: " + h);
            assertTrue(h.payloadLength() >= 0 && h.payloadLength() <= config.maxPayload(),
                    () -> "payload over the limit: " + h);
            header.clear();
            FrameEncoder.writeHeader(header, h.fin(), h.rsv(), opcode, h.payloadLength(), h.isMasked(), h.maskingKey());
            reencoded.write(header.array(), 0, header.position());
            inFrame = true;
            remaining = h.payloadLength();
            masked = h.isMasked();
            maskingKey = h.maskingKey();
            phase = 0;
        }

        @Override
        public void onFramePayload(ByteBuffer payload) {
            int n = payload.remaining();
            assertTrue(inFrame && n > 0 && n <= remaining, () -> "payload of " + n + " bytes with " + remaining + " expected");
            remaining -= n;
            while (payload.hasRemaining()) {
                int b = payload.get();
                if (masked) {
                    b ^= maskingKey >>> (24 - 8 * (int) (phase++ & 3));
                }
                reencoded.write(b);
            }
        }

        @Override
        public void onFrameEnd() {
            assertTrue(inFrame && remaining == 0, "a frame ended early or did not start");
            inFrame = false;
        }
    }
}

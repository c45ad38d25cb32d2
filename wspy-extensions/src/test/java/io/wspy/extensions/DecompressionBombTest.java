package io.wspy.extensions;

import io.wspy.extensions.internal.DeflateExtensionAccess;
import io.wspy.frame.CloseCode;
import io.wspy.frame.Frame;
import io.wspy.frame.FrameHeader;
import io.wspy.frame.Opcode;
import io.wspy.frame.ProtocolException;
import io.wspy.frame.extension.Extension;
import io.wspy.frame.extension.ExtensionFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A 4 MiB frame that inflates to 4 GiB of zeros is stopped at the limit: the receiver throws
 * 1009 after producing one byte more than it allows, holding no more than that in memory.
 */
class DecompressionBombTest {
    private static final long CLAIMED = 4L << 30;
    private static final int LIMIT = 1 << 20;
    private static byte[] bomb;

    /**
     * 64 MiB of zeros, sync-flushed, is a piece of DEFLATE stream that refers only to itself;
     * 64 copies in a row inflate to 4 GiB.
     */
    @BeforeAll
    static void buildBomb() {
        int piece = 64 << 20;
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        deflater.setInput(new byte[piece]);
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        byte[] buffer = new byte[1 << 16];
        int n;
        do {
            n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
            compressed.write(buffer, 0, n);
        } while (n == buffer.length || !deflater.needsInput());
        deflater.end();
        byte[] one = compressed.toByteArray();
        int copies = (int) (CLAIMED / piece);
        bomb = new byte[one.length * copies - 4];
        for (int i = 0; i < copies; i++) {
            System.arraycopy(one, 0, bomb, i * one.length, Math.min(one.length, bomb.length - i * one.length));
        }
    }

    @Test
    void theBombIsSmallAndReallyInflatesToGigabytes() throws Exception {
        assertTrue(bomb.length < 5 << 20, "frame of " + bomb.length + " bytes");
        // Count what the bomb inflates to, a few pieces only, to show the ratio is real.
        Inflater inflater = new Inflater(true);
        inflater.setInput(Arrays.copyOf(bomb, bomb.length / 16));
        byte[] sink = new byte[1 << 20];
        long total = 0;
        int n;
        while ((n = inflater.inflate(sink)) > 0) {
            total += n;
        }
        inflater.end();
        assertTrue(total >= CLAIMED / 16 - (64 << 20), "a sixteenth inflates to " + total);
    }

    private static void assertStopped(ExtensionFactory client, ExtensionFactory server, int rsv) throws Exception {
        try (Link link = Link.negotiate(client, server)) {
            Extension receiver = link.server().extensions().get(0);
            Frame frame = new Frame(true, rsv, Opcode.BINARY, ByteBuffer.wrap(bomb));
            ProtocolException e = assertThrows(ProtocolException.class, () -> link.server().decode(frame, LIMIT));
            assertEquals(CloseCode.MESSAGE_TOO_BIG, e.closeCode());
            var held = DeflateExtensionAccess.receivingStream(receiver);
            if (held != null) {
                // The message's buffer only grows, so the one it stopped in is its largest.
                var buffers = DeflateExtensionAccess.buffers(held);
                assertTrue(buffers.current() <= LIMIT + 1, "buffer of " + buffers.current() + " bytes");
            }
        }
    }

    @Test
    void permessageDeflateWithContextTakeoverStopsAtTheLimit() throws Exception {
        assertStopped(PerMessageDeflate.builder().build(), PerMessageDeflate.builder().build(), FrameHeader.RSV1);
    }

    @Test
    void permessageDeflatePooledStopsAtTheLimitAndGivesTheStreamBack() throws Exception {
        PerMessageDeflate server = PerMessageDeflate.builder().lean().build();
        assertStopped(PerMessageDeflate.builder().build(), server, FrameHeader.RSV1);
        assertEquals(1, server.pool.idleDecompressors());
        try (Link link = Link.negotiate(PerMessageDeflate.builder().build(), server)) {
            Extension receiver = link.server().extensions().get(0);
            link.server().decode(new Frame(false, FrameHeader.RSV1, Opcode.BINARY, ByteBuffer.wrap(bomb, 0, 10)), LIMIT);
            var reused = DeflateExtensionAccess.receivingStream(receiver);
            var buffers = DeflateExtensionAccess.buffers(reused);
            assertTrue(buffers.current() <= LIMIT + 1, "the stream that met the bomb stays bounded");
            assertTrue(buffers.retained() <= 32 * 1024, "and keeps only a small buffer");
        }
    }

    @Test
    void deflateFrameStopsAtTheLimit() throws Exception {
        assertStopped(DeflateFrame.builder().build(), DeflateFrame.builder().build(), FrameHeader.RSV1);
    }

    @Test
    void theLimitHoldsAcrossTheFramesOfAMessageAsTheConnectionLowersIt() throws Exception {
        try (Link link = Link.negotiate(PerMessageDeflate.builder().build(), PerMessageDeflate.builder().build())) {
            int half = bomb.length / 2;
            Frame first = new Frame(false, FrameHeader.RSV1, Opcode.BINARY, ByteBuffer.wrap(bomb, 0, 100));
            long produced = link.server().decode(first, LIMIT).length();
            assertTrue(produced > 0 && produced <= LIMIT, "first frame: " + produced);
            Frame next = new Frame(true, 0, Opcode.CONTINUATION, ByteBuffer.wrap(bomb, 100, half));
            ProtocolException e = assertThrows(ProtocolException.class,
                    () -> link.server().decode(next, LIMIT - produced));
            assertEquals(CloseCode.MESSAGE_TOO_BIG, e.closeCode());
        }
    }
}

package io.wspy.extensions;

import io.wspy.extensions.internal.DeflateExtensionAccess;
import io.wspy.frame.Frame;
import io.wspy.frame.Opcode;
import io.wspy.frame.extension.Extension;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Where zlib state lives and when it is released: pooled per message without context takeover,
 * owned per connection and ended on close with it. Counted with a recording zlib source, not
 * observed through the garbage collector.
 */
class ZlibLifecycleTest {
    private static final byte[] TEXT = Bytes.text(1, 5000);

    private static PerMessageDeflate counted(CountingZlib zlib, PerMessageDeflate.Builder b) {
        return b.compressionThreshold(0).zlib(zlib).build();
    }

    private static Extension serverSide(Link link) {
        return link.server().extensions().get(0);
    }

    @Test
    void leanConnectionsTakeOneStreamFromThePoolPerMessageAndHoldNoneWhenIdle() throws Exception {
        CountingZlib zlib = new CountingZlib();
        PerMessageDeflate server = counted(zlib, PerMessageDeflate.builder().lean().poolSize(4));
        List<Link> links = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Link link = Link.negotiate(PerMessageDeflate.builder().compressionThreshold(0).build(), server);
            links.add(link);
            for (int m = 0; m < 3; m++) {
                assertArrayEquals(TEXT, link.serverToClient(TEXT).received());
                assertArrayEquals(TEXT, link.clientToServer(TEXT).received());
            }
            assertNull(DeflateExtensionAccess.sendingStream(serverSide(link)), "idle: no compressor held");
            assertNull(DeflateExtensionAccess.receivingStream(serverSide(link)), "idle: no decompressor held");
        }
        assertEquals(1, zlib.deflaters.size(), "one deflater served 30 messages on 10 connections");
        assertEquals(1, zlib.inflaters.size());
        assertEquals(1, server.pool.idleCompressors());
        assertEquals(1, server.pool.idleDecompressors());
        assertEquals(0, zlib.deflaters.get(0).getBytesRead(), "given back reset");
        assertEquals(0, zlib.inflaters.get(0).getBytesRead(), "given back reset");
        links.forEach(Link::close);
        assertEquals(2, zlib.live(), "closing idle lean connections changes nothing");
        server.releaseIdle();
        assertEquals(0, zlib.live());
        assertEquals(0, server.pool.idleCompressors());
    }

    @Test
    void aReturnedStreamCompressesLikeAFreshOne() throws Exception {
        CountingZlib zlib = new CountingZlib();
        PerMessageDeflate server = counted(zlib, PerMessageDeflate.builder().lean());
        PerMessageDeflate client = PerMessageDeflate.builder().build();
        try (Link a = Link.negotiate(client, server); Link b = Link.negotiate(client, server)) {
            byte[] first = a.serverToClient(Bytes.utf8("Hello")).first().payloadBytes();
            byte[] again = b.serverToClient(Bytes.utf8("Hello")).first().payloadBytes();
            assertArrayEquals(Bytes.hex("0xf2 0x48 0xcd 0xc9 0xc9 0x07 0x00"), first);
            assertArrayEquals(first, again);
            assertEquals(1, zlib.deflaters.size());
        }
    }

    @Test
    void messagesInFlightTogetherBorrowSeparateStreamsAndThePoolKeepsOnlyItsSize() throws Exception {
        CountingZlib zlib = new CountingZlib();
        PerMessageDeflate server = counted(zlib, PerMessageDeflate.builder().lean().poolSize(2));
        List<Link> links = new ArrayList<>();
        List<Frame> firstFrames = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Link link = Link.negotiate(PerMessageDeflate.builder().build(), server);
            links.add(link);
            firstFrames.add(Link.copy(link.server().encode(
                    new Frame(false, 0, Opcode.TEXT, ByteBuffer.wrap(Bytes.text(i, 1000))))));
            assertNotNull(DeflateExtensionAccess.sendingStream(serverSide(link)), "held mid-message");
        }
        assertEquals(3, zlib.deflaters.size());
        for (int i = 0; i < 3; i++) {
            Link link = links.get(i);
            Frame last = link.server().encode(new Frame(true, 0, Opcode.CONTINUATION,
                    ByteBuffer.wrap(Bytes.text(i + 10, 1000))));
            byte[] a = link.client().decode(firstFrames.get(i), Long.MAX_VALUE).payloadBytes();
            byte[] b = link.client().decode(last, Long.MAX_VALUE).payloadBytes();
            assertArrayEquals(Bytes.concat(Bytes.text(i, 1000), Bytes.text(i + 10, 1000)), Bytes.concat(a, b));
        }
        assertEquals(2, server.pool.idleCompressors(), "bounded by the pool size");
        assertEquals(1, zlib.endedDeflaters(), "the one that did not fit back was ended at once");
        assertEquals(0, server.streamsHeld(), "every borrowed stream given back");
        links.forEach(Link::close);
    }

    @Test
    void closingMidMessageGivesABorrowedStreamBack() throws Exception {
        CountingZlib zlib = new CountingZlib();
        PerMessageDeflate server = counted(zlib, PerMessageDeflate.builder().lean());
        Link link = Link.negotiate(PerMessageDeflate.builder().build(), server);
        link.server().encode(new Frame(false, 0, Opcode.TEXT, ByteBuffer.wrap(TEXT)));
        assertEquals(0, server.pool.idleCompressors());
        assertEquals(1, server.streamsHeld(), "borrowed mid-message");
        link.close();
        assertEquals(0, server.streamsHeld(), "given back");
        assertEquals(1, server.pool.idleCompressors());
        assertEquals(0, zlib.endedDeflaters());
        assertEquals(0, zlib.deflaters.get(0).getBytesRead(), "reset on the way back");
    }

    @Test
    void aFailedMessageGivesItsStreamBackToo() throws Exception {
        CountingZlib zlib = new CountingZlib();
        PerMessageDeflate server = counted(zlib, PerMessageDeflate.builder().lean());
        try (Link link = Link.negotiate(PerMessageDeflate.builder().build(), server)) {
            assertThrows(io.wspy.frame.ProtocolException.class, () -> link.server().decode(new Frame(true,
                    io.wspy.frame.FrameHeader.RSV1, Opcode.BINARY, ByteBuffer.wrap(Bytes.hex("0xff 0xff"))), 100));
            assertEquals(1, server.pool.idleDecompressors());
            assertNull(DeflateExtensionAccess.receivingStream(serverSide(link)));
        }
    }

    @Test
    void poolSizeZeroCreatesAndEndsPerMessage() throws Exception {
        CountingZlib zlib = new CountingZlib();
        PerMessageDeflate server = counted(zlib, PerMessageDeflate.builder().lean().poolSize(0));
        try (Link link = Link.negotiate(PerMessageDeflate.builder().build(), server)) {
            for (int i = 0; i < 3; i++) {
                assertArrayEquals(TEXT, link.serverToClient(TEXT).received());
            }
        }
        assertEquals(3, zlib.deflaters.size());
        assertEquals(3, zlib.endedDeflaters());
        assertEquals(0, zlib.live());
    }

    @Test
    void ratioConnectionsCreateTheirStreamsLazilyAndEndThemOnClose() throws Exception {
        CountingZlib zlib = new CountingZlib();
        PerMessageDeflate server = counted(zlib, PerMessageDeflate.builder().ratio());
        Link link = Link.negotiate(PerMessageDeflate.builder().build(), server);
        assertEquals(0, zlib.deflaters.size() + zlib.inflaters.size(), "nothing before the first message");
        link.serverToClient(TEXT);
        assertEquals(1, zlib.deflaters.size());
        assertEquals(0, zlib.inflaters.size());
        link.clientToServer(TEXT);
        link.serverToClient(TEXT);
        link.clientToServer(TEXT);
        assertEquals(1, zlib.deflaters.size(), "one per connection, kept between messages");
        assertEquals(1, zlib.inflaters.size());
        assertEquals(2, server.streamsHeld(), "the connection's own compressor and decompressor");
        Extension extension = serverSide(link);
        assertSame(DeflateExtensionAccess.sendingStream(extension), DeflateExtensionAccess.sendingStream(extension));

        link.close();
        assertEquals(1, zlib.endedDeflaters(), "ended by close, not left to the GC");
        assertEquals(1, zlib.endedInflaters());
        assertEquals(0, zlib.live());
        assertEquals(0, server.streamsHeld());
        assertEquals(0, server.pool.idleCompressors(), "own streams never go to the pool");
        link.close();
        assertEquals(1, zlib.endedDeflaters(), "close is idempotent");
        assertThrows(IllegalStateException.class, () -> extension.encode(Frame.binary(TEXT)));
        assertThrows(IllegalStateException.class, () -> extension.decode(new Frame(true,
                io.wspy.frame.FrameHeader.RSV1, Opcode.BINARY, ByteBuffer.wrap(Bytes.hex("0x00"))), 10));
    }

    @Test
    void anIdleRatioConnectionKeepsOnlySmallBuffersWhateverItsLastMessage() throws Exception {
        try (Link link = Link.negotiate(PerMessageDeflate.builder().build(), PerMessageDeflate.builder().build())) {
            byte[] large = Bytes.text(2, 1 << 20);
            Link.Transfer t = link.serverToClient(large);
            assertArrayEquals(large, t.received());
            var compressor = DeflateExtensionAccess.buffers(DeflateExtensionAccess.sendingStream(serverSide(link)));
            var decompressor = DeflateExtensionAccess.buffers(
                    DeflateExtensionAccess.receivingStream(link.client().extensions().get(0)));
            assertTrue(compressor.retained() <= 32 * 1024, "kept: " + compressor.retained());
            assertTrue(decompressor.retained() <= 32 * 1024, "kept: " + decompressor.retained());
            assertEquals(0, compressor.current(), "the message's large buffer is let go");
            assertEquals(0, decompressor.current(), "the message's large buffer is let go");
        }
    }

    @Test
    void closingARatioConnectionThatNeverCompressedEndsNothing() throws Exception {
        CountingZlib zlib = new CountingZlib();
        Link link = Link.negotiate(PerMessageDeflate.builder().build(), counted(zlib, PerMessageDeflate.builder()));
        link.close();
        assertEquals(0, zlib.deflaters.size() + zlib.inflaters.size());
    }

    @Test
    void concurrentLeanConnectionsNeverHoldMoreStreamsThanMessagesInFlight() throws Exception {
        CountingZlib zlib = new CountingZlib();
        int threads = 4;
        PerMessageDeflate server = counted(zlib, PerMessageDeflate.builder().lean().poolSize(threads));
        PerMessageDeflate client = PerMessageDeflate.builder().compressionThreshold(0).build();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int seed = t;
                done.add(pool.submit(() -> {
                    try (Link link = Link.negotiate(client, server)) {
                        for (int m = 0; m < 50; m++) {
                            byte[] data = Bytes.text(seed * 100 + m, 2000 + m);
                            assertArrayEquals(data, link.serverToClient(data).received());
                            assertArrayEquals(data, link.clientToServer(data).received());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertTrue(zlib.deflaters.size() <= threads, "deflaters: " + zlib.deflaters.size());
        assertTrue(zlib.inflaters.size() <= threads, "inflaters: " + zlib.inflaters.size());
        assertEquals(0, zlib.endedDeflaters(), "all fitted back");
        assertEquals(zlib.deflaters.size(), server.pool.idleCompressors());
    }

    @Test
    void deflateFrameReleasesTheSameWay() throws Exception {
        CountingZlib zlib = new CountingZlib();
        DeflateFrame ratio = DeflateFrame.builder().compressionThreshold(0).zlib(zlib).build();
        Link link = Link.negotiate(DeflateFrame.builder().build(), ratio);
        link.serverToClient(TEXT);
        link.clientToServer(TEXT);
        link.close();
        assertEquals(2, zlib.deflaters.size() + zlib.inflaters.size());
        assertEquals(0, zlib.live());

        CountingZlib pooled = new CountingZlib();
        DeflateFrame lean = DeflateFrame.builder().noContextTakeover(true).compressionThreshold(0).zlib(pooled).build();
        try (Link leanLink = Link.negotiate(DeflateFrame.builder().noContextTakeover(true).build(), lean)) {
            for (int i = 0; i < 3; i++) {
                leanLink.serverToClient(TEXT, TEXT);
                leanLink.clientToServer(TEXT, TEXT);
            }
            assertNull(DeflateExtensionAccess.sendingStream(serverSide(leanLink)));
        }
        assertEquals(1, pooled.deflaters.size());
        assertEquals(1, pooled.inflaters.size());
    }
}

package io.wspy.server.internal.nio;

import io.wspy.protocol.Message;
import io.wspy.protocol.TextMessage;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutboundQueueTest {
    /** A channel that takes at most {@code room} bytes per write and records the buffers it was given. */
    private static final class FakeChannel implements ChannelIO {
        final ByteArrayOutputStream taken = new ByteArrayOutputStream();
        final List<Integer> buffersPerWrite = new ArrayList<>();
        int room;

        FakeChannel(int room) {
            this.room = room;
        }

        @Override
        public SocketChannel channel() {
            return null;
        }

        @Override
        public int read(ByteBuffer dst) {
            return 0;
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) {
            buffersPerWrite.add(length);
            long total = 0;
            for (int i = offset; i < offset + length && room > 0; i++) {
                int n = Math.min(room, srcs[i].remaining());
                byte[] b = new byte[n];
                srcs[i].get(b);
                taken.writeBytes(b);
                room -= n;
                total += n;
            }
            return total;
        }

        @Override
        public void shutdownOutput() {
        }

        @Override
        public void close() {
        }

        @Override
        public boolean isSecure() {
            return false;
        }
    }

    private static ByteBuffer ascii(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void smallWritesShareOneChunkAndLeaveInOneBuffer() throws Exception {
        OutboundQueue q = new OutboundQueue();
        ByteBuffer header = ascii("HH");
        q.copy(header);
        assertFalse(header.hasRemaining(), "copying consumes the caller's bytes");
        header.clear().put(0, (byte) 'X');
        q.copy(ascii("payload"));
        FakeChannel channel = new FakeChannel(1000);
        assertTrue(q.writeTo(channel, new ByteBuffer[4], null));
        assertEquals("HHpayload", channel.taken.toString(StandardCharsets.US_ASCII), "a copy, unaffected by later changes");
        assertEquals(List.of(1), channel.buffersPerWrite);
        assertTrue(q.isEmpty());
    }

    @Test
    void partialWritesResumeWhereTheyStopped() throws Exception {
        OutboundQueue q = new OutboundQueue();
        q.copy(ascii("0123456789"));
        q.share(ascii("abcdef").asReadOnlyBuffer());
        FakeChannel channel = new FakeChannel(4);
        assertFalse(q.writeTo(channel, new ByteBuffer[4], null));
        assertEquals(12, q.size());
        channel.room = 7;
        assertFalse(q.writeTo(channel, new ByteBuffer[4], null));
        q.copy(ascii("XY"));
        channel.room = 100;
        assertTrue(q.writeTo(channel, new ByteBuffer[4], null));
        assertEquals("0123456789abcdefXY", channel.taken.toString(StandardCharsets.US_ASCII));
    }

    @Test
    void largeWritesAndManyBuffersGoThroughTheBatch() throws Exception {
        OutboundQueue q = new OutboundQueue();
        byte[] big = new byte[20_000];
        big[19_999] = 7;
        q.copy(ByteBuffer.wrap(big));
        for (int i = 0; i < 10; i++) {
            q.share(ascii("s" + i));
        }
        FakeChannel channel = new FakeChannel(Integer.MAX_VALUE);
        assertTrue(q.writeTo(channel, new ByteBuffer[3], null));
        byte[] out = channel.taken.toByteArray();
        assertEquals(20_000 + 20, out.length);
        assertEquals(7, out[19_999]);
        assertEquals("s0s1s2s3s4s5s6s7s8s9", new String(out, 20_000, 20, StandardCharsets.US_ASCII));
    }

    @Test
    void sentMessagesAreReportedOnceTheirLastByteIsWritten() throws Exception {
        OutboundQueue q = new OutboundQueue();
        Message first = new TextMessage("first");
        Message second = new TextMessage("second");
        q.copy(ascii("11111"));
        assertFalse(q.markSent(first));
        q.copy(ascii("22222"));
        assertFalse(q.markSent(second));
        FakeChannel channel = new FakeChannel(7);
        q.writeTo(channel, new ByteBuffer[4], null);
        assertEquals(List.of(first), q.takeSent());
        assertEquals(List.of(), q.takeSent());
        channel.room = 10;
        q.writeTo(channel, new ByteBuffer[4], null);
        assertEquals(List.of(second), q.takeSent());
        assertTrue(q.markSent(new TextMessage("nothing queued")), "already written");
    }

    @Test
    void clearDropsEverything() {
        OutboundQueue q = new OutboundQueue();
        q.copy(ascii("abc"));
        q.markSent(new TextMessage("abc"));
        q.clear();
        assertTrue(q.isEmpty());
        assertEquals(List.of(), q.takeSent());
    }

    @Test
    void stagedWritesCopyAtMostTheStagingBufferAndResumeAfterPartialWrites() throws Exception {
        OutboundQueue q = new OutboundQueue();
        byte[] payload = new byte[100_000];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (i * 31);
        }
        q.copy(ascii("HDR"));
        q.share(ByteBuffer.wrap(payload).asReadOnlyBuffer());
        q.copy(ascii("NEXT"));
        ByteBuffer staging = ByteBuffer.allocateDirect(8192);
        FakeChannel channel = new FakeChannel(5000);
        assertFalse(q.writeTo(channel, new ByteBuffer[4], staging));
        assertEquals(List.of(1), channel.buffersPerWrite, "one staged buffer per write");
        assertEquals(3 + 100_000 + 4 - 5000, q.size());
        int writes = 0;
        while (!q.isEmpty()) {
            channel.room = 7000;
            q.writeTo(channel, new ByteBuffer[4], staging);
            assertTrue(++writes < 100, "the queue drains");
        }
        byte[] out = channel.taken.toByteArray();
        assertEquals(3 + 100_000 + 4, out.length);
        assertEquals("HDR", new String(out, 0, 3, StandardCharsets.US_ASCII));
        for (int i = 0; i < payload.length; i++) {
            assertEquals(payload[i], out[3 + i], "byte " + i);
        }
        assertEquals("NEXT", new String(out, 100_003, 4, StandardCharsets.US_ASCII));
        assertTrue(channel.buffersPerWrite.stream().allMatch(n -> n == 1));
    }

    @Test
    void stagedWritesStopWhereTheChannelIsFull() throws Exception {
        OutboundQueue q = new OutboundQueue();
        q.copy(ascii("abcdef"));
        FakeChannel channel = new FakeChannel(0);
        assertFalse(q.writeTo(channel, new ByteBuffer[4], ByteBuffer.allocateDirect(4)));
        assertEquals(6, q.size(), "nothing taken, nothing lost");
        channel.room = 100;
        assertTrue(q.writeTo(channel, new ByteBuffer[4], ByteBuffer.allocateDirect(4)));
        assertEquals("abcdef", channel.taken.toString(StandardCharsets.US_ASCII));
    }

    @Test
    void directBuffersAreWrittenWithoutStaging() throws Exception {
        OutboundQueue q = new OutboundQueue();
        ByteBuffer direct = ByteBuffer.allocateDirect(5).put(ascii("12345")).flip();
        q.share(direct);
        q.copy(ascii("ab"));
        FakeChannel channel = new FakeChannel(100);
        assertTrue(q.writeTo(channel, new ByteBuffer[4], ByteBuffer.allocateDirect(64)));
        assertEquals("12345ab", channel.taken.toString(StandardCharsets.US_ASCII));
        assertEquals(List.of(2), channel.buffersPerWrite, "the direct buffer and the copy, gathered");
    }

    @Test
    void copiesAfterASharedBufferKeepTheirOrderAndUseTheChunksRoom() throws Exception {
        OutboundQueue q = new OutboundQueue();
        q.copy(ascii("h1"));
        q.share(ascii("SHARED-1"));
        q.copy(ascii("h2"));
        q.copy(ascii("p2"));
        q.share(ascii("SHARED-2"));
        q.copy(ascii("h3"));
        FakeChannel channel = new FakeChannel(3);
        assertFalse(q.writeTo(channel, new ByteBuffer[8], null));
        q.copy(ascii("h4"));
        channel.room = 1000;
        assertTrue(q.writeTo(channel, new ByteBuffer[8], null));
        assertEquals("h1SHARED-1h2p2SHARED-2h3h4", channel.taken.toString(StandardCharsets.US_ASCII));
        assertEquals(List.of(5, 4), channel.buffersPerWrite, "the copies around the shared buffers coalesce");
    }
}

package io.wspy.frame;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Decodes streams of random frames split in every possible way and checks that the frames come out
 * identical to the ones that were encoded. The sender is the peer of {@code receiver}: frames to a
 * server are masked (with known keys, so the decoded frames compare exactly).
 *
 * <p>Splitting at every point costs time in the square of the stream's length, so the exhaustive
 * test decodes one 64-bit-length frame, in the masked stream to a server (the path that also
 * unmasks); the unmasked stream to a client has frames of every length up to the 16-bit class
 * there, and its 64-bit-length frames are split at random points and byte by byte.
 */
class FrameStreamSplitTest {
    @Test
    void everySplitPointOfAMaskedStreamToAServerGivesTheSameFrames() throws ProtocolException {
        RandomFrames random = new RandomFrames(6455);
        assertSameFramesForEverySplit(Role.SERVER, random.masked(random.frames(40, 1)));
    }

    @Test
    void everySplitPointOfAnUnmaskedStreamToAClientGivesTheSameFrames() throws ProtocolException {
        RandomFrames random = new RandomFrames(6456);
        assertSameFramesForEverySplit(Role.CLIENT, random.frames(60, 0));
    }

    private static void assertSameFramesForEverySplit(Role receiver, List<Frame> frames) throws ProtocolException {
        byte[] stream = encode(receiver.peer(), frames);
        assertEquals(frames, decode(receiver, List.of(stream.length), stream), "stream in one piece");

        for (int split = 0; split <= stream.length; split++) {
            FrameReader reader = reader(receiver);
            reader.feed(stream, 0, split);
            reader.feed(stream, split, stream.length - split);
            assertTrue(reader.isAtFrameBoundary(), "split at " + split);
            assertEquals(frames.size(), reader.available(), "split at " + split);
            for (int i = 0; i < frames.size(); i++) {
                Frame decoded = reader.poll();
                if (!frames.get(i).equals(decoded)) {
                    assertEquals(frames.get(i), decoded, "frame " + i + ", split at " + split);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void randomMultiSplitsGiveTheSameFrames(Role receiver) throws ProtocolException {
        RandomFrames random = new RandomFrames(7692 + receiver.ordinal());
        List<Frame> generated = new ArrayList<>(random.frames(120, 2));
        generated.add(random.data(65535));
        generated.add(random.data(65536));
        List<Frame> frames = framesFor(receiver, random, generated);
        byte[] stream = encode(receiver.peer(), frames);
        Random rng = random.random();
        for (int round = 0; round < 60; round++) {
            int maxChunk = round % 2 == 0 ? 1 + rng.nextInt(20) : 1 + rng.nextInt(70_000);
            List<Integer> chunks = new ArrayList<>();
            for (int left = stream.length; left > 0; ) {
                int chunk = Math.min(left, rng.nextInt(maxChunk + 1));
                chunks.add(chunk);
                left -= chunk;
            }
            assertEquals(frames, decode(receiver, chunks, stream), "round " + round + ": chunks " + chunks);
        }
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void oneByteAtATimeGivesTheSameFrames(Role receiver) throws ProtocolException {
        RandomFrames random = new RandomFrames(1009 + receiver.ordinal());
        List<Frame> frames = framesFor(receiver, random, random.frames(80, 2));
        byte[] stream = encode(receiver.peer(), frames);
        List<Integer> chunks = new ArrayList<>(Arrays.asList(new Integer[stream.length]));
        java.util.Collections.fill(chunks, 1);
        assertEquals(frames, decode(receiver, chunks, stream));
    }

    private static List<Frame> framesFor(Role receiver, RandomFrames random, List<Frame> frames) {
        return receiver.expectsMaskedIncoming() ? random.masked(frames) : frames;
    }

    private static byte[] encode(Role sender, List<Frame> frames) {
        FrameEncoder encoder = new FrameEncoder(sender);
        int size = 0;
        for (Frame f : frames) {
            size += encoder.encodedSize(f);
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        for (Frame f : frames) {
            encoder.encode(f, out);
        }
        assertEquals(size, out.position());
        return out.array();
    }

    private static List<Frame> decode(Role receiver, List<Integer> chunks, byte[] stream) throws ProtocolException {
        FrameReader reader = reader(receiver);
        int at = 0;
        for (int chunk : chunks) {
            reader.feed(stream, at, chunk);
            at += chunk;
        }
        assertEquals(stream.length, at);
        assertTrue(reader.isAtFrameBoundary());
        List<Frame> decoded = new ArrayList<>();
        for (Frame f = reader.poll(); f != null; f = reader.poll()) {
            decoded.add(f);
        }
        return decoded;
    }

    private static FrameReader reader(Role receiver) {
        return new FrameReader(DecoderConfig.of(receiver).withAllowedRsv(0b111));
    }
}

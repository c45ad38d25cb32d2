package io.wspy.extensions;

import io.wspy.frame.Frame;
import io.wspy.frame.WebSocketException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Deflater;

import static io.wspy.extensions.Bytes.concat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Windows below 15 bits are honoured for real: what we compress for a peer that asked for 2^N
 * bytes inflates with Python's zlib limited to exactly that window, for every N from 8 to 15, on
 * both sides, with and without context takeover; and the same data compressed without the limit
 * fails there, so the check has teeth.
 *
 * <p>Tagged {@code peer}: it needs {@code python3}, so it runs with {@code -Ppeers}.
 */
@org.junit.jupiter.api.Tag("peer")
class WindowLimitTest {
    private static final byte[] TAIL = {0, 0, (byte) 0xff, (byte) 0xff};
    /** Every distance lies just above one of 2^8 .. 2^14, within zlib's 32 KiB reach. */
    private static final byte[] FAR_REPEATS = Bytes.repeatsAt(7, 300, 600, 1200, 2400, 4800, 9600, 19200);
    private static final byte[] TEXT = Bytes.text(8, 6000);

    /** Messages of many sizes, one sent in three frames, over the far-repeating data and text. */
    private static List<byte[][]> messages() {
        byte[] data = concat(FAR_REPEATS, TEXT);
        List<byte[][]> messages = new ArrayList<>();
        int[] cuts = {0, 10, 700, 5700, 9000, 30000, data.length};
        for (int i = 0; i + 1 < cuts.length; i++) {
            byte[] m = Arrays.copyOfRange(data, cuts[i], cuts[i + 1]);
            if (i == 4) {
                int third = m.length / 3;
                messages.add(new byte[][] {Arrays.copyOfRange(m, 0, third),
                    Arrays.copyOfRange(m, third, 2 * third), Arrays.copyOfRange(m, 2 * third, m.length)});
            } else {
                messages.add(new byte[][] {m});
            }
        }
        return messages;
    }

    private static byte[] whole(byte[][] fragments) {
        return concat(fragments);
    }

    /**
     * Sends every message one way and returns the raw DEFLATE stream(s) a peer's inflater sees:
     * one stream for the whole connection with context takeover, one per message without.
     */
    private static List<byte[]> streams(Link link, boolean clientSends, boolean contextTakeover)
            throws WebSocketException {
        List<byte[]> streams = new ArrayList<>();
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        for (byte[][] m : messages()) {
            Link.Transfer t = clientSends ? link.clientToServer(m) : link.serverToClient(m);
            assertArrayEquals(whole(m), t.received(), "our own inflater");
            for (Frame f : t.wire()) {
                stream.writeBytes(f.payloadBytes());
            }
            stream.writeBytes(TAIL);
            if (!contextTakeover) {
                streams.add(stream.toByteArray());
                stream.reset();
            }
        }
        if (contextTakeover) {
            streams.add(stream.toByteArray());
        }
        return streams;
    }

    private static byte[] expected(boolean contextTakeover, int stream) {
        List<byte[][]> messages = messages();
        if (!contextTakeover) {
            return whole(messages.get(stream));
        }
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        messages.forEach(m -> all.writeBytes(whole(m)));
        return all.toByteArray();
    }

    private record Case(String what, int bits, boolean contextTakeover, int stream) {
    }

    @Test
    void everyWindowFrom8To15IsHonouredOnBothSidesWithAndWithoutContextTakeover() throws Exception {
        List<Case> cases = new ArrayList<>();
        List<StrictInflater.Job> jobs = new ArrayList<>();
        for (int bits = 8; bits <= 15; bits++) {
            for (boolean takeover : new boolean[] {true, false}) {
                // The client asks the server for a small window; the server asks the client.
                PerMessageDeflate client = PerMessageDeflate.builder().serverMaxWindowBits(bits)
                        .serverNoContextTakeover(!takeover).clientNoContextTakeover(!takeover)
                        .compressionThreshold(0).build();
                PerMessageDeflate server = PerMessageDeflate.builder().clientMaxWindowBits(bits)
                        .compressionThreshold(0).build();
                try (Link link = Link.negotiate(client, server)) {
                    for (boolean clientSends : new boolean[] {true, false}) {
                        List<byte[]> streams = streams(link, clientSends, takeover);
                        for (int i = 0; i < streams.size(); i++) {
                            String who = clientSends ? "client" : "server";
                            cases.add(new Case(who + " window " + bits + (takeover ? "" : " no takeover"),
                                    bits, takeover, i));
                            jobs.add(new StrictInflater.Job(bits, streams.get(i)));
                        }
                    }
                }
            }
        }
        List<StrictInflater.Result> results = StrictInflater.inflate(jobs);
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            assertNull(results.get(i).error(), c.what());
            assertArrayEquals(expected(c.contextTakeover(), c.stream()), results.get(i).output(), c.what());
        }
    }

    @Test
    void deflateFrameHonoursTheWindowThePeerAsksFor() throws Exception {
        List<StrictInflater.Job> jobs = new ArrayList<>();
        List<byte[]> expected = new ArrayList<>();
        for (int bits : new int[] {8, 11}) {
            DeflateFrame client = DeflateFrame.builder().maxWindowBits(bits).compressionThreshold(0).build();
            DeflateFrame server = DeflateFrame.builder().maxWindowBits(bits).compressionThreshold(0).build();
            try (Link link = Link.negotiate(client, server)) {
                for (boolean clientSends : new boolean[] {true, false}) {
                    ByteArrayOutputStream stream = new ByteArrayOutputStream();
                    ByteArrayOutputStream sent = new ByteArrayOutputStream();
                    for (byte[][] m : messages()) {
                        Link.Transfer t = clientSends ? link.clientToServer(m) : link.serverToClient(m);
                        for (Frame f : t.wire()) {
                            stream.writeBytes(f.payloadBytes());
                            stream.writeBytes(TAIL);
                        }
                        sent.writeBytes(whole(m));
                    }
                    jobs.add(new StrictInflater.Job(bits, stream.toByteArray()));
                    expected.add(sent.toByteArray());
                }
            }
        }
        List<StrictInflater.Result> results = StrictInflater.inflate(jobs);
        for (int i = 0; i < jobs.size(); i++) {
            assertNull(results.get(i).error(), "job " + i);
            assertArrayEquals(expected.get(i), results.get(i).output());
        }
    }

    @Test
    void withoutTheLimitEveryWindowBelow15Fails() throws Exception {
        // Same messages through a full 32 KiB window: the far repeats become back-references that a
        // smaller window cannot follow.
        PerMessageDeflate unlimited = PerMessageDeflate.builder().compressionThreshold(0).build();
        byte[] stream;
        try (Link link = Link.negotiate(unlimited, unlimited)) {
            stream = streams(link, false, true).get(0);
        }
        List<StrictInflater.Job> jobs = new ArrayList<>();
        for (int bits = 8; bits <= 15; bits++) {
            jobs.add(new StrictInflater.Job(bits, stream));
        }
        List<StrictInflater.Result> results = StrictInflater.inflate(jobs);
        for (int bits = 8; bits <= 14; bits++) {
            String error = results.get(bits - 8).error();
            assertNotNull(error, "window " + bits + " should have failed");
            assertTrue(error.contains("invalid distance too far back"), error);
        }
        assertArrayEquals(expected(true, 0), results.get(7).output());
    }

    @Test
    void pythonsRawWindowOf8BitsIsReally256Bytes() throws Exception {
        // zlib refuses 8 bits for raw deflate when compressing but honours it when inflating: a
        // reference 256 bytes back passes, 257 fails. So the 8-bit checks above are real.
        List<StrictInflater.Job> jobs = List.of(
                new StrictInflater.Job(8, rawDeflate(Bytes.repeatsAt(1, 256))),
                new StrictInflater.Job(8, rawDeflate(Bytes.repeatsAt(1, 257))),
                new StrictInflater.Job(9, rawDeflate(Bytes.repeatsAt(1, 257))));
        List<StrictInflater.Result> results = StrictInflater.inflate(jobs);
        assertArrayEquals(Bytes.repeatsAt(1, 256), results.get(0).output());
        assertEquals("Error -3 while decompressing data: invalid distance too far back", results.get(1).error());
        assertArrayEquals(Bytes.repeatsAt(1, 257), results.get(2).output());
    }

    @Test
    void aSmallWindowStillCompresses() throws Exception {
        for (int bits = 8; bits <= 15; bits++) {
            PerMessageDeflate server = PerMessageDeflate.builder().serverMaxWindowBits(bits).build();
            try (Link link = Link.negotiate(PerMessageDeflate.builder().build(), server)) {
                byte[] text = Bytes.text(bits, 20000);
                Link.Transfer t = link.serverToClient(text);
                assertTrue(t.first().length() < text.length * 3 / 4, "window " + bits + ": " + t.first().length());
            }
        }
    }

    private static byte[] rawDeflate(byte[] data) {
        Deflater deflater = new Deflater(9, true);
        deflater.setInput(data);
        byte[] out = new byte[data.length * 2 + 64];
        int n = deflater.deflate(out, 0, out.length, Deflater.SYNC_FLUSH);
        deflater.end();
        return Arrays.copyOf(out, n);
    }
}

package io.wspy.server.conformance;

import io.wspy.frame.Frame;
import io.wspy.frame.FrameEncoder;
import io.wspy.frame.FrameHeader;
import io.wspy.frame.Opcode;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Deflater;

import static io.wspy.server.conformance.DeflateParams.ABSENT;
import static io.wspy.server.conformance.DeflateParams.NO_VALUE;
import static io.wspy.server.conformance.Payloads.bytes;
import static io.wspy.server.conformance.Payloads.utf8;

/**
 * permessage-deflate (RFC 7692). Testing a server, the fuzzing client makes every offer (both
 * {@code no_context_takeover} parameters, both window sizes with and without values) to a server
 * in ratio mode and to one in lean mode; testing the client, the fuzzing server gives every
 * response. Each session exchanges compressed, uncompressed, fragmented and empty messages both
 * ways, and the peer's compressed data is decoded with an inflater that refuses back-references
 * beyond the negotiated window. Then large and many messages, and every way to misuse RSV1.
 */
final class DeflateCases {
    private static final int[] SERVER_BITS = {ABSENT, 8, 9, 12, 15};
    private static final int[] CLIENT_BITS_OFFERED = {ABSENT, NO_VALUE, 8, 9, 15};
    private static final int[] CLIENT_BITS_ANSWERED = {ABSENT, 8, 9, 12, 15};
    private static final Duration LARGE = Duration.ofSeconds(30);

    private DeflateCases() {
    }

    static List<FuzzCase> all() {
        CaseList list = new CaseList(Category.DEFLATE, "12");
        for (DeflateParams offer : combinations(CLIENT_BITS_OFFERED)) {
            for (Profile profile : new Profile[] {Profile.DEFLATE, Profile.DEFLATE_LEAN}) {
                list.add("offer " + offer.label() + " to a " + (profile == Profile.DEFLATE ? "ratio" : "lean")
                        + " server -> valid answer, messages echoed", DeflateCases::exchange,
                        c -> c.only(Side.SERVER).with(profile).with(Opening.deflate(offer)));
            }
        }
        for (DeflateParams response : combinations(CLIENT_BITS_ANSWERED)) {
            list.add("answer " + response.label() + " -> messages echoed", DeflateCases::exchange,
                    c -> c.only(Side.CLIENT).with(Opening.deflate(response)));
        }
        addLargeAndMany(list);
        addMisuse(list);
        addNegotiation(list);
        return list.cases();
    }

    private static List<DeflateParams> combinations(int[] clientBits) {
        List<DeflateParams> all = new ArrayList<>();
        for (boolean snct : new boolean[] {false, true}) {
            for (boolean cnct : new boolean[] {false, true}) {
                for (int sb : SERVER_BITS) {
                    for (int cb : clientBits) {
                        all.add(new DeflateParams(snct, cnct, sb, cb));
                    }
                }
            }
        }
        return all;
    }

    /** Compressed, repeated, fragmented, uncompressed, empty and incompressible messages, both ways. */
    private static void exchange(FuzzSession s) {
        requireDeflate(s);
        byte[] text = utf8("Hello, permessage-deflate! ".repeat(8));
        s.sendCompressed(Opcode.TEXT, text);
        s.expectText(text);
        s.sendCompressed(Opcode.TEXT, text);
        s.expectText(text);
        byte[] far = Payloads.farRepeats();
        s.sendCompressed(Opcode.BINARY, far, 4096);
        s.expectMessage(Opcode.BINARY, far);
        s.send(Frame.text("not compressed"));
        s.expectText(utf8("not compressed"));
        s.sendCompressed(Opcode.TEXT, new byte[0]);
        s.expectText(new byte[0]);
        byte[] noise = Payloads.binary(2048);
        s.sendCompressed(Opcode.BINARY, noise);
        s.expectMessage(Opcode.BINARY, noise);
        s.sendCompressed(Opcode.BINARY, far);
        s.expectMessage(Opcode.BINARY, far);
    }

    private static void addLargeAndMany(CaseList list) {
        list.add("1 MiB text compressed in one frame -> echo", s -> {
            requireDeflate(s);
            byte[] big = Payloads.text(1 << 20);
            s.sendCompressed(Opcode.TEXT, big);
            s.expectText(big);
        }, c -> plain(c).within(LARGE));
        list.add("4 MiB binary compressed in frames of 64 KiB -> echo", s -> {
            requireDeflate(s);
            byte[] big = repetitive(4 << 20);
            s.sendCompressed(Opcode.BINARY, big, 64 * 1024);
            s.expectMessage(Opcode.BINARY, big);
        }, c -> plain(c).within(LARGE));
        list.add("compressed message in frames of 1 byte -> echo", s -> {
            requireDeflate(s);
            byte[] text = Payloads.text(300);
            s.sendCompressed(Opcode.TEXT, text, 1);
            s.expectText(text);
        }, DeflateCases::plain);
        list.add("compressed message in 3 frames with a ping between them -> pong, then echo", s -> {
            requireDeflate(s);
            byte[] compressed = s.compress(Payloads.text(3000));
            int third = compressed.length / 3;
            s.send(Payloads.frame(false, FrameHeader.RSV1, Opcode.TEXT, Arrays.copyOf(compressed, third)));
            s.send(Frame.ping(utf8("between")));
            s.send(Payloads.continuation(false, Arrays.copyOfRange(compressed, third, 2 * third)));
            s.send(Payloads.continuation(true, Arrays.copyOfRange(compressed, 2 * third, compressed.length)));
            s.expectPong(utf8("between"));
            s.expectText(Payloads.text(3000));
        }, DeflateCases::plain);
        list.add("compressed message whose first frame is empty -> echo", s -> {
            requireDeflate(s);
            byte[] text = Payloads.text(500);
            s.send(Payloads.frame(false, FrameHeader.RSV1, Opcode.TEXT, new byte[0]));
            s.send(Payloads.continuation(true, s.compress(text)));
            s.expectText(text);
        }, DeflateCases::plain);
        list.add("500 compressed messages with context takeover -> 500 echoes in order", s -> {
            requireDeflate(s);
            for (int i = 0; i < 500; i++) {
                s.sendCompressed(Opcode.TEXT, utf8("compressed message number " + i + " of 500 ".repeat(3)));
            }
            for (int i = 0; i < 500; i++) {
                s.expectText(utf8("compressed message number " + i + " of 500 ".repeat(3)));
            }
        }, c -> plain(c).within(Duration.ofSeconds(15)));
        list.add("message ending with a final (BFINAL) block -> echo", s -> {
            requireDeflate(s);
            byte[] text = utf8("a stream ended with a final block ".repeat(4));
            s.sendPrecompressed(Opcode.TEXT, finished(text), Integer.MAX_VALUE);
            s.expectText(text);
        }, DeflateCases::plain);
        list.add("message in stored (uncompressed) DEFLATE blocks -> echo", s -> {
            requireDeflate(s);
            byte[] text = utf8("stored, not compressed ".repeat(4));
            s.sendPrecompressed(Opcode.TEXT, stored(text), Integer.MAX_VALUE);
            s.expectText(text);
        }, DeflateCases::plain);
    }

    private static void addMisuse(CaseList list) {
        list.add("RSV1 on a continuation frame -> 1002", s -> {
            requireDeflate(s);
            byte[] compressed = s.compress(Payloads.text(100));
            s.send(Payloads.frame(false, FrameHeader.RSV1, Opcode.TEXT, Arrays.copyOf(compressed, 5)));
            s.send(Payloads.frame(true, FrameHeader.RSV1, Opcode.CONTINUATION,
                    Arrays.copyOfRange(compressed, 5, compressed.length)));
            s.expectClose(1002);
        }, DeflateCases::plain);
        list.add("compressed ping (RSV1) -> 1002", s -> {
            requireDeflate(s);
            s.send(Payloads.frame(true, FrameHeader.RSV1, Opcode.PING, s.compress(utf8("ping"))));
            s.expectClose(1002);
        }, DeflateCases::plain);
        list.add("compressed pong (RSV1) -> 1002", s -> {
            requireDeflate(s);
            s.send(Payloads.frame(true, FrameHeader.RSV1, Opcode.PONG, s.compress(utf8("pong"))));
            s.expectClose(1002);
        }, DeflateCases::plain);
        list.add("close with RSV1 -> 1002", s -> {
            requireDeflate(s);
            s.send(Payloads.frame(true, FrameHeader.RSV1, Opcode.CLOSE, bytes(0x03, 0xE8)));
            s.expectClose(1002);
        }, DeflateCases::plain);
        list.add("RSV2 on a text frame -> 1002", s -> {
            requireDeflate(s);
            s.send(Payloads.frame(true, FrameHeader.RSV2, Opcode.TEXT, utf8("rsv2")));
            s.expectClose(1002);
        }, DeflateCases::plain);
        list.add("RSV1 and RSV3 on a compressed frame -> 1002", s -> {
            requireDeflate(s);
            s.send(Payloads.frame(true, FrameHeader.RSV1 | FrameHeader.RSV3, Opcode.TEXT, s.compress(utf8("x"))));
            s.expectClose(1002);
        }, DeflateCases::plain);
        list.add("data that does not inflate -> 1007 or 1002 (RFC 7692 names no code)", s -> {
            requireDeflate(s);
            s.send(Payloads.frame(true, FrameHeader.RSV1, Opcode.BINARY, bytes(0xFF, 0xFF, 0xFF, 0xFF)));
            s.expectClose(1007, 1002);
        }, DeflateCases::plain);
        list.add("compressed text that inflates to invalid UTF-8 -> 1007", s -> {
            requireDeflate(s);
            s.sendCompressed(Opcode.TEXT, Payloads.concat(Payloads.text(200), bytes(0xED, 0xA0, 0x80)));
            s.expectClose(1007);
        }, DeflateCases::plain);
        list.add("uncompressed text announcing 64 KiB, invalid byte 10, rest withheld -> 1007 before the rest", s -> {
            requireDeflate(s);
            byte[] payload = Payloads.concat(Payloads.text(10), bytes(0xFF), Payloads.text(65536 - 11));
            byte[] wire = s.encode(new Frame(Opcode.TEXT, payload));
            s.sendRaw(Arrays.copyOf(wire, FrameEncoder.headerSize(payload.length, s.masks()) + 11));
            s.expectClose(1007);
        }, DeflateCases::plain);
        list.add("uncompressed text in fragments, invalid byte in the second, the rest withheld -> 1007", s -> {
            requireDeflate(s);
            s.send(Payloads.text(false, utf8("valid start ")));
            s.send(Payloads.continuation(false, bytes(0x61, 0xC0, 0xAF)));
            s.expectClose(1007);
        }, DeflateCases::plain);
        list.add("compressed text whose first frame inflates to invalid UTF-8, later frames withheld -> 1007", s -> {
            requireDeflate(s);
            byte[] compressed = s.compress(Payloads.concat(bytes(0xED, 0xA0, 0x80), Payloads.text(4000)));
            s.send(Payloads.frame(false, FrameHeader.RSV1, Opcode.TEXT, Arrays.copyOf(compressed, compressed.length / 2)));
            s.expectClose(1007);
        }, DeflateCases::plain);
        list.add("compressed message inflating to the limit + 1 (a bomb) -> 1009", s -> {
            requireDeflate(s);
            s.sendCompressed(Opcode.BINARY, new byte[(int) s.peerMaxMessageSize() + 1]);
            s.expectClose(1009);
        }, c -> plain(c).within(LARGE));
    }

    private static void addNegotiation(CaseList list) {
        declined(list, "server_max_window_bits=7", "permessage-deflate; server_max_window_bits=7");
        declined(list, "client_max_window_bits=16", "permessage-deflate; client_max_window_bits=16");
        declined(list, "server_max_window_bits=09 (leading zero)", "permessage-deflate; server_max_window_bits=09");
        declined(list, "server_no_context_takeover with a value",
                "permessage-deflate; server_no_context_takeover=1");
        declined(list, "an unknown parameter", "permessage-deflate; x_unknown");
        declined(list, "a repeated parameter",
                "permessage-deflate; client_no_context_takeover; client_no_context_takeover");
        list.add("invalid offer followed by a plain one -> the plain one accepted", s -> {
            requireDeflate(s);
            s.sendCompressed(Opcode.TEXT, utf8("second offer taken"));
            s.expectText(utf8("second offer taken"));
        }, c -> c.only(Side.SERVER).with(Profile.DEFLATE).with(Opening.rawExtensions(
                "permessage-deflate; server_max_window_bits=7, permessage-deflate", DeflateParams.PLAIN)));
        refused(list, "server_max_window_bits=7", "permessage-deflate; server_max_window_bits=7");
        refused(list, "client_max_window_bits=16", "permessage-deflate; client_max_window_bits=16");
        refused(list, "client_max_window_bits without a value", "permessage-deflate; client_max_window_bits");
        refused(list, "an unknown parameter", "permessage-deflate; x_unknown");
        refused(list, "permessage-deflate twice", "permessage-deflate, permessage-deflate");
    }

    /** A server declines an invalid offer and goes on without compression. */
    private static void declined(CaseList list, String what, String offer) {
        list.add("offer with " + what + " -> declined, connection works", s -> {
            if (s.deflate() != null) {
                throw s.fail("the server accepted an invalid offer");
            }
            s.send(Frame.text("uncompressed"));
            s.expectText(utf8("uncompressed"));
        }, c -> c.only(Side.SERVER).with(Profile.DEFLATE).with(Opening.rawExtensions(offer, null)));
    }

    /** The client refuses an invalid response: it drops the connection without sending a frame. */
    private static void refused(CaseList list, String what, String response) {
        list.add("answer with " + what + " -> the client drops the connection", FuzzSession::expectDrop,
                c -> c.only(Side.CLIENT).with(Opening.rawExtensions(response, null)));
    }

    private static FuzzCase plain(FuzzCase c) {
        return c.with(Profile.DEFLATE).with(Opening.deflate(DeflateParams.PLAIN));
    }

    private static void requireDeflate(FuzzSession s) {
        if (s.deflate() == null) {
            throw s.fail("permessage-deflate was not negotiated");
        }
    }

    /** Compressible but not trivial: runs of text with a counter. */
    private static byte[] repetitive(int n) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(n);
        for (int i = 0; out.size() < n; i++) {
            out.writeBytes(utf8("line " + i + ": the quick brown fox jumps over the lazy dog\n"));
        }
        return Arrays.copyOf(out.toByteArray(), n);
    }

    /** A whole DEFLATE stream, closed by a final block (RFC 7692 section 7.2.3.4). */
    private static byte[] finished(byte[] data) {
        return deflateWith(data, Deflater.DEFAULT_COMPRESSION, true);
    }

    /** Data in stored blocks, sync-flushed, the tail removed (RFC 7692 section 7.2.3.3). */
    private static byte[] stored(byte[] data) {
        byte[] flushed = deflateWith(data, Deflater.NO_COMPRESSION, false);
        return Arrays.copyOf(flushed, flushed.length - 4);
    }

    private static byte[] deflateWith(byte[] data, int level, boolean finish) {
        Deflater d = new Deflater(level, true);
        try {
            d.setInput(data);
            if (finish) {
                d.finish();
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            int n;
            do {
                n = d.deflate(buffer, 0, buffer.length, finish ? Deflater.NO_FLUSH : Deflater.SYNC_FLUSH);
                out.write(buffer, 0, n);
            } while (finish ? !d.finished() : n == buffer.length);
            return out.toByteArray();
        } finally {
            d.end();
        }
    }
}

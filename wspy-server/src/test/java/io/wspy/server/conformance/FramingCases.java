package io.wspy.server.conformance;

import io.wspy.frame.Frame;
import io.wspy.frame.Opcode;

import java.time.Duration;
import java.util.List;

import static io.wspy.server.conformance.Payloads.bytes;
import static io.wspy.server.conformance.Payloads.utf8;

/** Framing (RFC 6455 section 5.2): every length class, whole and in chops, masking, length encodings. */
final class FramingCases {
    private static final int[] SIZES = {0, 1, 125, 126, 127, 128, 65535, 65536, 65537, 1 << 20};
    private static final Duration LARGE = Duration.ofSeconds(30);

    private FramingCases() {
    }

    static List<FuzzCase> all() {
        CaseList list = new CaseList(Category.FRAMING, "1");
        for (int opcode : new int[] {Opcode.TEXT, Opcode.BINARY}) {
            for (int size : SIZES) {
                for (int chop : chopsFor(size)) {
                    String how = chop == Integer.MAX_VALUE ? "in one write" : "in chops of " + chop + " bytes";
                    list.add(Opcode.name(opcode) + " of " + size + " bytes " + how + " -> echo",
                            s -> echo(s, opcode, size, chop));
                }
            }
        }
        int sixteenMiB = 16 << 20;
        list.add("TEXT of 16 MiB in one write -> echo", s -> echo(s, Opcode.TEXT, sixteenMiB, Integer.MAX_VALUE),
                c -> c.within(LARGE));
        list.add("BINARY of 16 MiB in chops of 1 MiB -> echo", s -> echo(s, Opcode.BINARY, sixteenMiB, 1 << 20),
                c -> c.within(LARGE));
        list.add("TEXT of 4 MiB in fragments of 1 KiB -> echo", s -> {
            byte[] payload = Payloads.text(4 << 20);
            s.sendFragmented(Opcode.TEXT, payload, 1024);
            s.expectMessage(Opcode.TEXT, payload);
        }, c -> c.within(LARGE));
        list.add("BINARY of 4 MiB in fragments of 64 KiB -> echo", s -> {
            byte[] payload = Payloads.binary(4 << 20);
            s.sendFragmented(Opcode.BINARY, payload, 64 * 1024);
            s.expectMessage(Opcode.BINARY, payload);
        }, c -> c.within(LARGE));
        list.add("three messages in one write -> three echoes", s -> {
            byte[] all = Payloads.concat(s.encode(Frame.text("one")), s.encode(Frame.binary(bytes(2, 2))),
                    s.encode(Frame.text("three")));
            s.sendRaw(all);
            s.expectText(utf8("one"));
            s.expectMessage(Opcode.BINARY, bytes(2, 2));
            s.expectText(utf8("three"));
        });
        list.add("unmasked frame from a client -> 1002", s -> {
            s.sendMasked(Frame.text("unmasked"), false);
            s.expectClose(1002);
        }, c -> c.only(Side.SERVER));
        list.add("masked frame from a server -> 1002", s -> {
            s.sendMasked(Frame.text("masked"), true);
            s.expectClose(1002);
        }, c -> c.only(Side.CLIENT));
        list.add("length 5 in a 16-bit length field -> 1002", s -> {
            s.sendRaw(Payloads.oddLengthFrame(0x81, 126, bytes(0, 5), s.masks(), utf8("hello")));
            s.expectClose(1002);
        });
        list.add("length 5 in a 64-bit length field -> 1002", s -> {
            s.sendRaw(Payloads.oddLengthFrame(0x81, 127, bytes(0, 0, 0, 0, 0, 0, 0, 5), s.masks(), utf8("hello")));
            s.expectClose(1002);
        });
        list.add("length 65535 in a 64-bit length field -> 1002", s -> {
            s.sendRaw(Payloads.oddLengthFrame(0x82, 127, bytes(0, 0, 0, 0, 0, 0, 0xFF, 0xFF), s.masks(),
                    new byte[0]));
            s.expectClose(1002);
        });
        list.add("64-bit length with the most significant bit set -> 1002", s -> {
            s.sendRaw(Payloads.oddLengthFrame(0x82, 127, bytes(0x80, 0, 0, 0, 0, 0, 0, 1), s.masks(), new byte[0]));
            s.expectClose(1002);
        });
        return list.cases();
    }

    private static int[] chopsFor(int size) {
        if (size <= 128) {
            return new int[] {Integer.MAX_VALUE, 1, 7};
        }
        if (size <= 65537) {
            return new int[] {Integer.MAX_VALUE, 7, 997};
        }
        return new int[] {Integer.MAX_VALUE, 65536};
    }

    private static void echo(FuzzSession s, int opcode, int size, int chop) {
        byte[] payload = opcode == Opcode.TEXT ? Payloads.text(size) : Payloads.binary(size);
        s.send(new Frame(opcode, payload), chop);
        s.expectMessage(opcode, payload);
    }
}

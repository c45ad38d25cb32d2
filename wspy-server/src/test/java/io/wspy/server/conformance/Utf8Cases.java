package io.wspy.server.conformance;

import io.wspy.frame.Frame;
import io.wspy.frame.FrameEncoder;
import io.wspy.frame.Opcode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.wspy.server.conformance.Payloads.bytes;
import static io.wspy.server.conformance.Payloads.concat;
import static io.wspy.server.conformance.Payloads.utf8;

/**
 * UTF-8 in text messages (RFC 6455 section 8.1, RFC 3629). Every sequence goes out three ways: in
 * one frame, in one frame written a byte at a time, and as one fragment per byte. An invalid
 * sequence must fail the connection with 1007 as soon as its first invalid byte arrives: the
 * fuzzer sends up to that byte, withholds the rest of the message, and expects the close before
 * sending anything more (the strict, fail-fast reading; a peer that waits for the end of the frame
 * or message fails here).
 */
final class Utf8Cases {
    /** A labelled byte sequence. */
    private record Sequence(String label, byte[] bytes) {
    }

    private Utf8Cases() {
    }

    private static List<Sequence> sequences() {
        List<Sequence> s = new ArrayList<>();
        byte[] kosme = bytes(0xCE, 0xBA, 0xE1, 0xBD, 0xB9, 0xCF, 0x83, 0xCE, 0xBC, 0xCE, 0xB5);
        s.add(new Sequence("Greek 'kosme'", kosme));
        s.add(new Sequence("Latin-1 letters", utf8("Hello-µ@ßöäüàá-UTF-8!!")));
        s.add(new Sequence("U+0000", bytes(0x00)));
        s.add(new Sequence("U+0080, first of two bytes", bytes(0xC2, 0x80)));
        s.add(new Sequence("U+07FF, last of two bytes", bytes(0xDF, 0xBF)));
        s.add(new Sequence("U+0800, first of three bytes", bytes(0xE0, 0xA0, 0x80)));
        s.add(new Sequence("U+D7FF, below the surrogates", bytes(0xED, 0x9F, 0xBF)));
        s.add(new Sequence("U+E000, above the surrogates", bytes(0xEE, 0x80, 0x80)));
        s.add(new Sequence("U+FDD0, a noncharacter", bytes(0xEF, 0xB7, 0x90)));
        s.add(new Sequence("U+FFFD", bytes(0xEF, 0xBF, 0xBD)));
        s.add(new Sequence("U+FFFE, a noncharacter", bytes(0xEF, 0xBF, 0xBE)));
        s.add(new Sequence("U+FFFF, last of three bytes", bytes(0xEF, 0xBF, 0xBF)));
        s.add(new Sequence("U+10000, first of four bytes", bytes(0xF0, 0x90, 0x80, 0x80)));
        s.add(new Sequence("U+1F642, an emoji", bytes(0xF0, 0x9F, 0x99, 0x82)));
        s.add(new Sequence("U+10FFFF, the last code point", bytes(0xF4, 0x8F, 0xBF, 0xBF)));
        s.add(new Sequence("1000 bytes of mixed text", Payloads.text(1000)));
        s.add(new Sequence("a surrogate inside 'kosme'", concat(kosme, bytes(0xED, 0xA0, 0x80), utf8("edited"))));
        s.add(new Sequence("a lone continuation 0x80", bytes(0x80)));
        s.add(new Sequence("a lone continuation 0xBF", bytes(0xBF)));
        s.add(new Sequence("continuations 80 BF 80 BF", bytes(0x80, 0xBF, 0x80, 0xBF)));
        byte[] allContinuations = new byte[64];
        for (int i = 0; i < 64; i++) {
            allContinuations[i] = (byte) (0x80 + i);
        }
        s.add(new Sequence("all 64 continuation bytes", allContinuations));
        s.add(new Sequence("lead C0 then a space", bytes(0xC0, 0x20)));
        s.add(new Sequence("lead C2 then a space", bytes(0xC2, 0x20)));
        s.add(new Sequence("lead E0 then a space", bytes(0xE0, 0x20)));
        s.add(new Sequence("E1 80 then a space", bytes(0xE1, 0x80, 0x20)));
        s.add(new Sequence("lead F0 then a space", bytes(0xF0, 0x20)));
        s.add(new Sequence("F1 80 80 then a space", bytes(0xF1, 0x80, 0x80, 0x20)));
        s.add(new Sequence("two-byte sequence cut at the end", bytes(0xC2)));
        s.add(new Sequence("three-byte sequence cut at the end", bytes(0xE0, 0xA0)));
        s.add(new Sequence("four-byte sequence cut at the end", bytes(0xF0, 0x90, 0x80)));
        s.add(new Sequence("U+10FFFF cut at the end", bytes(0xF4, 0x8F, 0xBF)));
        s.add(new Sequence("'kosme' with its last character cut", Arrays.copyOf(kosme, kosme.length - 1)));
        s.add(new Sequence("byte FE", bytes(0xFE)));
        s.add(new Sequence("byte FF", bytes(0xFF)));
        s.add(new Sequence("FE FE FF FF", bytes(0xFE, 0xFE, 0xFF, 0xFF)));
        s.add(new Sequence("lead F5", bytes(0xF5, 0x80, 0x80, 0x80)));
        s.add(new Sequence("lead F7", bytes(0xF7, 0xBF, 0xBF, 0xBF)));
        s.add(new Sequence("five-byte form", bytes(0xF8, 0x88, 0x80, 0x80, 0x80)));
        s.add(new Sequence("six-byte form", bytes(0xFC, 0x84, 0x80, 0x80, 0x80, 0x80)));
        s.add(new Sequence("overlong '/' in two bytes", bytes(0xC0, 0xAF)));
        s.add(new Sequence("overlong U+007F in two bytes", bytes(0xC1, 0xBF)));
        s.add(new Sequence("overlong NUL in two bytes", bytes(0xC0, 0x80)));
        s.add(new Sequence("overlong '/' in three bytes", bytes(0xE0, 0x80, 0xAF)));
        s.add(new Sequence("overlong U+07FF in three bytes", bytes(0xE0, 0x9F, 0xBF)));
        s.add(new Sequence("overlong '/' in four bytes", bytes(0xF0, 0x80, 0x80, 0xAF)));
        s.add(new Sequence("overlong U+FFFF in four bytes", bytes(0xF0, 0x8F, 0xBF, 0xBF)));
        s.add(new Sequence("surrogate U+D800", bytes(0xED, 0xA0, 0x80)));
        s.add(new Sequence("surrogate U+DB7F", bytes(0xED, 0xAD, 0xBF)));
        s.add(new Sequence("surrogate U+DB80", bytes(0xED, 0xAE, 0x80)));
        s.add(new Sequence("surrogate U+DBFF", bytes(0xED, 0xAF, 0xBF)));
        s.add(new Sequence("surrogate U+DC00", bytes(0xED, 0xB0, 0x80)));
        s.add(new Sequence("surrogate U+DF80", bytes(0xED, 0xBE, 0x80)));
        s.add(new Sequence("surrogate U+DFFF", bytes(0xED, 0xBF, 0xBF)));
        s.add(new Sequence("surrogate pair U+D800 U+DC00", bytes(0xED, 0xA0, 0x80, 0xED, 0xB0, 0x80)));
        s.add(new Sequence("surrogate pair U+DBFF U+DFFF", bytes(0xED, 0xAF, 0xBF, 0xED, 0xBF, 0xBF)));
        s.add(new Sequence("U+110000, above the last code point", bytes(0xF4, 0x90, 0x80, 0x80)));
        s.add(new Sequence("F4 BF BF BF", bytes(0xF4, 0xBF, 0xBF, 0xBF)));
        s.add(new Sequence("FF in the middle of 1000 bytes of text",
                concat(Payloads.text(500), bytes(0xFF), Payloads.text(499))));
        return s;
    }

    static List<FuzzCase> all() {
        CaseList list = new CaseList(Category.UTF8, "6");
        for (Sequence seq : sequences()) {
            byte[] b = seq.bytes();
            int bad = Utf8Oracle.firstInvalidByte(b);
            boolean valid = Utf8Oracle.isValid(b);
            String expect = valid ? "echo" : "1007";
            list.add(seq.label() + ", in one frame -> " + expect, s -> {
                s.send(new Frame(Opcode.TEXT, b));
                expectOutcome(s, b, valid);
            });
            list.add(seq.label() + ", one frame written a byte at a time -> " + expect
                    + (bad >= 0 ? " at byte " + bad : ""), s -> byteAtATime(s, b, bad, valid));
            list.add(seq.label() + ", one fragment per byte -> " + expect
                    + (bad >= 0 ? " at fragment " + bad : ""), s -> fragmentPerByte(s, b, bad, valid));
        }
        list.add("empty text message -> echo", s -> {
            s.send(new Frame(Opcode.TEXT, new byte[0]));
            s.expectText(new byte[0]);
        });
        list.add("invalid UTF-8 in a binary message -> echo (binary is not text)", s -> {
            byte[] notText = bytes(0xFF, 0xFE, 0xC0, 0xAF, 0xED, 0xA0, 0x80);
            s.send(Frame.binary(notText));
            s.expectMessage(Opcode.BINARY, notText);
        });
        list.add("frame announcing 64 KiB, invalid byte 10, rest withheld -> 1007 before the rest", s -> {
            byte[] payload = concat(Payloads.text(10), bytes(0xFF), Payloads.text(65536 - 11));
            sendUpTo(s, new Frame(Opcode.TEXT, payload), 11);
            s.expectClose(1007);
        });
        list.add("frame announcing 1 MiB, invalid byte at 512 KiB, rest withheld -> 1007 before the rest", s -> {
            byte[] payload = concat(Payloads.text(512 * 1024), bytes(0xED, 0xA0, 0x80), Payloads.text(512 * 1024));
            sendUpTo(s, new Frame(Opcode.TEXT, payload), 512 * 1024 + 2);
            s.expectClose(1007);
        });
        list.add("valid first fragment, second announcing 64 KiB with an invalid byte 3, rest withheld -> 1007", s -> {
            s.send(Payloads.text(false, Payloads.text(1000)));
            byte[] second = concat(utf8("abc"), bytes(0xC0, 0xAF), Payloads.text(65536 - 5));
            sendUpTo(s, Payloads.continuation(false, second), 4);
            s.expectClose(1007);
        });
        list.add("invalid byte in a middle fragment, last fragment withheld -> 1007", s -> {
            s.send(Payloads.text(false, utf8("valid ")));
            s.send(Payloads.continuation(false, bytes(0x61, 0xF4, 0x90, 0x80, 0x80)));
            s.expectClose(1007);
        });
        list.add("character split over two fragments, invalid continuation in the second -> 1007", s -> {
            s.send(Payloads.text(false, bytes(0x61, 0xE2, 0x82)));
            s.send(Payloads.continuation(false, bytes(0x28, 0x61)));
            s.expectClose(1007);
        });
        list.add("character split over two fragments -> echo", s -> {
            s.send(Payloads.text(false, bytes(0x61, 0xE2, 0x82)));
            s.send(Payloads.continuation(true, bytes(0xAC, 0x61)));
            s.expectText(bytes(0x61, 0xE2, 0x82, 0xAC, 0x61));
        });
        return list.cases();
    }

    private static void expectOutcome(FuzzSession s, byte[] b, boolean valid) {
        if (valid) {
            s.expectText(b);
        } else {
            s.expectClose(1007);
        }
    }

    /** One frame, a byte per write; an invalid sequence stops right after its first invalid byte. */
    private static void byteAtATime(FuzzSession s, byte[] b, int bad, boolean valid) {
        Frame frame = new Frame(Opcode.TEXT, b);
        sendUpTo(s, frame, bad >= 0 ? bad + 1 : b.length, 1);
        expectOutcome(s, b, valid);
    }

    /** One fragment per byte; an invalid sequence stops right after the fragment with its first invalid byte. */
    private static void fragmentPerByte(FuzzSession s, byte[] b, int bad, boolean valid) {
        int last = bad >= 0 ? bad : b.length - 1;
        for (int i = 0; i <= last; i++) {
            byte[] one = {b[i]};
            s.send(i == 0 ? Payloads.text(i == b.length - 1, one) : Payloads.continuation(i == b.length - 1, one));
        }
        expectOutcome(s, b, valid);
    }

    /** Sends the frame's header and the first {@code payloadBytes} of its payload; withholds the rest. */
    private static void sendUpTo(FuzzSession s, Frame frame, int payloadBytes) {
        sendUpTo(s, frame, payloadBytes, Integer.MAX_VALUE);
    }

    private static void sendUpTo(FuzzSession s, Frame frame, int payloadBytes, int chop) {
        byte[] wire = s.encode(frame);
        int header = FrameEncoder.headerSize(frame.length(), s.masks());
        s.sendRaw(Arrays.copyOf(wire, header + payloadBytes), chop);
    }
}

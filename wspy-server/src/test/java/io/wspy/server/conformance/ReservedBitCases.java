package io.wspy.server.conformance;

import io.wspy.frame.Frame;
import io.wspy.frame.Opcode;

import java.util.List;

import static io.wspy.server.conformance.Payloads.utf8;

/**
 * Reserved bits (RFC 6455 section 5.2): with no extension negotiated, any RSV bit fails the
 * connection with 1002, on every kind of frame. Each case first checks an echo, then sends the bad
 * frame followed by a ping that must go unanswered.
 */
final class ReservedBitCases {
    private ReservedBitCases() {
    }

    static List<FuzzCase> all() {
        CaseList list = new CaseList(Category.RESERVED_BITS, "3");
        for (int rsv = 1; rsv <= 7; rsv++) {
            int bits = rsv;
            String name = "RSV=" + Integer.toBinaryString(8 | rsv).substring(1);
            list.add(name + " on a text frame -> 1002", s -> bad(s, Payloads.frame(true, bits, Opcode.TEXT, utf8("x"))));
            list.add(name + " on a binary frame -> 1002",
                    s -> bad(s, Payloads.frame(true, bits, Opcode.BINARY, Payloads.bytes(1, 2, 3))));
            list.add(name + " on a ping -> 1002", s -> bad(s, Payloads.frame(true, bits, Opcode.PING, utf8("p"))));
            list.add(name + " on a pong -> 1002", s -> bad(s, Payloads.frame(true, bits, Opcode.PONG, utf8("p"))));
            list.add(name + " on a close -> 1002",
                    s -> bad(s, Payloads.frame(true, bits, Opcode.CLOSE, Payloads.bytes(0x03, 0xE8))));
            list.add(name + " on a continuation -> 1002", s -> {
                echoFirst(s);
                s.send(Payloads.text(false, utf8("first ")));
                failAfter(s, Payloads.frame(true, bits, Opcode.CONTINUATION, utf8("second")));
            });
        }
        return list.cases();
    }

    private static void bad(FuzzSession s, Frame frame) {
        echoFirst(s);
        failAfter(s, frame);
    }

    private static void echoFirst(FuzzSession s) {
        s.send(Frame.binary(Payloads.bytes(0xAA)));
        s.expectMessage(Opcode.BINARY, Payloads.bytes(0xAA));
    }

    private static void failAfter(FuzzSession s, Frame frame) {
        s.send(frame);
        s.send(Frame.ping(utf8("must not be answered")));
        s.expectClose(1002);
    }
}

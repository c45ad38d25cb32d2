package io.wspy.server.conformance;

import io.wspy.frame.Frame;
import io.wspy.frame.Opcode;

import java.util.List;

import static io.wspy.server.conformance.Payloads.utf8;

/** Reserved opcodes 0x3-0x7 and 0xB-0xF (RFC 6455 section 5.2) fail the connection with 1002. */
final class OpcodeCases {
    private static final int[] RESERVED = {0x3, 0x4, 0x5, 0x6, 0x7, 0xB, 0xC, 0xD, 0xE, 0xF};

    private OpcodeCases() {
    }

    static List<FuzzCase> all() {
        CaseList list = new CaseList(Category.OPCODES, "4");
        for (int opcode : RESERVED) {
            list.add("reserved opcode " + Opcode.name(opcode) + ", empty -> 1002",
                    s -> bad(s, Payloads.frame(true, 0, opcode, new byte[0])));
            list.add("reserved opcode " + Opcode.name(opcode) + " with a payload -> 1002",
                    s -> bad(s, Payloads.frame(true, 0, opcode, utf8("reserved opcode payload"))));
        }
        list.add("reserved opcode 0x3 between two fragments -> 1002", s -> {
            s.send(Payloads.text(false, utf8("frag")));
            s.send(Payloads.frame(true, 0, 0x3, utf8("x")));
            s.send(Payloads.continuation(true, utf8("ment")));
            s.expectClose(1002);
        });
        return list.cases();
    }

    private static void bad(FuzzSession s, Frame frame) {
        s.send(Frame.text("before"));
        s.expectText(utf8("before"));
        s.send(frame);
        s.send(Frame.ping(utf8("must not be answered")));
        s.expectClose(1002);
    }
}

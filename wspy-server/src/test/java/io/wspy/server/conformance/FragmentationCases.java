package io.wspy.server.conformance;

import io.wspy.frame.Frame;
import io.wspy.frame.Opcode;

import java.util.List;

import static io.wspy.server.conformance.Payloads.continuation;
import static io.wspy.server.conformance.Payloads.frame;
import static io.wspy.server.conformance.Payloads.text;
import static io.wspy.server.conformance.Payloads.utf8;

/** Fragmentation (RFC 6455 section 5.4). */
final class FragmentationCases {
    private FragmentationCases() {
    }

    static List<FuzzCase> all() {
        CaseList list = new CaseList(Category.FRAGMENTATION, "5");
        list.add("ping in two fragments -> 1002", s -> {
            s.send(frame(false, 0, Opcode.PING, utf8("frag")));
            s.send(continuation(true, utf8("ment")));
            s.expectClose(1002);
        });
        list.add("pong in two fragments -> 1002", s -> {
            s.send(frame(false, 0, Opcode.PONG, utf8("frag")));
            s.send(continuation(true, utf8("ment")));
            s.expectClose(1002);
        });
        list.add("close in two fragments -> 1002", s -> {
            s.send(frame(false, 0, Opcode.CLOSE, Payloads.bytes(0x03, 0xE8)));
            s.send(continuation(true, utf8("x")));
            s.expectClose(1002);
        });
        list.add("text in two fragments -> echo", s -> {
            s.send(text(false, utf8("frag")));
            s.send(continuation(true, utf8("ment")));
            s.expectText(utf8("fragment"));
        });
        list.add("text in two fragments, in chops of 1 byte -> echo", s -> {
            s.send(text(false, utf8("frag")), 1);
            s.send(continuation(true, utf8("ment")), 1);
            s.expectText(utf8("fragment"));
        });
        list.add("ping between two fragments -> pong, then echo", s -> {
            s.send(text(false, utf8("frag")));
            s.send(Frame.ping(utf8("between")));
            s.send(continuation(true, utf8("ment")));
            s.expectPong(utf8("between"));
            s.expectText(utf8("fragment"));
        });
        list.add("ping between two fragments, in chops of 1 byte -> pong, then echo", s -> {
            s.send(text(false, utf8("frag")), 1);
            s.send(Frame.ping(utf8("between")), 1);
            s.send(continuation(true, utf8("ment")), 1);
            s.expectPong(utf8("between"));
            s.expectText(utf8("fragment"));
        });
        list.add("pong between two fragments -> echo only", s -> {
            s.send(text(false, utf8("frag")));
            s.send(Frame.pong(utf8("unsolicited")));
            s.send(continuation(true, utf8("ment")));
            s.expectText(utf8("fragment"));
        });
        list.add("five fragments with a ping after each of the first four -> 4 pongs, then echo",
                s -> fiveFragmentsWithPings(s, Integer.MAX_VALUE));
        list.add("the same in chops of 1 byte -> 4 pongs, then echo", s -> fiveFragmentsWithPings(s, 1));
        list.add("close between two fragments -> close echoed", s -> {
            s.send(text(false, utf8("frag")));
            s.send(Frame.close(1000, "between"));
            s.expectClose(1000);
        });
        list.add("continuation (FIN) without a message -> 1002", s -> {
            s.send(continuation(true, utf8("orphan")));
            s.expectClose(1002);
        });
        list.add("continuation (not FIN) without a message -> 1002", s -> {
            s.send(continuation(false, utf8("orphan")));
            s.send(text(true, utf8("valid")));
            s.expectClose(1002);
        });
        list.add("continuation after a finished message -> 1002", s -> {
            s.send(Frame.text("whole"));
            s.expectText(utf8("whole"));
            s.send(continuation(true, utf8("orphan")));
            s.expectClose(1002);
        });
        list.add("continuation without a message, in chops of 1 byte -> 1002", s -> {
            s.send(continuation(false, utf8("orphan")), 1);
            s.send(continuation(true, utf8("orphan")), 1);
            s.expectClose(1002);
        });
        list.add("text started, then a new text message -> 1002", s -> {
            s.send(text(false, utf8("first")));
            s.send(text(true, utf8("second")));
            s.expectClose(1002);
        });
        list.add("text started, then a binary message -> 1002", s -> {
            s.send(text(false, utf8("first")));
            s.send(Frame.binary(Payloads.bytes(1)));
            s.expectClose(1002);
        });
        list.add("binary started, continued, then a new text fragment -> 1002", s -> {
            s.send(frame(false, 0, Opcode.BINARY, Payloads.bytes(1)));
            s.send(continuation(false, Payloads.bytes(2)));
            s.send(text(false, utf8("new")));
            s.expectClose(1002);
        });
        list.add("binary in 100 fragments -> echo", s -> {
            byte[] payload = Payloads.binary(1000);
            s.sendFragmented(Opcode.BINARY, payload, 10);
            s.expectMessage(Opcode.BINARY, payload);
        });
        list.add("text fragmented at every byte, multi-byte characters split -> echo", s -> {
            byte[] payload = Payloads.text(200);
            s.sendFragmented(Opcode.TEXT, payload, 1);
            s.expectText(payload);
        });
        list.add("empty first and last fragments around a payload -> echo", s -> {
            s.send(text(false, new byte[0]));
            s.send(continuation(false, utf8("middle")));
            s.send(continuation(true, new byte[0]));
            s.expectText(utf8("middle"));
        });
        list.add("three empty fragments -> empty echo", s -> {
            s.send(text(false, new byte[0]));
            s.send(continuation(false, new byte[0]));
            s.send(continuation(true, new byte[0]));
            s.expectText(new byte[0]);
        });
        list.add("two fragmented messages back to back -> both echoed in order", s -> {
            s.send(text(false, utf8("one-")));
            s.send(continuation(true, utf8("a")));
            s.send(frame(false, 0, Opcode.BINARY, Payloads.bytes(1)));
            s.send(continuation(false, Payloads.bytes(2)));
            s.send(continuation(true, Payloads.bytes(3)));
            s.expectText(utf8("one-a"));
            s.expectMessage(Opcode.BINARY, Payloads.bytes(1, 2, 3));
        });
        list.add("fragmented message with 2 pings between the same fragments -> 2 pongs, then echo", s -> {
            s.send(frame(false, 0, Opcode.BINARY, Payloads.bytes(1)));
            s.send(Frame.ping(utf8("a")));
            s.send(Frame.ping(utf8("b")));
            s.send(continuation(true, Payloads.bytes(2)));
            s.expectPong(utf8("a"));
            s.expectPong(utf8("b"));
            s.expectMessage(Opcode.BINARY, Payloads.bytes(1, 2));
        });
        return list.cases();
    }

    private static void fiveFragmentsWithPings(FuzzSession s, int chop) {
        String[] parts = {"frag", "men", "ted ", "mess", "age"};
        for (int i = 0; i < parts.length; i++) {
            Frame f = i == 0 ? text(false, utf8(parts[i])) : continuation(i == parts.length - 1, utf8(parts[i]));
            s.send(f, chop);
            if (i < parts.length - 1) {
                s.send(Frame.ping(utf8("ping " + i)), chop);
            }
        }
        for (int i = 0; i < parts.length - 1; i++) {
            s.expectPong(utf8("ping " + i));
        }
        s.expectText(utf8("fragmented message"));
    }
}

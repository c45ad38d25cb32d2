package io.wspy.server.conformance;

import io.wspy.frame.Frame;
import io.wspy.frame.Opcode;

import java.util.List;

import static io.wspy.server.conformance.Payloads.utf8;

/** Pings and pongs (RFC 6455 sections 5.5.2 and 5.5.3). */
final class PingCases {
    private PingCases() {
    }

    static List<FuzzCase> all() {
        CaseList list = new CaseList(Category.PINGS, "2");
        list.add("ping without payload -> pong without payload", s -> pingPong(s, new byte[0], Integer.MAX_VALUE));
        list.add("ping with a text payload -> pong with it", s -> pingPong(s, utf8("Hello, world!"), Integer.MAX_VALUE));
        list.add("ping with a binary payload -> pong with it",
                s -> pingPong(s, Payloads.bytes(0x00, 0xFF, 0xFE, 0xFD, 0xFC, 0xFB, 0x00, 0xFF), Integer.MAX_VALUE));
        list.add("ping with 125 bytes -> pong with them", s -> pingPong(s, Payloads.binary(125), Integer.MAX_VALUE));
        list.add("ping with 125 bytes in chops of 1 byte -> pong", s -> pingPong(s, Payloads.binary(125), 1));
        list.add("ping with 126 bytes -> 1002", s -> {
            s.send(new Frame(Opcode.PING, Payloads.binary(126)));
            s.expectClose(1002);
        });
        list.add("pong with 126 bytes -> 1002", s -> {
            s.send(new Frame(Opcode.PONG, Payloads.binary(126)));
            s.expectClose(1002);
        });
        list.add("unsolicited empty pong -> ignored", s -> {
            s.send(new Frame(Opcode.PONG, new byte[0]));
            s.send(Frame.text("after the pong"));
            s.expectText(utf8("after the pong"));
        });
        list.add("unsolicited pong with payload, then ping -> only the ping answered", s -> {
            s.send(Frame.pong(utf8("unsolicited")));
            s.send(Frame.ping(utf8("solicited")));
            s.expectPong(utf8("solicited"));
        });
        list.add("10 pings in a row -> 10 pongs in order", s -> tenPings(s, Integer.MAX_VALUE));
        list.add("10 pings in a row in chops of 1 byte -> 10 pongs in order", s -> tenPings(s, 1));
        list.add("ping then text in one write -> pong then echo", s -> {
            s.sendRaw(Payloads.concat(s.encode(Frame.ping(utf8("p"))), s.encode(Frame.text("t"))));
            s.expectPong(utf8("p"));
            s.expectText(utf8("t"));
        });
        list.add("ping then close -> pong then close", s -> {
            s.send(Frame.ping(utf8("last")));
            s.send(Frame.close(1000, ""));
            s.expectPong(utf8("last"));
            s.expectClose(1000);
        });
        return list.cases();
    }

    private static void pingPong(FuzzSession s, byte[] payload, int chop) {
        s.send(new Frame(Opcode.PING, payload), chop);
        s.expectPong(payload);
    }

    private static void tenPings(FuzzSession s, int chop) {
        for (int i = 0; i < 10; i++) {
            s.send(Frame.ping(utf8("ping " + i)), chop);
        }
        for (int i = 0; i < 10; i++) {
            s.expectPong(utf8("ping " + i));
        }
    }
}

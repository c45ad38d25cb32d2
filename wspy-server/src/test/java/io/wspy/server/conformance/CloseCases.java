package io.wspy.server.conformance;

import io.wspy.frame.Frame;
import io.wspy.frame.Opcode;

import java.util.List;

import static io.wspy.server.conformance.Payloads.bytes;
import static io.wspy.server.conformance.Payloads.utf8;

/** The closing handshake (RFC 6455 sections 5.5.1, 7.1 and 7.4). */
final class CloseCases {
    private static final int[] VALID = {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014,
        3000, 3999, 4000, 4999};
    private static final int[] INVALID = {0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535};

    private CloseCases() {
    }

    static List<FuzzCase> all() {
        CaseList list = new CaseList(Category.CLOSE, "7");
        list.add("close 1000 with a reason -> 1000 echoed, TCP closed", s -> {
            s.send(Frame.close(1000, "bye"));
            s.expectClose(1000);
        });
        list.add("close without a payload -> close without a code, or 1000", s -> {
            s.send(Frame.close());
            s.expectClose(FuzzSession.NO_CODE, 1000);
        });
        list.add("close with a one-byte payload -> 1002", s -> {
            s.send(new Frame(Opcode.CLOSE, bytes(0x03)));
            s.expectClose(1002);
        });
        list.add("close 1000 with a 123-byte ASCII reason -> 1000", s -> {
            s.send(Payloads.close(1000, utf8("r".repeat(123))));
            s.expectClose(1000);
        });
        list.add("close 1000 with a 123-byte multi-byte UTF-8 reason -> 1000", s -> {
            s.send(Payloads.close(1000, Payloads.text(123)));
            s.expectClose(1000);
        });
        list.add("close with a 124-byte reason (126-byte payload) -> 1002", s -> {
            s.send(Payloads.close(1000, utf8("r".repeat(124))));
            s.expectClose(1002);
        });
        list.add("close with an invalid UTF-8 reason -> 1007", s -> {
            s.send(Payloads.close(1000, bytes(0xCE, 0xBA, 0xE1, 0xBD, 0xB9, 0xCF, 0x83, 0xED, 0xA0, 0x80)));
            s.expectClose(1007);
        });
        list.add("close with a reason cut inside a character -> 1007", s -> {
            s.send(Payloads.close(1000, bytes(0x61, 0xE2, 0x82)));
            s.expectClose(1007);
        });
        for (int code : VALID) {
            list.add("close " + code + " -> " + code + " echoed", s -> {
                s.send(Frame.close(code, ""));
                s.expectClose(code);
            });
        }
        for (int code : INVALID) {
            list.add("close with invalid code " + code + " -> 1002", s -> {
                s.send(Payloads.close(code, new byte[0]));
                s.expectClose(1002);
            });
        }
        list.add("close frame in chops of 1 byte -> echoed", s -> {
            s.send(Frame.close(1000, "chopped"), 1);
            s.expectClose(1000);
        });
        list.add("close, then a second close -> one close back", s -> {
            s.send(Frame.close(1000, "first"));
            s.send(Frame.close(1001, "second"));
            s.expectClose(1000);
        });
        list.add("close, then a text message -> the message is ignored", s -> {
            s.send(Frame.close(1000, ""));
            s.send(Frame.text("after the close"));
            s.expectClose(1000);
        });
        list.add("close, then a ping -> no pong", s -> {
            s.send(Frame.close(1000, ""));
            s.send(Frame.ping(utf8("after the close")));
            s.expectClose(1000);
        });
        list.add("close, then invalid bytes -> ignored", s -> {
            s.send(Frame.close(1000, ""));
            s.sendRaw(bytes(0xFF, 0xFF, 0xFF, 0xFF));
            s.expectClose(1000);
        });
        list.add("text and close in one write -> echo, then close", s -> {
            s.sendRaw(Payloads.concat(s.encode(Frame.text("last words")), s.encode(Frame.close(1000, ""))));
            s.expectText(utf8("last words"));
            s.expectClose(1000);
        });
        list.add("256 KiB message, close, ping -> echo, close, no pong", s -> {
            byte[] big = Payloads.binary(256 * 1024);
            s.send(Frame.binary(big));
            s.send(Frame.close(1000, ""));
            s.send(Frame.ping(utf8("too late")));
            s.expectMessage(Opcode.BINARY, big);
            s.expectClose(1000);
        });
        return list.cases();
    }
}

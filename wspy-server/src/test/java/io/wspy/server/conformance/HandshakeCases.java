package io.wspy.server.conformance;

import io.wspy.frame.Frame;

import java.util.List;
import java.util.Set;

import static io.wspy.server.conformance.Payloads.utf8;

/**
 * The opening handshake (RFC 6455 section 4) as far as it concerns the echo peers: subprotocol
 * selection and refused requests for servers; refusing a bad response for the client. The accept
 * key and the extension answer are checked in every case's handshake.
 */
final class HandshakeCases {
    private HandshakeCases() {
    }

    static List<FuzzCase> all() {
        CaseList list = new CaseList(Category.HANDSHAKE, "0");
        list.add("offer chat.v1 -> chat.v1 selected", s -> expectProtocol(s, Set.of("chat.v1")),
                c -> c.only(Side.SERVER).with(Opening.subprotocols("chat.v1")));
        list.add("offer x, chat.v2, chat.v1 -> one of the supported selected",
                s -> expectProtocol(s, Set.of("chat.v2", "chat.v1")),
                c -> c.only(Side.SERVER).with(Opening.subprotocols("x", "chat.v2", "chat.v1")));
        list.add("offer only an unsupported subprotocol -> none selected", s -> expectProtocol(s, Set.of()),
                c -> c.only(Side.SERVER).with(Opening.subprotocols("unsupported")));
        list.add("no subprotocol offered -> none selected", s -> expectProtocol(s, Set.of()),
                c -> c.only(Side.SERVER));
        list.add("Sec-WebSocket-Version: 8 -> refused with a 4xx naming version 13", s -> {
            expectRefused(s);
            String versions = s.handshake().header("Sec-WebSocket-Version");
            if (versions == null || !versions.contains("13")) {
                throw s.fail("the refusal does not name the supported version: " + versions);
            }
        }, c -> c.only(Side.SERVER).with(Opening.with(Opening.Variant.WRONG_VERSION)));
        list.add("no Sec-WebSocket-Key -> refused with a 4xx", HandshakeCases::expectRefused,
                c -> c.only(Side.SERVER).with(Opening.with(Opening.Variant.NO_KEY)));
        list.add("a Sec-WebSocket-Key of 12 bytes -> refused with a 4xx", HandshakeCases::expectRefused,
                c -> c.only(Side.SERVER).with(Opening.with(Opening.Variant.SHORT_KEY)));
        list.add("no Host header -> refused with a 4xx", HandshakeCases::expectRefused,
                c -> c.only(Side.SERVER).with(Opening.with(Opening.Variant.NO_HOST)));
        list.add("POST instead of GET -> refused with a 4xx", HandshakeCases::expectRefused,
                c -> c.only(Side.SERVER).with(Opening.with(Opening.Variant.POST)));
        list.add("HTTP/1.0 -> refused with a 4xx", HandshakeCases::expectRefused,
                c -> c.only(Side.SERVER).with(Opening.with(Opening.Variant.HTTP_1_0)));
        list.add("lower-case header names, Upgrade: WebSocket, Connection: keep-alive, Upgrade -> accepted",
                HandshakeCases::echoWorks, c -> c.with(Opening.with(Opening.Variant.ODD_HEADERS)));
        list.add("handshake head written one byte at a time -> accepted", HandshakeCases::echoWorks,
                c -> c.with(Opening.with(Opening.Variant.CHOPPED_HEAD)));
        list.add("wrong Sec-WebSocket-Accept -> the client drops the connection", FuzzSession::expectDrop,
                c -> c.only(Side.CLIENT).with(Opening.with(Opening.Variant.WRONG_ACCEPT)));
        list.add("a subprotocol the client did not offer -> the client drops the connection", FuzzSession::expectDrop,
                c -> c.only(Side.CLIENT).with(Opening.with(Opening.Variant.UNREQUESTED_SUBPROTOCOL)));
        list.add("an extension the client did not offer -> the client drops the connection", FuzzSession::expectDrop,
                c -> c.only(Side.CLIENT).with(Opening.with(Opening.Variant.UNREQUESTED_EXTENSION)));
        list.add("200 OK instead of 101 -> the client drops the connection", FuzzSession::expectDrop,
                c -> c.only(Side.CLIENT).with(Opening.with(Opening.Variant.NOT_SWITCHING)));
        return list.cases();
    }

    private static void expectProtocol(FuzzSession s, Set<String> acceptable) {
        String chosen = s.handshake().header("Sec-WebSocket-Protocol");
        if (acceptable.isEmpty() ? chosen != null : !acceptable.contains(chosen)) {
            throw s.fail("expected a subprotocol among " + acceptable + ", got " + chosen);
        }
        s.send(Frame.text("with " + chosen));
        s.expectText(utf8("with " + chosen));
    }

    private static void echoWorks(FuzzSession s) {
        s.send(Frame.text("upgraded"));
        s.expectText(utf8("upgraded"));
    }

    private static void expectRefused(FuzzSession s) {
        int status = s.handshake().status();
        if (s.upgraded() || status < 400 || status > 499) {
            throw s.fail("expected a 4xx refusal, got " + s.handshake().firstLine());
        }
    }
}

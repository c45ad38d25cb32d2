package io.wspy.server.conformance;

/** The case categories, in the order of the pass table (after the Autobahn TestSuite's). */
enum Category {
    HANDSHAKE("opening handshake"),
    FRAMING("framing"),
    PINGS("pings and pongs"),
    RESERVED_BITS("reserved bits"),
    OPCODES("reserved opcodes"),
    FRAGMENTATION("fragmentation"),
    UTF8("UTF-8"),
    CLOSE("close handling"),
    LIMITS("limits"),
    DEFLATE("permessage-deflate");

    private final String label;

    Category(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }
}

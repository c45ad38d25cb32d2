package io.wspy.server.conformance;

import io.wspy.frame.Frame;
import io.wspy.frame.FrameEncoder;
import io.wspy.frame.Opcode;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static io.wspy.server.conformance.Payloads.bytes;

/**
 * Limits: a message over the peer's maximum fails the connection with 1009 as soon as its size is
 * known from a frame header, before the payload is buffered (the fuzzer withholds it); many small
 * frames and many messages go through. Servers run with a 64 KiB limit here.
 */
final class LimitCases {
    private static final Duration MANY = Duration.ofSeconds(15);
    private static final Duration LARGE = Duration.ofSeconds(30);

    private LimitCases() {
    }

    static List<FuzzCase> all() {
        CaseList list = new CaseList(Category.LIMITS, "9");
        list.add("binary message of exactly the limit -> echo", s -> {
            byte[] payload = Payloads.binary((int) s.peerMaxMessageSize());
            s.send(Frame.binary(payload), 64 * 1024);
            s.expectMessage(Opcode.BINARY, payload);
        }, c -> limited(c).within(LARGE));
        list.add("binary frame announcing the limit + 1, payload withheld -> 1009", s -> {
            announce(s, Payloads.frame(true, 0, Opcode.BINARY, new byte[0]), s.peerMaxMessageSize() + 1);
            s.expectClose(1009);
        }, LimitCases::limited);
        list.add("text frame announcing the limit + 1, payload withheld -> 1009", s -> {
            announce(s, Payloads.frame(true, 0, Opcode.TEXT, new byte[0]), s.peerMaxMessageSize() + 1);
            s.expectClose(1009);
        }, LimitCases::limited);
        list.add("1-byte fragment, then a fragment announcing the limit, withheld -> 1009", s -> {
            s.send(Payloads.frame(false, 0, Opcode.BINARY, bytes(1)));
            announce(s, Payloads.continuation(true, new byte[0]), s.peerMaxMessageSize());
            s.expectClose(1009);
        }, LimitCases::limited);
        list.add("frame announcing 2^63 - 1 bytes, withheld -> 1009", s -> {
            announce(s, Payloads.frame(true, 0, Opcode.BINARY, new byte[0]), Long.MAX_VALUE);
            s.expectClose(1009);
        }, LimitCases::limited);
        list.add("message in 10,000 frames of 1 byte -> echo", s -> {
            byte[] payload = Payloads.binary(10_000);
            byte[][] frames = new byte[10_000][];
            for (int i = 0; i < frames.length; i++) {
                boolean fin = i == frames.length - 1;
                frames[i] = s.encode(Payloads.frame(fin, 0, i == 0 ? Opcode.BINARY : Opcode.CONTINUATION,
                        new byte[] {payload[i]}));
            }
            s.sendRaw(Payloads.concat(frames));
            s.expectMessage(Opcode.BINARY, payload);
        }, c -> limited(c).within(MANY));
        list.add("1,000 messages in one write -> 1,000 echoes in order", s -> {
            byte[][] frames = new byte[1000][];
            for (int i = 0; i < frames.length; i++) {
                frames[i] = s.encode(Frame.text("message " + i));
            }
            s.sendRaw(Payloads.concat(frames));
            for (int i = 0; i < frames.length; i++) {
                s.expectText(Payloads.utf8("message " + i));
            }
        }, c -> limited(c).within(MANY));
        return list.cases();
    }

    private static FuzzCase limited(FuzzCase c) {
        return c.with(Profile.SMALL_LIMIT);
    }

    /** Sends just the header of {@code frame} with {@code length} in its length field. */
    private static void announce(FuzzSession s, Frame frame, long length) {
        byte[] header = new byte[FrameEncoder.MAX_HEADER_SIZE];
        ByteBuffer b = ByteBuffer.wrap(header);
        FrameEncoder.writeHeader(b, frame.fin(), frame.rsv(), frame.opcode(), length, s.masks(), 0);
        s.sendRaw(Arrays.copyOf(header, b.position()));
    }
}

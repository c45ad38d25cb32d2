package io.wspy.frame;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Random valid frames for the stream and round-trip tests. Seeded: every run sees the same frames. */
final class RandomFrames {
    private static final int[] DATA_OPCODES = {Opcode.CONTINUATION, Opcode.TEXT, Opcode.BINARY};
    private static final int[] CONTROL_OPCODES = {Opcode.CLOSE, Opcode.PING, Opcode.PONG};

    private final Random random;

    RandomFrames(long seed) {
        this.random = new Random(seed);
    }

    /** A control frame with 0 to 125 payload bytes. */
    Frame control() {
        int opcode = CONTROL_OPCODES[random.nextInt(CONTROL_OPCODES.length)];
        return new Frame(opcode, TestBytes.random(random, random.nextInt(Frame.MAX_CONTROL_PAYLOAD + 1)));
    }

    /** A data frame of exactly {@code length} bytes with random FIN, RSV bits and data opcode. */
    Frame data(int length) {
        int opcode = DATA_OPCODES[random.nextInt(DATA_OPCODES.length)];
        return new Frame(random.nextBoolean(), random.nextInt(8), opcode,
                ByteBuffer.wrap(TestBytes.random(random, length)));
    }

    /**
     * A length in the 7-bit class (0-125), the 16-bit class (126-65535, here kept below 1200 to keep
     * streams short) or the 64-bit class (65536 and up, here at most 65536 + 999).
     */
    int length(int lengthClass) {
        switch (lengthClass) {
            case 0: return random.nextInt(126);
            case 1: return 126 + random.nextInt(1074);
            default: return 65536 + (random.nextBoolean() ? 0 : random.nextInt(1000));
        }
    }

    /**
     * {@code count} frames: mostly short data and control frames, some in the 16-bit length class,
     * and {@code large} frames in the 64-bit class, in random order.
     */
    List<Frame> frames(int count, int large) {
        List<Frame> frames = new ArrayList<>();
        for (int i = 0; i < large; i++) {
            frames.add(data(length(2)));
        }
        frames.add(data(0));
        frames.add(data(125));
        frames.add(data(126));
        frames.add(new Frame(Opcode.PING, new byte[0]));
        frames.add(control());
        while (frames.size() < count) {
            int kind = random.nextInt(10);
            frames.add(kind < 3 ? control() : data(length(kind < 8 ? 0 : 1)));
        }
        java.util.Collections.shuffle(frames, random);
        return frames;
    }

    /** The frames, each with a random masking key (as a client sends them). */
    List<Frame> masked(List<Frame> frames) {
        List<Frame> masked = new ArrayList<>(frames.size());
        for (Frame f : frames) {
            masked.add(f.withMaskingKey(random.nextInt()));
        }
        return masked;
    }

    Random random() {
        return random;
    }
}

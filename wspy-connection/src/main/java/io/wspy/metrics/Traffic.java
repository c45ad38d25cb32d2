package io.wspy.metrics;

/**
 * Messages of one opcode in one direction.
 *
 * @param messages     how many
 * @param payloadBytes the application's bytes (before compression out, after decompression in)
 * @param wireBytes    the frames' bytes on the wire, headers included
 */
public record Traffic(long messages, long payloadBytes, long wireBytes) {
    /** No message. */
    public static final Traffic NONE = new Traffic(0, 0, 0);

    /** The sum of this and {@code other}. */
    public Traffic plus(Traffic other) {
        return new Traffic(messages + other.messages, payloadBytes + other.payloadBytes, wireBytes + other.wireBytes);
    }
}

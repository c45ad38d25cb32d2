package io.wspy.bench.load;

/**
 * The text of a fan-out message: {@code SEQUENCE SENT-NANOS} and padding to the message size, so a
 * subscriber checks order and measures the time since publishing ({@link System#nanoTime()}: the
 * nodes and the subscribers share one JVM).
 */
final class FanOutPayload {
    private FanOutPayload() {
    }

    /** The text of message {@code sequence} sent at {@code sentNanos}, padded with 'x' to {@code size} characters. */
    static String of(long sequence, long sentNanos, int size) {
        StringBuilder text = new StringBuilder(size).append(sequence).append(' ').append(sentNanos).append(' ');
        while (text.length() < size) {
            text.append('x');
        }
        return text.toString();
    }

    static long sequence(String text) {
        return Long.parseLong(text, 0, text.indexOf(' '), 10);
    }

    static long sentNanos(String text) {
        int first = text.indexOf(' ');
        return Long.parseLong(text, first + 1, text.indexOf(' ', first + 1), 10);
    }
}

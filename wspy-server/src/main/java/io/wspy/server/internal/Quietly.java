package io.wspy.server.internal;

/** Closing what is being given up, where a failure to close changes nothing. */
public final class Quietly {
    private Quietly() {
    }

    /** Closes {@code closeable} (if not null), ignoring what it throws. */
    public static void close(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception ignored) {
            // Closing is all that is left to do.
        }
    }
}

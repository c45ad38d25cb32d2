package io.wspy.connection;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongConsumer;

/**
 * Keeps a client connected: connects with the same URI and options again and again, waiting
 * between attempts with exponential back-off and full jitter (a random wait between zero and the
 * current ceiling, so that many clients dropped together do not come back together).
 *
 * <pre>{@code
 * Reconnector reconnector = Reconnector.to(uri, options).build();
 * reconnector.runForever(webSocket -> new MyConnection(webSocket));   // until stop()
 * }</pre>
 */
public final class Reconnector {
    private final URI uri;
    private final ClientOptions options;
    private final Duration initialDelay;
    private final Duration maxDelay;
    private final int maxAttempts;
    private final LongConsumer sleeper;
    private volatile boolean stopped;
    private volatile Connection current;

    private Reconnector(Builder b) {
        this.uri = b.uri;
        this.options = b.options;
        this.initialDelay = b.initialDelay;
        this.maxDelay = b.maxDelay;
        this.maxAttempts = b.maxAttempts;
        this.sleeper = b.sleeper;
    }

    /** A builder for reconnecting to {@code uri} with {@code options}. */
    public static Builder to(URI uri, ClientOptions options) {
        return new Builder(uri, options);
    }

    /** Makes the connection a {@link WebSocket} is wrapped in. */
    @FunctionalInterface
    public interface ConnectionFactory {
        /** A connection over a freshly connected endpoint. */
        Connection create(WebSocket webSocket) throws IOException;
    }

    /**
     * Connects, retrying failed attempts with back-off.
     *
     * @throws IOException          the last failure, once the attempts are used up
     * @throws InterruptedException if the waiting thread is interrupted or {@link #stop()} is called
     */
    public WebSocket connect() throws IOException, InterruptedException {
        IOException last = null;
        for (int attempt = 0; attempt < maxAttempts; attempt++) {
            if (stopped) {
                throw new InterruptedException("reconnector stopped");
            }
            if (attempt > 0) {
                sleeper.accept(delayBefore(attempt));
            }
            try {
                return WebSocket.connect(uri, options);
            } catch (IOException e) {
                last = e;
            }
        }
        throw last;
    }

    /**
     * Connects, runs the connection's {@link Connection#receiveForever()} until it closes, and
     * starts over, until {@link #stop()} is called or the attempts of one round are used up.
     */
    public void runForever(ConnectionFactory factory) throws IOException, InterruptedException {
        while (!stopped) {
            Connection connection = factory.create(connect());
            current = connection;
            if (stopped) {
                connection.close();
            }
            connection.receiveForever();
            current = null;
        }
    }

    /** Stops reconnecting and closes the current connection, if any. */
    public void stop() throws IOException {
        stopped = true;
        Connection connection = current;
        if (connection != null) {
            connection.close();
        }
    }

    /**
     * The wait in milliseconds before {@code attempt} (1 for the first retry): random in
     * [0, min(max, initial * 2^(attempt-1))]. The non-blocking client's reconnecting uses it too.
     */
    public long delayBefore(int attempt) {
        long ceiling = initialDelay.toMillis() << Math.min(attempt - 1, 30);
        if (ceiling <= 0 || ceiling > maxDelay.toMillis()) {
            ceiling = maxDelay.toMillis();
        }
        return ThreadLocalRandom.current().nextLong(ceiling + 1);
    }

    /** Settings of a {@link Reconnector}. */
    public static final class Builder {
        private final URI uri;
        private final ClientOptions options;
        private Duration initialDelay = Duration.ofMillis(500);
        private Duration maxDelay = Duration.ofSeconds(30);
        private int maxAttempts = Integer.MAX_VALUE;
        private LongConsumer sleeper = Builder::sleep;

        private Builder(URI uri, ClientOptions options) {
            this.uri = Objects.requireNonNull(uri, "uri");
            this.options = Objects.requireNonNull(options, "options");
        }

        /** The back-off ceiling of the first retry (default 500 ms), doubling up to {@code max} (default 30 s). */
        public Builder backoff(Duration initial, Duration max) {
            if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
                throw new IllegalArgumentException("need 0 < initial <= max");
            }
            this.initialDelay = initial;
            this.maxDelay = max;
            return this;
        }

        /** How many attempts one {@link #connect()} makes before giving up (default: unlimited). */
        public Builder maxAttempts(int attempts) {
            if (attempts < 1) {
                throw new IllegalArgumentException("at least one attempt");
            }
            this.maxAttempts = attempts;
            return this;
        }

        /** How to wait (tests pass a recorder instead of sleeping). */
        Builder sleeper(LongConsumer sleeper) {
            this.sleeper = sleeper;
            return this;
        }

        /** The reconnector. */
        public Reconnector build() {
            return new Reconnector(this);
        }

        private static void sleep(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

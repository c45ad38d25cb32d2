package io.wspy.cluster;

import java.net.URI;
import java.time.Duration;

/**
 * The options of a {@link RedisBroker}: immutable, built with {@link #builder(String)}; every limit
 * has a safe default.
 */
public final class RedisBrokerOptions {
    private final String uri;
    private final String keyPrefix;
    private final int maxInFlight;
    private final Duration commandTimeout;
    private final Duration reconnectMinDelay;
    private final Duration reconnectMaxDelay;
    private final Duration presenceLifetime;
    private final int historySize;
    private final Duration historyLifetime;

    private RedisBrokerOptions(Builder b) {
        this.uri = b.uri;
        this.keyPrefix = b.keyPrefix;
        this.maxInFlight = b.maxInFlight;
        this.commandTimeout = b.commandTimeout;
        this.reconnectMinDelay = b.reconnectMinDelay;
        this.reconnectMaxDelay = b.reconnectMaxDelay;
        this.presenceLifetime = b.presenceLifetime;
        this.historySize = b.historySize;
        this.historyLifetime = b.historyLifetime;
    }

    /** A builder for the Redis server at {@code uri}, such as {@code redis://127.0.0.1:6379}. */
    public static Builder builder(String uri) {
        return new Builder(uri);
    }

    /** The Redis server's URI ({@code redis://[password@]host:port[/database]}, or {@code rediss://} for TLS). */
    public String uri() {
        return uri;
    }

    /** Put before every channel and key of this cluster, so several clusters can share a Redis; default {@code wspy:}. */
    public String keyPrefix() {
        return keyPrefix;
    }

    /**
     * Commands (publications, presence updates) that may wait for Redis on one connection; past it
     * a publication fails at once. Bounds the memory a slow Redis can hold: Lettuce bounds both its
     * queue of commands to write and its queue of commands awaiting an answer by this number, so at
     * most twice as many commands are held; default 10,000.
     */
    public int maxInFlight() {
        return maxInFlight;
    }

    /** How long a command may wait for Redis's answer; default 2 s. */
    public Duration commandTimeout() {
        return commandTimeout;
    }

    /** The first pause before reconnecting; doubled after each failure up to {@link #reconnectMaxDelay()}; default 100 ms. */
    public Duration reconnectMinDelay() {
        return reconnectMinDelay;
    }

    /** The longest pause between reconnection attempts; default 5 s. */
    public Duration reconnectMaxDelay() {
        return reconnectMaxDelay;
    }

    /**
     * How long a member stays in a room's presence without its node refreshing it (so the members of
     * a node that vanished go); longer than {@link RoomsOptions#presenceRefresh()}; default 30 s.
     */
    public Duration presenceLifetime() {
        return presenceLifetime;
    }

    /**
     * How many recent messages of each room are kept in a Redis stream ({@code <prefix>history:room:<name>},
     * trimmed with {@code XADD MAXLEN ~}, so somewhat more may be kept) for clients that reconnect
     * to recover what they missed ({@link Rooms#recover}); default 0, none.
     */
    public int historySize() {
        return historySize;
    }

    /** How long a room's history is kept after its last message; default 1 hour. */
    public Duration historyLifetime() {
        return historyLifetime;
    }

    /** Builds {@link RedisBrokerOptions}; each setter checks its value. */
    public static final class Builder {
        private final String uri;
        private String keyPrefix = "wspy:";
        private int maxInFlight = 10_000;
        private Duration commandTimeout = Duration.ofSeconds(2);
        private Duration reconnectMinDelay = Duration.ofMillis(100);
        private Duration reconnectMaxDelay = Duration.ofSeconds(5);
        private Duration presenceLifetime = Duration.ofSeconds(30);
        private int historySize;
        private Duration historyLifetime = Duration.ofHours(1);

        private Builder(String uri) {
            if (uri == null) {
                throw new IllegalArgumentException("the Redis URI must not be null");
            }
            String scheme = URI.create(uri).getScheme();
            if (!"redis".equals(scheme) && !"rediss".equals(scheme)) {
                throw new IllegalArgumentException("a Redis URI starts with redis:// or rediss://: " + uri);
            }
            this.uri = uri;
        }

        /** See {@link RedisBrokerOptions#keyPrefix()}. */
        public Builder keyPrefix(String prefix) {
            if (prefix == null) {
                throw new IllegalArgumentException("keyPrefix must not be null");
            }
            this.keyPrefix = prefix;
            return this;
        }

        /** See {@link RedisBrokerOptions#maxInFlight()}. */
        public Builder maxInFlight(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxInFlight must be at least 1: " + max);
            }
            this.maxInFlight = max;
            return this;
        }

        /** See {@link RedisBrokerOptions#commandTimeout()}. */
        public Builder commandTimeout(Duration timeout) {
            this.commandTimeout = positive("commandTimeout", timeout);
            return this;
        }

        /** See {@link RedisBrokerOptions#reconnectMinDelay()} and {@link RedisBrokerOptions#reconnectMaxDelay()}. */
        public Builder reconnectDelay(Duration min, Duration max) {
            positive("reconnect min delay", min);
            positive("reconnect max delay", max);
            if (max.compareTo(min) < 0) {
                throw new IllegalArgumentException("the reconnect max delay " + max + " is below the min delay " + min);
            }
            this.reconnectMinDelay = min;
            this.reconnectMaxDelay = max;
            return this;
        }

        /** See {@link RedisBrokerOptions#presenceLifetime()}. */
        public Builder presenceLifetime(Duration lifetime) {
            this.presenceLifetime = positive("presenceLifetime", lifetime);
            return this;
        }

        /** See {@link RedisBrokerOptions#historySize()}: 0 (none) to 1,000,000. */
        public Builder historySize(int size) {
            if (size < 0 || size > 1_000_000) {
                throw new IllegalArgumentException("historySize must be 0 to 1,000,000: " + size);
            }
            this.historySize = size;
            return this;
        }

        /** See {@link RedisBrokerOptions#historyLifetime()}. */
        public Builder historyLifetime(Duration lifetime) {
            this.historyLifetime = positive("historyLifetime", lifetime);
            return this;
        }

        /** The options. */
        public RedisBrokerOptions build() {
            return new RedisBrokerOptions(this);
        }

        private static Duration positive(String name, Duration d) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive: " + d);
            }
            return d;
        }
    }
}

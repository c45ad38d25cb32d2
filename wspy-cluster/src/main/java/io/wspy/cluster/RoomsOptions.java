package io.wspy.cluster;

import io.wspy.protocol.Message;

import java.time.Duration;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * The options of a {@link Rooms}: immutable, built with {@link #builder()}; every limit has a safe
 * default.
 */
public final class RoomsOptions {
    private final String nodeId;
    private final int maxInboundMessages;
    private final long maxInboundBytes;
    private final Duration presenceRefresh;
    private final int maxRoomNameLength;
    private final int maxRoomsPerClient;
    private final BiFunction<String, Message, Message> positionStamp;
    private final int maxRecovered;

    private RoomsOptions(Builder b) {
        this.nodeId = b.nodeId == null ? "node-" + UUID.randomUUID().toString().substring(0, 8) : b.nodeId;
        this.maxInboundMessages = b.maxInboundMessages;
        this.maxInboundBytes = b.maxInboundBytes;
        this.presenceRefresh = b.presenceRefresh;
        this.maxRoomNameLength = b.maxRoomNameLength;
        this.maxRoomsPerClient = b.maxRoomsPerClient;
        this.positionStamp = b.positionStamp;
        this.maxRecovered = b.maxRecovered;
    }

    /** The defaults. */
    public static RoomsOptions defaults() {
        return builder().build();
    }

    /** A builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** This node's id, the first part of its clients' cluster-wide ids; default {@code node-} and 8 random hex digits. */
    public String nodeId() {
        return nodeId;
    }

    /** Messages from other nodes that may wait for local delivery before more are dropped; default 10,000. */
    public int maxInboundMessages() {
        return maxInboundMessages;
    }

    /** Bytes of messages from other nodes that may wait for local delivery; default 64 MiB. */
    public long maxInboundBytes() {
        return maxInboundBytes;
    }

    /** How often this node tells the broker again which clients it has in each room; default 10 s. */
    public Duration presenceRefresh() {
        return presenceRefresh;
    }

    /** The longest room name, in characters; default 200. */
    public int maxRoomNameLength() {
        return maxRoomNameLength;
    }

    /** How many rooms one client may be in; default 1,000. */
    public int maxRoomsPerClient() {
        return maxRoomsPerClient;
    }

    /**
     * With a broker that keeps history: how a room message shows clients its position, so that a
     * client that reconnects can say where it stopped ({@link Rooms#recover}); {@code null} (the
     * default) leaves messages as published. Applied once per message and node.
     */
    public BiFunction<String, Message, Message> positionStamp() {
        return positionStamp;
    }

    /** The most messages {@link Rooms#recover} sends a client; default 1,000. */
    public int maxRecovered() {
        return maxRecovered;
    }

    /** Builds {@link RoomsOptions}; each setter checks its value. */
    public static final class Builder {
        private String nodeId;
        private int maxInboundMessages = 10_000;
        private long maxInboundBytes = 64L << 20;
        private Duration presenceRefresh = Duration.ofSeconds(10);
        private int maxRoomNameLength = 200;
        private int maxRoomsPerClient = 1_000;
        private BiFunction<String, Message, Message> positionStamp;
        private int maxRecovered = 1_000;

        private Builder() {
        }

        /** This node's id: 1 to 64 characters without {@code /}, unique in the cluster. */
        public Builder nodeId(String nodeId) {
            if (nodeId == null || nodeId.isEmpty() || nodeId.length() > 64 || nodeId.indexOf('/') >= 0) {
                throw new IllegalArgumentException("nodeId must be 1 to 64 characters without '/': " + nodeId);
            }
            this.nodeId = nodeId;
            return this;
        }

        /** See {@link RoomsOptions#maxInboundMessages()}. */
        public Builder maxInboundMessages(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxInboundMessages must be at least 1: " + max);
            }
            this.maxInboundMessages = max;
            return this;
        }

        /** See {@link RoomsOptions#maxInboundBytes()}. */
        public Builder maxInboundBytes(long max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxInboundBytes must be at least 1: " + max);
            }
            this.maxInboundBytes = max;
            return this;
        }

        /** See {@link RoomsOptions#presenceRefresh()}; must be shorter than the broker's presence lifetime. */
        public Builder presenceRefresh(Duration every) {
            this.presenceRefresh = positive("presenceRefresh", every);
            return this;
        }

        /** See {@link RoomsOptions#maxRoomNameLength()}. */
        public Builder maxRoomNameLength(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxRoomNameLength must be at least 1: " + max);
            }
            this.maxRoomNameLength = max;
            return this;
        }

        /** See {@link RoomsOptions#maxRoomsPerClient()}. */
        public Builder maxRoomsPerClient(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxRoomsPerClient must be at least 1: " + max);
            }
            this.maxRoomsPerClient = max;
            return this;
        }

        /** See {@link RoomsOptions#positionStamp()}, for example {@code (position, m) -> new TextMessage(position + " " + text(m))}. */
        public Builder positionStamp(BiFunction<String, Message, Message> stamp) {
            this.positionStamp = stamp;
            return this;
        }

        /** See {@link RoomsOptions#maxRecovered()}. */
        public Builder maxRecovered(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxRecovered must be at least 1: " + max);
            }
            this.maxRecovered = max;
            return this;
        }

        /** The options. */
        public RoomsOptions build() {
            return new RoomsOptions(this);
        }

        private static Duration positive(String name, Duration d) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive: " + d);
            }
            return d;
        }
    }
}

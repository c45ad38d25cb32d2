package io.wspy.cluster;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.Range;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;

import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A broker over Redis pub/sub, through the Lettuce client: one node's two connections to one Redis
 * server, one that subscribes and one for publications and presence.
 *
 * <p>Rooms are Redis channels ({@code <prefix>room:<name>}, and {@code <prefix>all} for broadcasts).
 * Redis pub/sub delivers at most once: what is published while a node is disconnected never
 * reaches it. Presence is a sorted set per room ({@code <prefix>presence:<name>}) whose scores are
 * expiry times: each node refreshes its members, so those of a node that vanished expire after
 * {@link RedisBrokerOptions#presenceLifetime()} (the nodes' clocks must agree to well within it).
 *
 * <p>Outages: the connections reconnect by themselves with exponential back-off between
 * {@link RedisBrokerOptions#reconnectMinDelay()} and {@link RedisBrokerOptions#reconnectMaxDelay()}
 * and subscribe again to every channel. While disconnected, every command fails at once (nothing
 * is buffered to be sent later), and commands cut off by the disconnection are not sent again
 * after it, so no publication is ever delivered twice. Commands waiting for Redis are bounded by
 * {@link RedisBrokerOptions#maxInFlight()}. A node must reach Redis when it starts.
 */
public final class RedisBroker implements Broker {
    private static final System.Logger LOG = System.getLogger("io.wspy.cluster");

    private final RedisBrokerOptions options;
    private final String prefix;
    private final ClientResources resources;
    private final RedisClient client;
    private final StatefulRedisPubSubConnection<String, byte[]> subscriber;
    private final StatefulRedisConnection<String, byte[]> commands;
    private final Set<String> channels = ConcurrentHashMap.newKeySet();
    private volatile Receiver receiver;
    private volatile boolean closed;

    private RedisBroker(RedisBrokerOptions options) {
        this.options = options;
        this.prefix = options.keyPrefix();
        this.resources = DefaultClientResources.builder()
                .ioThreadPoolSize(2)
                .computationThreadPoolSize(2)
                .reconnectDelay(Delay.exponential(options.reconnectMinDelay(), options.reconnectMaxDelay(), 2,
                        TimeUnit.MILLISECONDS))
                .build();
        this.client = RedisClient.create(resources, RedisURI.create(options.uri()));
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .replayFilter(command -> true)
                .requestQueueSize(options.maxInFlight())
                .timeoutOptions(TimeoutOptions.enabled(options.commandTimeout()))
                .build());
        RedisCodec<String, byte[]> codec = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);
        try {
            this.subscriber = client.connectPubSub(codec);
            this.commands = client.connect(codec);
        } catch (RedisException e) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            resources.shutdown(0, 2, TimeUnit.SECONDS);
            throw new BrokerUnavailableException("cannot connect to Redis at " + options.uri(), e);
        }
        subscriber.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, byte[] message) {
                Receiver r = receiver;
                if (r != null && channel.startsWith(prefix)) {
                    r.receive(channel.substring(prefix.length()), message);
                }
            }
        });
        client.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
                if (connection == subscriber) {
                    LOG.log(System.Logger.Level.INFO, "Redis at {0} connected; subscribing to {1} channels",
                            address, channels.size());
                    resubscribe();
                }
            }

            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
                if (!closed) {
                    LOG.log(System.Logger.Level.WARNING, "Redis at {0} disconnected; reconnecting", options.uri());
                }
            }
        });
    }

    /** A broker for the Redis server at {@code uri} with the default options. */
    public static RedisBroker create(String uri) {
        return create(RedisBrokerOptions.builder(uri).build());
    }

    /**
     * A broker with {@code options}, connected.
     *
     * @throws BrokerUnavailableException if Redis cannot be reached
     */
    public static RedisBroker create(RedisBrokerOptions options) {
        if (options == null) {
            throw new IllegalArgumentException("options must not be null");
        }
        return new RedisBroker(options);
    }

    @Override
    public void start(Receiver receiver) {
        if (receiver == null) {
            throw new IllegalArgumentException("receiver must not be null");
        }
        if (this.receiver != null) {
            throw new IllegalStateException("the broker is started already");
        }
        this.receiver = receiver;
    }

    @Override
    public CompletionStage<Void> subscribe(String channel) {
        channels.add(channel);
        return unavailableOnFailure(subscriber.async().subscribe(prefix + channel), "subscribe");
    }

    @Override
    public void unsubscribe(String channel) {
        if (channels.remove(channel)) {
            unavailableOnFailure(subscriber.async().unsubscribe(prefix + channel), "unsubscribe");
        }
    }

    /** Subscribes to every channel again after a reconnection, retrying while Redis refuses. */
    private void resubscribe() {
        if (closed || channels.isEmpty()) {
            return;
        }
        String[] all = channels.stream().map(c -> prefix + c).toArray(String[]::new);
        subscriber.async().subscribe(all).whenComplete((ok, failure) -> {
            if (failure != null && !closed) {
                CompletableFuture.runAsync(this::resubscribe, CompletableFuture.delayedExecutor(
                        options.reconnectMinDelay().toMillis(), TimeUnit.MILLISECONDS));
            }
        });
    }

    @Override
    public CompletionStage<Void> publish(String channel, byte[] payload) {
        if (closed) {
            return CompletableFuture.failedFuture(new BrokerUnavailableException("the broker is closed", null));
        }
        return unavailableOnFailure(commands.async().publish(prefix + channel, payload), "publish");
    }

    @Override
    public void present(String room, Collection<String> members) {
        if (closed || members.isEmpty()) {
            return;
        }
        long lifetime = options.presenceLifetime().toMillis();
        double expiry = System.currentTimeMillis() + lifetime;
        @SuppressWarnings("unchecked")
        ScoredValue<byte[]>[] entries = members.stream()
                .map(m -> ScoredValue.just(expiry, m.getBytes(StandardCharsets.UTF_8)))
                .toArray(ScoredValue[]::new);
        String key = presenceKey(room);
        unavailableOnFailure(commands.async().zadd(key, entries), "presence");
        unavailableOnFailure(commands.async().pexpire(key, 2 * lifetime), "presence");
    }

    @Override
    public void absent(String room, String member) {
        if (!closed) {
            unavailableOnFailure(commands.async().zrem(presenceKey(room), member.getBytes(StandardCharsets.UTF_8)),
                    "presence");
        }
    }

    @Override
    public Set<String> members(String room) {
        long now = System.currentTimeMillis();
        String key = presenceKey(room);
        try {
            commands.async().zremrangebyscore(key, Range.create(Double.NEGATIVE_INFINITY, (double) now));
            List<byte[]> found = commands.async().zrangebyscore(key, Range.create((double) now, Double.POSITIVE_INFINITY))
                    .get(options.commandTimeout().toMillis(), TimeUnit.MILLISECONDS);
            Set<String> members = new HashSet<>();
            found.forEach(m -> members.add(new String(m, StandardCharsets.UTF_8)));
            return members;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerUnavailableException("interrupted while asking Redis for the presence of " + room, e);
        } catch (Exception e) {
            throw new BrokerUnavailableException("Redis did not answer the presence of " + room, e);
        }
    }

    private String presenceKey(String room) {
        return prefix + "presence:" + room;
    }

    @Override
    public boolean isConnected() {
        return !closed && subscriber.isOpen() && commands.isOpen();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        subscriber.close();
        commands.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }

    private static CompletionStage<Void> unavailableOnFailure(CompletionStage<?> command, String what) {
        return command.handle((ok, failure) -> {
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                throw new BrokerUnavailableException("Redis refused " + what + ": " + cause.getMessage(), cause);
            }
            return null;
        });
    }
}

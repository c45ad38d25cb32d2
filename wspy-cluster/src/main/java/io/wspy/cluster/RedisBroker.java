package io.wspy.cluster;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

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
    /** Appends to the channel's stream and publishes the payload with its stream id, in one step. */
    private static final String PUBLISH_WITH_HISTORY = String.join("\n",
            "local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', 'p', ARGV[2])",
            "redis.call('PEXPIRE', KEYS[1], ARGV[3])",
            "redis.call('PUBLISH', KEYS[2], 'P' .. id .. '\\n' .. ARGV[2])",
            "return id");
    private static final byte POSITIONED = 'P';
    private static final Pattern STREAM_ID = Pattern.compile("\\d{1,20}-\\d{1,20}");

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
                    receivePositioned(r, channel.substring(prefix.length()), message);
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

    /** A payload published with history is {@code P<stream id>\n<payload>}; an envelope never starts with 'P'. */
    private static void receivePositioned(Receiver receiver, String channel, byte[] message) {
        if (message.length > 0 && message[0] == POSITIONED) {
            for (int i = 1; i < message.length; i++) {
                if (message[i] == '\n') {
                    String position = new String(message, 1, i - 1, StandardCharsets.US_ASCII);
                    receiver.receive(channel, position, Arrays.copyOfRange(message, i + 1, message.length));
                    return;
                }
            }
        }
        receiver.receive(channel, null, message);
    }

    @Override
    public CompletionStage<String> publish(String channel, byte[] payload) {
        if (closed) {
            return CompletableFuture.failedFuture(new BrokerUnavailableException("the broker is closed", null));
        }
        if (!keepsHistory()) {
            return unavailableOnFailure(commands.async().publish(prefix + channel, payload), "publish")
                    .thenApply(ok -> null);
        }
        byte[][] args = {
                Integer.toString(options.historySize()).getBytes(StandardCharsets.US_ASCII),
                payload,
                Long.toString(options.historyLifetime().toMillis()).getBytes(StandardCharsets.US_ASCII)};
        CompletionStage<byte[]> id = commands.async().eval(PUBLISH_WITH_HISTORY, ScriptOutputType.VALUE,
                new String[] {historyKey(channel), prefix + channel}, args);
        return unavailableOnFailure(id, "publish").thenApply(bytes -> new String(bytes, StandardCharsets.US_ASCII));
    }

    @Override
    public boolean keepsHistory() {
        return options.historySize() > 0;
    }

    @Override
    public History history(String channel, String after, int max) {
        if (!keepsHistory()) {
            return Broker.super.history(channel, after, max);
        }
        if (after == null || !STREAM_ID.matcher(after).matches()) {
            throw new IllegalArgumentException("a history position looks like 1700000000000-0: " + after);
        }
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1: " + max);
        }
        String key = historyKey(channel);
        try {
            List<StreamMessage<String, byte[]>> found = commands.async()
                    .xrange(key, Range.from(Range.Boundary.excluding(after), Range.Boundary.unbounded()), Limit.from(max))
                    .get(options.commandTimeout().toMillis(), TimeUnit.MILLISECONDS);
            List<History.Entry> entries = new ArrayList<>();
            found.forEach(m -> entries.add(new History.Entry(m.getId(), m.getBody().get("p"))));
            // A position comes from the history, so a history that is gone (expired) lost what followed it.
            boolean exists = commands.async().exists(key).get(options.commandTimeout().toMillis(), TimeUnit.MILLISECONDS) > 0;
            boolean complete = exists && (!trimmed(key) || compareIds(after, firstId(key)) >= 0);
            return new History(entries, complete);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerUnavailableException("interrupted while reading the history of " + channel, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new BrokerUnavailableException("Redis did not answer the history of " + channel, e);
        }
    }

    /** Whether entries were ever trimmed from the stream: more were added (XINFO STREAM, Redis 7) than it holds. */
    private boolean trimmed(String key) throws InterruptedException, ExecutionException, TimeoutException {
        List<Object> info = commands.async().xinfoStream(key).get(options.commandTimeout().toMillis(), TimeUnit.MILLISECONDS);
        Long length = null;
        Long added = null;
        for (int i = 0; i + 1 < info.size(); i += 2) {
            String field = text(info.get(i));
            if ("length".equals(field)) {
                length = (Long) info.get(i + 1);
            } else if ("entries-added".equals(field)) {
                added = (Long) info.get(i + 1);
            }
        }
        if (length == null || added == null) {
            throw new BrokerUnavailableException("this Redis does not say how many history entries it trimmed (Redis 7 or later needed)", null);
        }
        return added > length;
    }

    /** The id of the oldest entry the stream holds. */
    private String firstId(String key) throws InterruptedException, ExecutionException, TimeoutException {
        List<StreamMessage<String, byte[]>> first = commands.async().xrange(key, Range.unbounded(), Limit.from(1))
                .get(options.commandTimeout().toMillis(), TimeUnit.MILLISECONDS);
        return first.isEmpty() ? "0-0" : first.get(0).getId();
    }

    private static String text(Object value) {
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.US_ASCII);
        }
        return value == null ? null : value.toString();
    }

    private static int compareIds(String a, String b) {
        int da = a.indexOf('-');
        int db = b.indexOf('-');
        int byTime = Long.compareUnsigned(Long.parseUnsignedLong(a.substring(0, da)), Long.parseUnsignedLong(b.substring(0, db)));
        return byTime != 0 ? byTime
                : Long.compareUnsigned(Long.parseUnsignedLong(a.substring(da + 1)), Long.parseUnsignedLong(b.substring(db + 1)));
    }

    private String historyKey(String channel) {
        return prefix + "history:" + channel;
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

    private static <T> CompletionStage<T> unavailableOnFailure(CompletionStage<T> command, String what) {
        return command.handle((value, failure) -> {
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                throw new BrokerUnavailableException("Redis refused " + what + ": " + cause.getMessage(), cause);
            }
            return value;
        });
    }
}

package dev.larder.redis;

import dev.larder.spi.CacheKey;
import dev.larder.spi.StatsCounter;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.TrackingArgs;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.models.partitions.Partitions;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.protocol.ProtocolVersion;
import io.lettuce.core.resource.ClientResources;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The trackers of one near cache: one for a server (the primary of a primary-and-replicas
 * location), one per primary of a Redis Cluster. A Cluster's primaries are read from the
 * Cluster client's view of the topology, which Lettuce refreshes on failovers and slot moves;
 * every heartbeat compares it with the trackers, and a change (a primary gone, a new one, a
 * slot moved) flushes the local tier and connects trackers to the new primaries, so tracking
 * follows every primary and is re-armed after a failover.
 */
final class Tracking implements AutoCloseable {
    private final String alias;
    private final NearCacheSettings settings;
    private final RedisClient client;
    private final LocalTier tier;
    private final StatsCounter stats;
    private final Supplier<Partitions> partitions;
    private final Runnable refresh;
    private final RedisURI seed;
    private final TrackingArgs args;
    private final AtomicLong epochs = new AtomicLong();
    private final java.util.function.UnaryOperator<String> redact;
    private final Map<String, Tracker> trackers = new ConcurrentHashMap<>();
    private final ScheduledExecutorService heartbeat;
    private volatile Tracker single;
    private volatile String topology = "";
    private volatile String lastBeatFailure;
    /** Connects trackers that lost their connection, off the heartbeat's thread. */
    private final ExecutorService connector;

    /**
     * @param partitions a Cluster's topology as the Cluster client sees it, or null for a
     *                   single server reached at {@code seed}
     * @param refresh    asks the Cluster client to read the topology again (null for a single server)
     */
    Tracking(String alias, NearCacheSettings settings, RedisURI seed, Supplier<Partitions> partitions, Runnable refresh,
             RedisNodes.Settings connection, ClientResources resources, LocalTier tier, StatsCounter stats,
             java.util.function.UnaryOperator<String> redact) {
        this.alias = alias;
        this.refresh = refresh;
        this.redact = redact;
        this.settings = settings;
        this.tier = tier;
        this.stats = stats;
        this.partitions = partitions;
        this.seed = seed;
        this.args = settings.trackingArgs();
        this.client = RedisClient.create(resources);
        client.setOptions(ClientOptions.builder()
                .protocolVersion(ProtocolVersion.RESP3)
                // A tracking connection is never revived: a new one is made and armed afresh.
                .autoReconnect(false)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(connection.commandTimeout()))
                .socketOptions(SocketOptions.builder().connectTimeout(connection.connectTimeout()).keepAlive(true).build())
                .sslOptions(connection.ssl())
                .build());
        client.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> closed) {
                trackers.values().forEach(t -> {
                    t.lose(closed, "connection closed");
                });
            }
        });
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(daemon("larder-near-cache-" + alias));
        this.connector = Executors.newSingleThreadExecutor(daemon("larder-near-cache-connect-" + alias));
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /** Connects every tracker now, so that a server without RESP3 or tracking fails at startup. */
    void start() {
        if (partitions == null) {
            single = tracker("server", () -> seed);
            trackers.put("server", single);
            single.arm();
        } else {
            reconcile(true);
        }
        long every = settings.heartbeat().toMillis();
        heartbeat.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.MILLISECONDS);
    }

    /** The armed tracker for the key's node, or null (the read then goes past the near cache). */
    Tracker route(CacheKey key) {
        Tracker t = single;
        if (t != null) {
            return t.armed() != null ? t : null;
        }
        RedisClusterNode node = partitions.get().getMasterBySlot(SlotHash.getSlot(key.value()));
        t = node == null ? null : trackers.get(key(node));
        return t != null && t.armed() != null ? t : null;
    }

    /**
     * One heartbeat. Each step is guarded on its own, against {@code Error}s too: a scheduled
     * task that throws is never run again, and then nothing would notice a silent connection.
     */
    private void beat() {
        if (partitions != null) {
            guarded(() -> reconcile(false));
        }
        for (Tracker t : trackers.values()) {
            guarded(() -> t.beat(connector));
        }
    }

    private void guarded(Runnable step) {
        try {
            step.run();
        } catch (RuntimeException | Error e) {
            String message = redact.apply(String.valueOf(e));
            // Once per distinct failure at WARNING; repeats at DEBUG, so a long outage does not flood the log.
            System.Logger.Level level = message.equals(lastBeatFailure) ? System.Logger.Level.DEBUG
                    : System.Logger.Level.WARNING;
            lastBeatFailure = message;
            System.getLogger(Tracking.class.getName()).log(level, "cache '" + alias + "': near cache heartbeat: " + message);
        }
    }

    /**
     * Matches the trackers to the Cluster's primaries and their slots. Any change flushes the
     * local tier: a key whose slot moved is now written on a node that never saw this process
     * read it.
     */
    private synchronized void reconcile(boolean starting) {
        Map<String, RedisClusterNode> primaries = new TreeMap<>();
        StringBuilder shape = new StringBuilder();
        for (RedisClusterNode node : partitions.get()) {
            if (node.is(RedisClusterNode.NodeFlag.UPSTREAM) && !node.getSlots().isEmpty()) {
                primaries.put(key(node), node);
            }
        }
        primaries.values().forEach(n -> shape.append(n.getNodeId()).append('@').append(n.getUri().getHost()).append(':')
                .append(n.getUri().getPort()).append('/').append(n.getSlots().size()).append('#')
                .append(n.getSlots().hashCode()).append(';'));
        if (shape.toString().equals(topology)) {
            return;
        }
        trackers.entrySet().removeIf(e -> {
            if (!primaries.containsKey(e.getKey())) {
                e.getValue().close();
                return true;
            }
            return false;
        });
        if (!starting) {
            tier.flush();
        }
        for (Map.Entry<String, RedisClusterNode> e : primaries.entrySet()) {
            RedisClusterNode node = e.getValue();
            Tracker t = trackers.computeIfAbsent(e.getKey(),
                    id -> tracker(node.getUri().getHost() + ":" + node.getUri().getPort(), () -> nodeUri(node)));
            if (starting) {
                t.arm();
            }
        }
        // Only once every step above is done: a failure part way is tried again on the next beat.
        topology = shape.toString();
    }

    /** A primary's tracker key: its id and address, so a node that comes back elsewhere gets a tracker of its own. */
    private static String key(RedisClusterNode node) {
        return node.getNodeId() + "@" + node.getUri().getHost() + ":" + node.getUri().getPort();
    }

    /** A read on a tracking connection met {@code MOVED}: the topology moved before the client noticed. */
    void topologyMoved() {
        if (refresh != null) {
            refresh.run();
        }
    }

    /** The node's address with the seed's credentials, TLS and timeouts. */
    private RedisURI nodeUri(RedisClusterNode node) {
        return RedisURI.builder(seed).withHost(node.getUri().getHost()).withPort(node.getUri().getPort()).build();
    }

    private Tracker tracker(String node, Supplier<RedisURI> uri) {
        return new Tracker(alias, node, uri, client, args, tier, stats, epochs, redact);
    }

    /** One line per tracker, for {@code inspect()}. */
    Map<String, String> state() {
        Map<String, String> out = new TreeMap<>();
        trackers.values().forEach(t -> out.put("near cache " + t.node(), t.state()));
        return out;
    }

    @Override
    public void close() {
        heartbeat.shutdownNow();
        connector.shutdownNow();
        trackers.values().forEach(Tracker::close);
        client.shutdown(0, 2, TimeUnit.SECONDS);
    }
}

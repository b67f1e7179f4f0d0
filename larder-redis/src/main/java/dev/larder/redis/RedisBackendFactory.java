package dev.larder.redis;

import dev.larder.CacheConfigException;
import dev.larder.spi.BackendContext;
import dev.larder.spi.BackendOptions;
import dev.larder.spi.CacheBackend;
import dev.larder.spi.CacheBackendFactory;
import io.lettuce.core.ReadFrom;
import io.lettuce.core.RedisException;
import io.lettuce.core.resource.ClientResources;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code redis}: a cache on Redis through Lettuce.
 *
 * <p>Location: one URI ({@code redis://[user:password@]host:port[/db]}, {@code rediss://} for
 * TLS, {@code redis-socket:///path/to.sock}); several, comma-separated, for a primary and its
 * replicas (writes to the first, reads spread over the others, so a read just after a write
 * may not see it yet); {@code redis-sentinel://host:port[,host:port]#master} for a primary
 * found through Sentinel; or, with {@code options.cluster=true}, any nodes of a Redis Cluster.
 *
 * <p>Options:
 * <ul>
 *   <li>{@code cluster}: {@code true} for a Redis Cluster (default {@code false});</li>
 *   <li>{@code command-timeout}: how long a command may take before it fails (default {@code 500ms});</li>
 *   <li>{@code connect-timeout}: how long connecting may take (default {@code 2s});</li>
 *   <li>{@code read-from}: for Sentinel and Cluster, {@code primary} (default),
 *       {@code primary-preferred}, {@code replica}, {@code replica-preferred}, {@code any}, {@code nearest};</li>
 *   <li>{@code clear}: {@code prefix} (default: only keys starting with this cache's prefix) or
 *       {@code flushdb} (the whole database, as Django does);</li>
 *   <li>{@code tls-ca-file}: a PEM file of the certificate authorities a {@code rediss://}
 *       server's certificate may be signed by, for a private CA (default: the JDK's trust store);</li>
 *   <li>{@code wait-for-replicas}: after each write, wait (up to the command timeout) until that
 *       many replicas have it, so reads from replicas see it (default 0: do not wait).</li>
 * </ul>
 * Every server is connected to when the cache is created: an unreachable host, a wrong
 * password or a malformed location fails at startup, naming the location (passwords masked).
 */
public final class RedisBackendFactory implements CacheBackendFactory {
    public static final String NAME = "redis";
    private static final Map<String, ReadFrom> READ_FROM = Map.of(
            "primary", ReadFrom.UPSTREAM, "primary-preferred", ReadFrom.UPSTREAM_PREFERRED,
            "replica", ReadFrom.REPLICA, "replica-preferred", ReadFrom.REPLICA_PREFERRED,
            "any", ReadFrom.ANY, "nearest", ReadFrom.LOWEST_LATENCY);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> options() {
        Set<String> names = new java.util.HashSet<>(NearCacheSettings.OPTIONS);
        names.addAll(Set.of("cluster", "command-timeout", "connect-timeout", "read-from", "clear", "wait-for-replicas",
                "tls-ca-file"));
        return Set.copyOf(names);
    }

    @Override
    public CacheBackend create(BackendContext context) {
        BackendOptions options = context.options();
        String property = context.property("location");
        RedisLocation location = RedisLocation.parse(property, context.location(), options.booleanValue("cluster", false));
        Duration commandTimeout = options.duration("command-timeout", Duration.ofMillis(500));
        Duration connectTimeout = options.duration("connect-timeout", Duration.ofSeconds(2));
        ReadFrom readFrom = readFrom(options);
        ClearPolicy clear = clearPolicy(context);
        int waitReplicas = options.intValue("wait-for-replicas", 0, 0);
        if (waitReplicas > 0 && location.topology() == RedisLocation.Topology.CLUSTER) {
            throw options.error("wait-for-replicas", String.valueOf(waitReplicas),
                    "is for a primary with replicas or Sentinel; a Cluster's replicas follow each slot's primary");
        }
        NearCacheSettings near = NearCacheSettings.parse(options, context.keyPrefix(), context.defaultKeyFunction());
        if (near != null) {
            NearCacheSettings.checkTopology(location, property);
        }
        ClientResources resources = SharedResources.acquire();
        try {
            RedisNodes.Settings settings = new RedisNodes.Settings(commandTimeout, connectTimeout, readFrom, trustedCa(options));
            RedisNodes nodes = connect(location, settings, resources);
            RedisBackend redis = new RedisBackend(context.alias(), nodes, location, context.codec(), context.stats(), clear,
                    keyPattern(context), commandTimeout, waitReplicas);
            return near == null ? redis : withNearCache(context, redis, nodes, location, near, settings, resources);
        } catch (RedisException | IllegalArgumentException | IllegalStateException e) {
            SharedResources.release();
            throw new CacheConfigException(property + "='" + location.display() + "': cannot connect: "
                    + location.secrets().redact(reason(e)), location.secrets().scrub(e));
        } catch (RuntimeException | Error e) {
            SharedResources.release();
            throw e;
        }
    }

    /**
     * Puts the near cache in front, its trackers connected now: a server older than Redis 6 (no
     * RESP3, no {@code CLIENT TRACKING}) fails here, at startup.
     */
    private static CacheBackend withNearCache(BackendContext context, RedisBackend redis, RedisNodes nodes,
                                              RedisLocation location, NearCacheSettings near, RedisNodes.Settings settings,
                                              ClientResources resources) {
        LocalTier tier = new LocalTier(near.maxEntries(), near.maxLocalAge(),
                settings.commandTimeout().multipliedBy(2).plusSeconds(1), context.stats());
        Tracking tracking = null;
        try {
            tracking = new Tracking(context.alias(), near, location.uris().get(0), nodes.partitions(),
                    nodes.topologyRefresh(), settings, resources, tier, context.stats(), location.secrets()::redact);
            tracking.start();
            return new NearCacheBackend(redis, tier, tracking, near, context.codec(), context.stats(),
                    settings.commandTimeout());
        } catch (RuntimeException | Error e) {
            if (tracking != null) {
                tracking.close();
            }
            nodes.close();
            if (e instanceof RedisException) {
                throw new RedisException("near cache: cannot turn on tracking (it needs Redis 6 or later, for RESP3 and"
                        + " CLIENT TRACKING, and a user allowed to run CLIENT TRACKING): " + reason(e), e);
            }
            throw e;
        }
    }

    /**
     * The pattern of the keys {@code keys()} lists: those a clear by prefix removes, whatever
     * {@code options.clear} says; null when nothing tells this cache's keys apart.
     */
    private static String keyPattern(BackendContext context) {
        if (!context.defaultKeyFunction() && context.keyPrefix().isEmpty()) {
            return null;
        }
        return ClearPolicy.pattern(context.keyPrefix(), context.defaultKeyFunction());
    }

    private static ClearPolicy clearPolicy(BackendContext context) {
        String mode = context.options().string("clear").orElse("prefix").trim().toLowerCase(Locale.ROOT);
        switch (mode) {
            case "flushdb":
                return new ClearPolicy.FlushDb();
            case "prefix":
                if (!context.defaultKeyFunction() && context.keyPrefix().isEmpty()) {
                    return new ClearPolicy.Refused("cache '" + context.alias() + "' has a custom key function and no"
                            + " key-prefix, so clear() cannot tell its keys from others in the database; set a"
                            + " key-prefix, or options.clear=flushdb to empty the whole database");
                }
                return new ClearPolicy.ByPattern(ClearPolicy.pattern(context.keyPrefix(), context.defaultKeyFunction()));
            default:
                throw context.options().error("clear", mode, "is not prefix or flushdb");
        }
    }

    private static java.nio.file.Path trustedCa(BackendOptions options) {
        String raw = options.string("tls-ca-file").orElse(null);
        if (raw == null) {
            return null;
        }
        java.nio.file.Path path = java.nio.file.Path.of(raw.trim());
        if (!java.nio.file.Files.isReadable(path)) {
            throw options.error("tls-ca-file", raw, "is not a readable file");
        }
        return path;
    }

    private static ReadFrom readFrom(BackendOptions options) {
        String name = options.string("read-from").orElse("primary").trim().toLowerCase(Locale.ROOT);
        ReadFrom readFrom = READ_FROM.get(name);
        if (readFrom == null) {
            throw options.error("read-from", name, "is not one of " + new java.util.TreeSet<>(READ_FROM.keySet()));
        }
        return readFrom;
    }

    /** How Lettuce reports a handshake whose failure raced the channel's close, hiding the server's reason. */
    private static final List<String> LOST_HANDSHAKE = List.of("Connection closed prematurely",
            "RedisHandshakeHandler not registered");

    /**
     * Connects, up to twice more if the server's answer to the handshake was lost: when a
     * handshake fails (a wrong password), Lettuce closes the channel and may report the close
     * ("Connection closed prematurely", or "RedisHandshakeHandler not registered" when the close
     * wins the race with the connect listener) instead of the server's reason. Another try is one
     * round trip at startup and almost always names the reason (WRONGPASS) instead.
     */
    private static RedisNodes connect(RedisLocation location, RedisNodes.Settings settings, ClientResources resources) {
        RedisException lost = null;
        for (int attempt = 1; ; attempt++) {
            try {
                return RedisNodes.connect(location, settings, resources);
            } catch (RedisException e) {
                if (lost != null) {
                    e.addSuppressed(lost);
                }
                String reason = String.valueOf(reason(e));
                if (attempt == 3 || LOST_HANDSHAKE.stream().noneMatch(reason::contains)) {
                    throw e;
                }
                lost = e;
            }
        }
    }

    /** The chain's messages, down to the innermost, which says what went wrong (refused, WRONGPASS, unknown host). */
    private static String reason(Throwable e) {
        Throwable t = e;
        StringBuilder out = new StringBuilder(String.valueOf(e.getMessage()));
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
            if (t.getMessage() != null && !out.toString().contains(t.getMessage())) {
                out.append(": ").append(t.getMessage());
            }
        }
        return out.toString();
    }
}

package dev.larder.redis;

import dev.larder.CacheConfigException;
import dev.larder.spi.BackendOptions;
import io.lettuce.core.TrackingArgs;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * A Redis cache's {@code near-cache.*} settings.
 *
 * @param maxEntries  entries kept in this process at most (W-TinyLFU evicts beyond)
 * @param maxLocalAge how long an entry may be served locally at most, whatever its Redis expiry
 * @param broadcast   {@code BCAST} tracking: the server sends every change under the cache's
 *                    prefix, read here or not, and keeps no per-key table; otherwise the
 *                    default mode, where it remembers the keys this process read
 * @param prefix      the key prefix {@code BCAST} subscribes to
 * @param heartbeat   how often each tracking connection is checked with a {@code PING}
 */
record NearCacheSettings(long maxEntries, Duration maxLocalAge, boolean broadcast, String prefix, Duration heartbeat) {
    static final String ENABLED = "near-cache.enabled";
    static final Set<String> OPTIONS = Set.of(ENABLED, "near-cache.max-entries", "near-cache.max-local-age",
            "near-cache.mode", "near-cache.heartbeat");

    /** The settings, or null when {@code near-cache.enabled} is not true. */
    static NearCacheSettings parse(BackendOptions options, String keyPrefix, boolean defaultKeyFunction) {
        if (!options.booleanValue(ENABLED, false)) {
            for (String name : OPTIONS) {
                if (options.string(name).isPresent() && !name.equals(ENABLED)) {
                    throw options.error(name, options.string(name).get(),
                            "has no effect: near-cache.enabled is not true (the near cache is off by default)");
                }
            }
            return null;
        }
        long maxEntries = options.longValue("near-cache.max-entries", 10_000, 1);
        Duration maxAge = options.duration("near-cache.max-local-age", Duration.ofMinutes(5));
        Duration heartbeat = options.duration("near-cache.heartbeat", Duration.ofSeconds(1));
        String mode = options.string("near-cache.mode").orElse("default").trim().toLowerCase(Locale.ROOT);
        boolean broadcast = switch (mode) {
            case "default" -> false;
            case "bcast" -> true;
            default -> throw options.error("near-cache.mode", mode, "is not default or bcast");
        };
        String prefix = defaultKeyFunction ? keyPrefix + ":" : keyPrefix;
        if (broadcast && prefix.isEmpty()) {
            throw options.error("near-cache.mode", mode, "needs a key-prefix: with a custom key function and none,"
                    + " BCAST would send this process the invalidation of every key in the database");
        }
        return new NearCacheSettings(maxEntries, maxAge, broadcast, prefix, heartbeat);
    }

    TrackingArgs trackingArgs() {
        TrackingArgs args = TrackingArgs.Builder.enabled();
        return broadcast ? args.bcast().prefixes(prefix) : args;
    }

    /** Refuses a topology whose primary can change under a fixed tracking connection. */
    static void checkTopology(RedisLocation location, String property) {
        if (location.topology() == RedisLocation.Topology.SENTINEL) {
            throw new CacheConfigException(property + ": near-cache.enabled is for one server, a primary with"
                    + " replicas, or a Cluster; with Sentinel the tracking connection would not follow a failover");
        }
    }
}

package dev.larder.jcache;

import dev.larder.CacheConfig;
import dev.larder.support.Names;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The Larder configuration of one JCache cache, made from a configured Larder cache (the one
 * of the same name, else the manager's template): its own key prefix, and where the backend
 * keeps caches apart by place (the file backend's directory) a place of its own,
 * so that {@code clear()} empties that cache alone. Stateless.
 */
final class Stores {
    /** Longest escaped cache name or manager URI kept readable in a key prefix; longer ones are hashed. */
    private static final int READABLE_PART = 64;

    private Stores() {
    }

    static CacheConfig configFor(CacheConfig template, URI manager, boolean defaultManager, String name,
                                 boolean storeByValue) {
        String own = (defaultManager ? "jcache:" : "jcache@" + part(manager.toString()) + ":") + part(name);
        String prefix = template.keyPrefix().isEmpty() ? own : template.keyPrefix() + ":" + own;
        // The file backend clears only its own directory's files, so each cache gets one.
        CacheConfig config = template.backend().equals("file")
                ? template.withLocation(Path.of(template.location()).resolve(escape(own)).toString()) : template;
        // The entry record is written natively, so allowing it does not turn on Java serialisation.
        config = config.withKeyPrefix(prefix).withAllowedRecords(Stored.class);
        if (template.backend().equals("redis")) {
            config = forPrimary(config, name);
        }
        if (!storeByValue) {
            // A locmem cache never comes here: it is a Caffeine map of its own (LocalEntries).
            throw new UnsupportedOperationException("cache '" + name + "' asks to store by reference, which only"
                    + " the locmem backend can do; its Larder template uses " + template.backend());
        }
        return config;
    }

    /**
     * A conditional write must compare with what the primary holds: a replica's copy may lag, and
     * a write decided on it would loop or, worse, replace a newer entry. Sentinel and Cluster are
     * told to read from the primary; a primary-and-replicas list, which reads replicas, is refused.
     */
    private static CacheConfig forPrimary(CacheConfig config, String name) {
        boolean replicaList = config.location().contains(",") && !config.location().startsWith("redis-sentinel")
                && !Boolean.parseBoolean(config.options().getOrDefault("cluster", "false"));
        if (replicaList) {
            throw new IllegalArgumentException("cache '" + name + "': a JCache cache must read what it writes, and a"
                    + " primary-and-replicas Redis location reads from replicas; give the primary alone, or Sentinel");
        }
        return config.withOption("read-from", "primary");
    }

    /** An escaped name, or its hash when long, so that a prefix stays well inside key-length limits. */
    private static String part(String raw) {
        String escaped = escape(raw);
        if (escaped.length() <= READABLE_PART) {
            return escaped;
        }
        return "h" + KeyCodec.digest(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether {@code clear()} on the Larder cache removes this JCache cache's entries and no others. */
    static boolean clearsAlone(CacheConfig config) {
        return switch (config.backend()) {
            case "file" -> true;
            case "redis" -> !"flushdb".equalsIgnoreCase(config.options().getOrDefault("clear", "prefix").trim());
            default -> false;
        };
    }

    /** See {@link Names#escape}: no ':' or '/' left. */
    static String escape(String name) {
        return Names.escape(name);
    }
}

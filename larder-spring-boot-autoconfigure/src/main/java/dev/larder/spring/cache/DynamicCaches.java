package dev.larder.spring.cache;

import dev.larder.CacheBackendException;
import dev.larder.CacheConfig;
import dev.larder.support.Names;
import java.lang.System.Logger.Level;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What {@link LarderCacheManager} makes a cache from when its name is no Larder alias: the
 * template's configuration with a key prefix of the name's own and, where the backend can keep
 * the cache apart, a store of its own (so that its {@code clear()} empties it alone); the warning
 * for backends where it cannot; and the stand-in used while the store is down. Stateless.
 */
final class DynamicCaches {
    private static final System.Logger LOG = System.getLogger(DynamicCaches.class.getPackageName());

    private DynamicCaches() {
    }

    /** The template's configuration for cache {@code name}, with {@code keyPrefix}. */
    static CacheConfig configFor(CacheConfig template, String name, String keyPrefix) {
        return switch (template.backend()) {
            // Every locmem cache naming one location shares its map, and clear() empties the map.
            case "locmem" -> template.withLocation(template.location() + "/" + escape(name)).withKeyPrefix(keyPrefix);
            // The file backend clears only *.djcache files in its own directory, never subdirectories.
            case "file" -> template.withLocation(Path.of(template.location()).resolve(escape(name)).toString())
                    .withKeyPrefix(keyPrefix);
            default -> template.withKeyPrefix(keyPrefix);
        };
    }

    /** Logs {@link #clearWarning} at the first call, when there is one: once per cache, not per clear. */
    static Runnable beforeClear(String name, String templateAlias, CacheConfig template) {
        String warning = clearWarning(name, templateAlias, template);
        if (warning == null) {
            return () -> { };
        }
        AtomicBoolean warned = new AtomicBoolean();
        return () -> {
            if (warned.compareAndSet(false, true)) {
                LOG.log(Level.WARNING, warning);
            }
        };
    }

    /** The warning for a created cache whose {@code clear()} empties more than itself, or null. */
    static String clearWarning(String name, String templateAlias, CacheConfig template) {
        String emptied = switch (template.backend()) {
            case "jdbc" -> "the template's whole table";
            case "memcached" -> "every Memcached server of the template (flush_all)";
            case "redis" -> "flushdb".equalsIgnoreCase(template.options().getOrDefault("clear", "").trim())
                    ? "the template's whole Redis database (options.clear=flushdb)" : null;
            default -> null;
        };
        if (emptied == null) {
            return null;
        }
        return "Spring cache '" + name + "' was created from template '" + templateAlias + "' (backend "
                + template.backend() + "), so its clear() empties " + emptied + ", other caches' entries included;"
                + " configure it as a Larder cache of its own (larder.caches.<name>.*) to clear it alone";
    }

    /** A file name or locmem suffix: see {@link Names#escape}. */
    static String escape(String name) {
        return Names.escape(name);
    }

    /**
     * A Larder cache whose every call throws {@link CacheBackendException} caused by
     * {@code cause}, so that the Spring cache over it fails open through its usual path. A proxy:
     * {@code dev.larder.Cache} has some twenty methods, and each would only throw.
     */
    static dev.larder.Cache unavailable(String alias, RuntimeException cause) {
        return (dev.larder.Cache) Proxy.newProxyInstance(DynamicCaches.class.getClassLoader(),
                new Class<?>[] { dev.larder.Cache.class }, (proxy, method, args) -> switch (method.getName()) {
                    case "alias" -> alias;
                    case "close" -> null;
                    case "toString" -> "unavailable cache '" + alias + "'";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new CacheBackendException("cache '" + alias + "' could not be created: "
                            + cause.getMessage(), cause);
                });
    }
}

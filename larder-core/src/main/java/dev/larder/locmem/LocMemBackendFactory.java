package dev.larder.locmem;

import dev.larder.spi.BackendContext;
import dev.larder.spi.BackendOptions;
import dev.larder.spi.CacheBackend;
import dev.larder.spi.CacheBackendFactory;
import java.lang.System.Logger.Level;
import java.util.Set;

/**
 * {@code locmem}: the embedded default. Location names the store; caches with the same
 * location in one process share it. Options: {@code max-entries} (default 300, the bound on
 * live entries), {@code max-bytes} (default an eighth of the heap's maximum, the bound on what
 * the entries hold; see {@link #defaultMaxBytes()}), {@code store-references} (default false:
 * reads return copies). Unlike
 * Django, eviction is one entry at a time by Caffeine's W-TinyLFU policy, so
 * {@code cull-frequency} is accepted for compatibility and has no effect.
 */
public final class LocMemBackendFactory implements CacheBackendFactory {
    public static final String NAME = "locmem";
    public static final int DEFAULT_MAX_ENTRIES = 300;
    /** The smallest {@code max-bytes} accepted: one KiB. */
    public static final long MIN_MAX_BYTES = 1024;
    private static final System.Logger LOG = System.getLogger("dev.larder.locmem");

    /**
     * An eighth of the most the heap may grow to ({@code -Xmx}): ten 100 MB values cannot
     * exhaust a 1.2 GB heap through the default cache, and a 4 GB heap keeps 512 MB of values.
     */
    public static long defaultMaxBytes() {
        return Math.max(MIN_MAX_BYTES, Runtime.getRuntime().maxMemory() / 8);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> options() {
        return Set.of("max-entries", "max-bytes", "cull-frequency", "store-references");
    }

    @Override
    public CacheBackend create(BackendContext context) {
        BackendOptions options = context.options();
        long maxEntries = options.longValue("max-entries", DEFAULT_MAX_ENTRIES, 1);
        long maxBytes = options.longValue("max-bytes", defaultMaxBytes(), MIN_MAX_BYTES);
        boolean references = options.booleanValue("store-references", false);
        if (options.string("cull-frequency").isPresent()) {
            options.longValue("cull-frequency", 3, 0);
            LOG.log(Level.INFO, "cache ''{0}'': locmem evicts one entry at a time (W-TinyLFU); cull-frequency is ignored",
                    context.alias());
        }
        LocMemStore store = LocMemStores.acquire(context.location(), maxEntries, maxBytes, references, context.clock(), context.alias(),
                context.stats());
        return new LocMemBackend(store, references, context.codec(), context.stats());
    }
}

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
 * live entries), {@code store-references} (default false: reads return copies). Unlike
 * Django, eviction is one entry at a time by Caffeine's W-TinyLFU policy, so
 * {@code cull-frequency} is accepted for compatibility and has no effect.
 */
public final class LocMemBackendFactory implements CacheBackendFactory {
    public static final String NAME = "locmem";
    public static final int DEFAULT_MAX_ENTRIES = 300;
    private static final System.Logger LOG = System.getLogger("dev.larder.locmem");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> options() {
        return Set.of("max-entries", "cull-frequency", "store-references");
    }

    @Override
    public CacheBackend create(BackendContext context) {
        BackendOptions options = context.options();
        long maxEntries = options.longValue("max-entries", DEFAULT_MAX_ENTRIES, 1);
        boolean references = options.booleanValue("store-references", false);
        if (options.string("cull-frequency").isPresent()) {
            options.longValue("cull-frequency", 3, 0);
            LOG.log(Level.INFO, "cache ''{0}'': locmem evicts one entry at a time (W-TinyLFU); cull-frequency is ignored",
                    context.alias());
        }
        LocMemStore store = LocMemStores.acquire(context.location(), maxEntries, references, context.clock(), context.alias(),
                context.stats());
        return new LocMemBackend(store, references, context.codec(), context.stats());
    }
}

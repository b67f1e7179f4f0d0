package dev.larder.locmem;

import dev.larder.spi.StatsCounter;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * The process-wide map of stores by location (Django's module-level {@code _caches}), with
 * reference counts so a store is dropped when the last cache using it closes.
 */
final class LocMemStores {
    private static final Map<String, LocMemStore> STORES = new HashMap<>();

    private LocMemStores() {
    }

    static synchronized LocMemStore acquire(String location, long maxEntries, long maxBytes, boolean references,
                                            Clock clock, String alias, StatsCounter stats) {
        LocMemStore store = STORES.get(location);
        if (store == null) {
            store = new LocMemStore(location, maxEntries, maxBytes, references, clock);
            STORES.put(location, store);
        } else {
            store.checkCompatible(maxEntries, maxBytes, references, clock, alias);
        }
        store.users++;
        store.attach(stats);
        return store;
    }

    static synchronized void release(LocMemStore store, StatsCounter stats) {
        store.detach(stats);
        if (--store.users == 0) {
            STORES.remove(store.location, store);
            store.cache.invalidateAll();
        }
    }
}

package dev.larder.resilience;

import dev.larder.CacheConfigException;
import dev.larder.ConfigNames;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The breakers of the process, one per shared store (backend name and location as configured),
 * counted by the caches that use it: the last cache to close removes it, so a registry built
 * again later starts with a closed breaker.
 */
final class Breakers {
    private static final Map<String, SharedBreaker> BY_STORE = new HashMap<>();

    private Breakers() {
    }

    /**
     * The breaker of the store, made on first use, with {@code alias} counted as a user.
     *
     * @param key      what identifies the store (may hold a password; never shown)
     * @param store    how messages name the store, passwords masked
     * @throws CacheConfigException if the store's breaker has other settings: caches sharing a
     *                              store share its breaker, so they must agree on it
     */
    static synchronized SharedBreaker acquire(String key, String store, String alias, BreakerSettings settings) {
        SharedBreaker shared = BY_STORE.get(key);
        if (shared == null) {
            shared = new SharedBreaker(store, settings);
            BY_STORE.put(key, shared);
        }
        Optional<String> differs = settings.firstDifference(shared.settings());
        if (differs.isPresent()) {
            throw new CacheConfigException(ConfigNames.option(alias, differs.get()) + " differs from the setting of"
                    + " the caches " + shared.users() + " on the same store, " + store + ": caches on one store share"
                    + " one circuit breaker, so give them the same circuit-breaker.* options");
        }
        shared.addUser(alias);
        return shared;
    }

    /** Counts {@code alias} out of the breaker; the last user removes it. */
    static synchronized void release(String key, SharedBreaker shared, String alias) {
        if (shared.removeUser(alias) && BY_STORE.get(key) == shared) {
            BY_STORE.remove(key);
        }
    }

    static synchronized int size() {
        return BY_STORE.size();
    }
}

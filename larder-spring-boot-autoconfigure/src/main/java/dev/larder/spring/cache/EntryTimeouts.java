package dev.larder.spring.cache;

import dev.larder.Timeout;
import java.util.Objects;

/**
 * The timeout each entry of one Spring cache is written with: the {@link EntryTimeout}'s choice,
 * else the cache's, else the Larder cache's default. Pure: the cache does the writing. Thread-safe.
 */
final class EntryTimeouts {
    private final String cacheName;
    private final LarderSpringCache.Settings settings;

    EntryTimeouts(String cacheName, LarderSpringCache.Settings settings) {
        this.cacheName = cacheName;
        this.settings = settings;
    }

    /** The timeout to write {@code value} under {@code key} with. */
    Timeout forEntry(Object key, Object value) {
        EntryTimeout entryTimeout = settings.entryTimeout();
        Timeout chosen = entryTimeout == null ? Timeout.DEFAULT
                : Objects.requireNonNull(entryTimeout.timeoutFor(cacheName, key, value), "EntryTimeout returned null");
        return chosen.orDefault(settings.timeout());
    }

    /**
     * The timeout to {@code touch} a value that {@code getOrSet} stored with the cache's, or null
     * when it already has the right one: getOrSet takes its timeout before the value is known.
     */
    Timeout afterLoad(Object key, Object value) {
        if (settings.entryTimeout() == null || (value == null && !settings.allowNullValues())) {
            return null;
        }
        Timeout timeout = forEntry(key, value);
        return timeout.equals(settings.timeout()) ? null : timeout;
    }
}

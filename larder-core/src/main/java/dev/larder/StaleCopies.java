package dev.larder;

import com.github.benmanes.caffeine.cache.Caffeine;
import dev.larder.spi.CacheKey;
import dev.larder.spi.TimedValue;
import java.util.concurrent.ConcurrentMap;

/**
 * The entries this process last read or loaded through {@code getOrSet}, so that stale-if-error
 * can serve one while the store itself is failing: the store's own stale copy is out of reach
 * then. Bounded by count (W-TinyLFU keeps the keys read most); an entry is replaced only by a
 * fresher one, which keeps the hot path to one map read. Thread-safe.
 */
final class StaleCopies {
    /** Enough for the hot keys of one application; each copy is a reference the store's read made anyway. */
    static final int MAX_COPIES = 10_000;

    private final ConcurrentMap<CacheKey, TimedValue> copies =
            Caffeine.newBuilder().maximumSize(MAX_COPIES).<CacheKey, TimedValue>build().asMap();

    void remember(CacheKey key, TimedValue value) {
        TimedValue held = copies.get(key);
        if (held == null || held.freshUntilMillis() < value.freshUntilMillis()) {
            copies.put(key, value);
        }
    }

    /** The copy of {@code key}, or null. */
    TimedValue find(CacheKey key) {
        return copies.get(key);
    }
}

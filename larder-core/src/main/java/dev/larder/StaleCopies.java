package dev.larder;

import com.github.benmanes.caffeine.cache.Caffeine;
import dev.larder.spi.CacheKey;
import dev.larder.spi.Serializer;
import dev.larder.spi.TimedValue;
import java.util.concurrent.ConcurrentMap;

/**
 * The entries this process last read or loaded through {@code getOrSet}, serialised, so that
 * stale-if-error can serve one while the store itself is failing: the store's own stale copy
 * is out of reach then. Bounded by bytes (W-TinyLFU keeps the keys read most). An entry is
 * serialised once per load, not per read: a read that finds the copy of the same load does
 * nothing more. Writes through the cache ({@code set}, {@code delete}, {@code clear}) drop the
 * copies they make wrong, so a deleted entry never comes back from here. Thread-safe.
 */
final class StaleCopies {
    /** The bytes all copies may hold, per cache. */
    static final long MAX_BYTES = 32L << 20;

    private record Copy(byte[] bytes, long freshUntilMillis, long loadId) {
    }

    private final Serializer serializer;
    private final ConcurrentMap<CacheKey, Copy> copies = Caffeine.newBuilder().maximumWeight(MAX_BYTES)
            .<CacheKey, Copy>weigher((key, copy) -> copy.bytes.length + key.length() * 2 + 64).build().asMap();

    StaleCopies(Serializer serializer) {
        this.serializer = serializer;
    }

    void remember(CacheKey key, TimedValue value) {
        Copy held = copies.get(key);
        if (held != null && held.loadId == value.loadId()) {
            return;
        }
        Copy copy;
        try {
            copy = new Copy(serializer.serialize(value.value()), value.freshUntilMillis(), value.loadId());
        } catch (RuntimeException e) {
            // It was stored, so it serialises; a serializer that says otherwise keeps no copy.
            return;
        }
        copies.merge(key, copy, (old, mine) -> old.freshUntilMillis >= mine.freshUntilMillis ? old : mine);
    }

    /** A fresh copy of {@code key}'s value if it is fresh at {@code nowMillis} or within {@code staleMillis} after, else null. */
    Object find(CacheKey key, long nowMillis, long staleMillis) {
        Copy copy = copies.get(key);
        if (copy == null || nowMillis - copy.freshUntilMillis >= staleMillis) {
            return null;
        }
        try {
            return serializer.deserialize(copy.bytes);
        } catch (RuntimeException e) {
            return null;
        }
    }

    void forget(CacheKey key) {
        copies.remove(key);
    }

    void forgetAll() {
        copies.clear();
    }
}

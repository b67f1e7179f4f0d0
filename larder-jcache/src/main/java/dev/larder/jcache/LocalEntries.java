package dev.larder.jcache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.RemovalListener;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentMap;

/**
 * A locmem JCache cache's entries: {@link Stored} records in a Caffeine map of the cache's own,
 * by the JCache key itself, bounded by the template's {@code max-entries} when it sets one
 * (JSR-107 caches have no bound of their own; entries leave by expiry) and expired by each
 * record's time. Swaps are the map's own atomic {@code putIfAbsent}/{@code replace}/
 * {@code remove} of the record read (records are equal by their stamp). Store-by-value copies
 * go through {@link Copies}: values of immutable classes are kept as given, others as bytes that
 * each read turns into a fresh copy.
 */
final class LocalEntries implements Entries {
    private final Cache<Object, Stored> cache;
    private final ConcurrentMap<Object, Stored> map;
    private final Copies copies;

    /**
     * @param maxEntries the bound, or 0 for none
     * @param copies     the copier, or null to store by reference
     */
    LocalEntries(long maxEntries, Copies copies, Clock clock, Statistics stats, boolean expiring) {
        this.cache = build(maxEntries, clock, stats, expiring);
        this.map = cache.asMap();
        this.copies = copies;
    }

    /**
     * Under an eternal policy with no bound, the map is Caffeine's unbounded one, a plain
     * concurrent hash map with no read buffer, the fastest hit there is; otherwise Caffeine
     * expires each record at its own time and evicts past the bound.
     */
    private static Cache<Object, Stored> build(long maxEntries, Clock clock, Statistics stats, boolean expiring) {
        Caffeine<Object, Object> builder = Caffeine.newBuilder();
        if (maxEntries > 0) {
            builder.maximumSize(maxEntries);
        }
        if (!expiring && maxEntries <= 0) {
            return builder.<Object, Stored>build();
        }
        RemovalListener<Object, Stored> counting = (k, v, cause) -> {
            if (cause == RemovalCause.SIZE) {
                stats.evictions(1);
            }
        };
        Caffeine<Object, Stored> typed = expiring ? builder.expireAfter(new RecordExpiry(clock)) : builder.removalListener(counting);
        if (expiring && maxEntries > 0) {
            typed = typed.removalListener(counting);
        }
        return typed.build();
    }

    /** Each record leaves the map at its own expiry time. */
    private record RecordExpiry(Clock clock) implements Expiry<Object, Stored> {
        @Override
        public long expireAfterCreate(Object key, Stored value, long currentTime) {
            return nanosLeft(value, clock);
        }

        @Override
        public long expireAfterUpdate(Object key, Stored value, long currentTime, long currentDuration) {
            return nanosLeft(value, clock);
        }

        @Override
        public long expireAfterRead(Object key, Stored value, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }

    private static long nanosLeft(Stored value, Clock clock) {
        if (value.expiresAt() == Stored.ETERNAL) {
            return Long.MAX_VALUE;
        }
        long millis = Math.max(0, value.expiresAt() - clock.millis());
        return millis >= Long.MAX_VALUE / 1_000_000 ? Long.MAX_VALUE : millis * 1_000_000;
    }

    @Override
    public Object keyOf(Object key) {
        return key;
    }

    @Override
    public Stored read(Object key) {
        Stored s = map.get(key);
        return s == null || copies == null ? s : copies.out(s);
    }

    @Override
    public Map<Object, Stored> readMany(Collection<Object> keys) {
        Map<Object, Stored> found = new HashMap<>();
        for (Object key : keys) {
            Stored s = read(key);
            if (s != null) {
                found.put(key, s);
            }
        }
        return found;
    }

    @Override
    public boolean swap(Object key, Stored expected, Stored next, long now) {
        if (next == null || next.expiredAt(now)) {
            return expected == null || map.remove(key, expected);
        }
        Stored held = copies == null ? next : copies.in(next);
        if (expected == null) {
            return map.putIfAbsent(held.key(), held) == null;
        }
        return map.replace(key, expected, held);
    }

    @Override
    public List<Object> setMany(Map<Object, Stored> entries, long expiresAt, long now) {
        entries.values().forEach(s -> {
            Stored held = copies == null ? s : copies.in(s);
            map.put(held.key(), held);
        });
        return List.of();
    }

    @Override
    public void deleteMany(Collection<Object> keys) {
        keys.forEach(map::remove);
    }

    @Override
    public Iterator<Object> keys() {
        Iterator<Object> keys = map.keySet().iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return keys.hasNext();
            }

            @Override
            public Object next() {
                return keys.next();
            }
        };
    }

    @Override
    public void clear() {
        cache.invalidateAll();
    }

    @Override
    public boolean atomicWrites() {
        return true;
    }

    @Override
    public Object underneath() {
        return cache;
    }
}

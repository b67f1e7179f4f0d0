package dev.larder.locmem;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.RemovalCause;
import dev.larder.CacheConfigException;
import dev.larder.spi.StatsCounter;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One named in-process store: a Caffeine cache bounded by {@code max-entries} with per-entry
 * expiry. Every cache configured with the same location in one class loader shares it.
 */
final class LocMemStore {
    /** A stored value with its absolute expiry in epoch millis ({@code Long.MAX_VALUE}: never). */
    static class Entry {
        final Object value;
        final long expiresAt;

        Entry(Object value, long expiresAt) {
            this.value = value;
            this.expiresAt = expiresAt;
        }

        Entry withExpiry(long newExpiry) {
            return new Entry(value, newExpiry);
        }
    }

    /** An entry whose value is serialised bytes, decoded on every read so readers get copies. */
    static final class Encoded extends Entry {
        Encoded(byte[] bytes, long expiresAt) {
            super(bytes, expiresAt);
        }

        @Override
        Entry withExpiry(long newExpiry) {
            return new Encoded((byte[]) value, newExpiry);
        }
    }

    private static final long NANOS_PER_MILLI = 1_000_000L;

    final String location;
    final long maxEntries;
    final Clock clock;
    final Cache<String, Entry> cache;
    private final List<StatsCounter> listeners = new CopyOnWriteArrayList<>();
    int users;

    LocMemStore(String location, long maxEntries, Clock clock) {
        this.location = location;
        this.maxEntries = maxEntries;
        this.clock = clock;
        this.cache = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .expireAfter(new EntryExpiry())
                // Caffeine measures expiry with its ticker: derive it from the injected clock so
                // a fake clock in tests moves both Larder's and Caffeine's notion of now.
                .ticker(() -> clock.millis() * NANOS_PER_MILLI)
                // Maintenance (eviction, expiry) runs on the calling thread: no pool threads,
                // and the size bound holds as soon as a write returns.
                .executor(Runnable::run)
                .evictionListener((String key, Entry value, RemovalCause cause) -> {
                    if (cause == RemovalCause.SIZE) {
                        for (StatsCounter stats : listeners) {
                            stats.recordEvictions(1);
                        }
                    }
                })
                .build();
    }

    void attach(StatsCounter stats) {
        listeners.add(stats);
    }

    void detach(StatsCounter stats) {
        listeners.remove(stats);
    }

    void checkCompatible(long wantedMax, Clock wantedClock, String alias) {
        if (wantedMax != maxEntries) {
            throw new CacheConfigException("larder.caches." + alias + ".options.max-entries=" + wantedMax
                    + " conflicts with max-entries=" + maxEntries + " of another cache using locmem location '"
                    + location + "'; caches sharing a location share one store and one bound");
        }
        if (!wantedClock.equals(clock)) {
            throw new CacheConfigException("cache '" + alias + "' uses another clock than the caches already"
                    + " sharing locmem location '" + location + "'");
        }
    }

    /** Expiry from the entry's own absolute time; reads leave it unchanged. */
    private static final class EntryExpiry implements Expiry<String, Entry> {
        @Override
        public long expireAfterCreate(String key, Entry entry, long currentTime) {
            return nanosUntil(entry.expiresAt, currentTime);
        }

        @Override
        public long expireAfterUpdate(String key, Entry entry, long currentTime, long currentDuration) {
            return nanosUntil(entry.expiresAt, currentTime);
        }

        @Override
        public long expireAfterRead(String key, Entry entry, long currentTime, long currentDuration) {
            return currentDuration;
        }

        private static long nanosUntil(long expiresAt, long nowNanos) {
            if (expiresAt == Long.MAX_VALUE) {
                return Long.MAX_VALUE;
            }
            long millis = expiresAt - nowNanos / NANOS_PER_MILLI;
            if (millis <= 0) {
                return 0;
            }
            return millis > Long.MAX_VALUE / NANOS_PER_MILLI ? Long.MAX_VALUE : millis * NANOS_PER_MILLI;
        }
    }
}

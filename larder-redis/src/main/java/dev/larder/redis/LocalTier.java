package dev.larder.redis;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.larder.spi.CacheKey;
import dev.larder.spi.StatsCounter;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.ConcurrentMap;

/**
 * The near cache's memory: entries read from Redis, bounded in number and in age, and the
 * "caching in progress" markers of reads still on their way. Redis's client-side caching
 * documentation describes the race the markers close: a read's reply and the invalidation of
 * a write that came after it travel separately, and a thread may hold the old reply when the
 * invalidation has already been handled. So a marker is placed before the read is sent, every
 * invalidation removes whatever the key holds (marker included), and the reply is kept only by
 * swapping it for its own marker, which fails once an invalidation or a flush has been.
 *
 * <p>Keyed by {@link CacheKey}, whose hash is ready when the key is made, so a hit joins no
 * strings; a key named by an invalidation ({@code CacheKey.of(text)}) equals it. Thread-safe; the Redis event loop invalidates while callers read and fill.
 */
final class LocalTier {
    /** A read in flight; compared by identity, so only its own reply can replace it. */
    static final class Fill {
        final long epoch;

        Fill(long epoch) {
            this.epoch = epoch;
        }
    }

    /**
     * What a read found. {@code value} is either the decoded object, kept when its type is
     * immutable, or the stored bytes, decoded again on every hit so that no two callers share a
     * mutable object (as the Redis backend's own reads never do).
     */
    record Entry(Object value, boolean encoded, long lifeNanos) {
    }

    private final Cache<CacheKey, Object> cache;
    private final ConcurrentMap<CacheKey, Object> map;
    private final StatsCounter stats;

    LocalTier(long maxEntries, Duration maxAge, Duration markerLife, StatsCounter stats) {
        long maxAgeNanos = maxAge.toNanos();
        long markerNanos = markerLife.toNanos();
        this.cache = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                // Redis's own expiry is the limit too: a key Redis expires is invalidated only when
                // Redis gets round to deleting it, which may be much later.
                .expireAfter(new Expiry<CacheKey, Object>() {
                    @Override
                    public long expireAfterCreate(CacheKey key, Object value, long now) {
                        return value instanceof Entry e ? Math.min(e.lifeNanos(), maxAgeNanos) : markerNanos;
                    }

                    /** A reply replacing its marker starts the entry's own life. */
                    @Override
                    public long expireAfterUpdate(CacheKey key, Object value, long now, long remaining) {
                        return expireAfterCreate(key, value, now);
                    }

                    @Override
                    public long expireAfterRead(CacheKey key, Object value, long now, long remaining) {
                        return remaining;
                    }
                })
                .executor(Runnable::run)
                .build();
        this.map = cache.asMap();
        this.stats = stats;
    }

    /** The entry the key holds, or null (a marker is a miss). */
    Entry get(CacheKey key) {
        return cache.getIfPresent(key) instanceof Entry e ? e : null;
    }

    /**
     * Places a marker for a read about to be sent; null when the key already holds one (another
     * thread is reading it: this read goes to Redis without filling) or an entry.
     */
    Fill begin(CacheKey key, long epoch) {
        Fill fill = new Fill(epoch);
        return map.putIfAbsent(key, fill) == null ? fill : null;
    }

    /** Keeps the reply if no invalidation or flush removed the marker meanwhile; true if kept. */
    boolean complete(CacheKey key, Fill fill, Entry entry) {
        if (map.replace(key, fill, entry)) {
            stats.recordLocalFill();
            return true;
        }
        return false;
    }

    /** Takes back the marker of a read that failed or found nothing. */
    void abandon(CacheKey key, Fill fill) {
        map.remove(key, fill);
    }

    /** Takes back an entry kept by a fill that a flush overtook (see {@code NearCacheBackend}). */
    void withdraw(CacheKey key, Entry entry) {
        map.remove(key, entry);
    }

    /** The key changed: its entry, or the marker of a read in flight, goes. */
    void invalidate(CacheKey key) {
        map.remove(key);
    }

    void invalidateAll(Collection<CacheKey> keys) {
        for (CacheKey key : keys) {
            map.remove(key);
        }
    }

    /** Every entry and every marker goes: reads in flight keep nothing. */
    void flush() {
        map.clear();
        stats.recordFlush();
    }

    long size() {
        return cache.estimatedSize();
    }
}

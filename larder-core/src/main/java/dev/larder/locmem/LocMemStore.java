package dev.larder.locmem;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.larder.CacheConfigException;
import dev.larder.ConfigNames;
import dev.larder.spi.CacheKey;
import dev.larder.spi.StatsCounter;
import dev.larder.support.ReadOnlyBytes;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.StampedLock;

/**
 * One named in-process store: a Caffeine cache bounded by {@code max-entries} and
 * {@code max-bytes} with per-entry expiry. Every cache configured with the same location in
 * one class loader shares it.
 *
 * <p>Caffeine takes one bound, by count or by weight, so both are folded into one weight: an
 * entry weighs its size in bytes, but never less than {@code max-bytes / max-entries}. The
 * store then never holds more than {@code max-entries} entries nor more than {@code max-bytes}
 * bytes of them; large values leave room for fewer small ones.
 */
final class LocMemStore {
    /** A value kept as serialised bytes, decoded on every read so readers get copies. */
    static final class Encoded {
        final byte[] bytes;

        Encoded(byte[] bytes) {
            this.bytes = bytes;
        }
    }

    static final long NANOS_PER_MILLI = 1_000_000L;

    final String location;
    final long maxEntries;
    final long maxBytes;
    final Clock clock;
    final Cache<CacheKey, Object> cache;
    /**
     * Write locks, striped by key: a write holds its key's stripe shared, and
     * {@code setIfUnchanged} holds the stripes of every key it checks or writes exclusively, so
     * no write to those keys lands between its check and its store. Reads take no lock. Striped
     * because one lock shared by every write cost 40% of {@code set}'s throughput on two threads
     * (cache-line contention); see docs/BENCHMARKS.md.
     */
    private final StampedLock[] stripes = new StampedLock[STRIPES];
    static final int STRIPES = 256;
    private final List<StatsCounter> listeners = new CopyOnWriteArrayList<>();
    int users;

    private final boolean references;

    LocMemStore(String location, long maxEntries, long maxBytes, boolean references, Clock clock) {
        this.references = references;
        this.location = location;
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
        int floor = (int) Math.min(Integer.MAX_VALUE, Math.max(1, maxBytes / maxEntries));
        this.clock = clock;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new StampedLock();
        }
        this.cache = Caffeine.newBuilder()
                .maximumWeight(Math.max(maxBytes, maxEntries))
                .weigher((CacheKey key, Object value) -> Math.max(floor, weight(key, value)))
                .expireAfter(new KeepExpiry())
                .ticker(ticker(clock))
                // Maintenance (eviction, expiry) runs on the calling thread: no pool threads,
                // and the size bound holds as soon as a write returns.
                .executor(Runnable::run)
                .evictionListener((CacheKey key, Object value, RemovalCause cause) -> {
                    if (cause == RemovalCause.SIZE) {
                        for (StatsCounter stats : listeners) {
                            stats.recordEvictions(1);
                        }
                    }
                })
                .build();
    }

    /**
     * What an entry holds, near enough: the key's characters, the value's bytes (encoded, or a
     * string's characters) and Caffeine's node. A value kept as a reference, in
     * {@code store-references} mode, is not measured: its size is the caller's object graph.
     */
    static int weight(CacheKey key, Object value) {
        long bytes = 96L + 2L * key.length();
        if (value instanceof Encoded e) {
            bytes += e.bytes.length;
        } else if (value instanceof String s) {
            bytes += 2L * s.length();
        } else if (value instanceof byte[] b) {
            bytes += b.length;
        } else if (value instanceof ReadOnlyBytes b) {
            bytes += b.length();
        }
        return (int) Math.min(Integer.MAX_VALUE, bytes);
    }

    /** The stripe index of a key. */
    static int stripeOf(CacheKey key) {
        int h = key.hashCode();
        return (h ^ (h >>> 16)) & (STRIPES - 1);
    }

    StampedLock stripe(int index) {
        return stripes[index];
    }

    /** The lock stripe a write of {@code key} holds. */
    StampedLock stripeFor(CacheKey key) {
        return stripes[stripeOf(key)];
    }

    void attach(StatsCounter stats) {
        listeners.add(stats);
    }

    void detach(StatsCounter stats) {
        listeners.remove(stats);
    }

    void checkCompatible(long wantedMax, long wantedBytes, boolean wantedReferences, Clock wantedClock, String alias) {
        if (wantedBytes != maxBytes) {
            throw new CacheConfigException(ConfigNames.option(alias, "max-bytes") + "=" + wantedBytes
                    + " conflicts with max-bytes=" + maxBytes + " of another cache using locmem location '"
                    + location + "'; caches sharing a location share one store and one bound");
        }
        if (wantedReferences != references) {
            // A copying cache would hand out the live objects a referencing cache stored.
            throw new CacheConfigException(ConfigNames.option(alias, "store-references") + "=" + wantedReferences
                    + " conflicts with store-references=" + references + " of another cache using locmem location '"
                    + location + "'; caches sharing a location must agree on it");
        }
        if (wantedMax != maxEntries) {
            throw new CacheConfigException(ConfigNames.option(alias, "max-entries") + "=" + wantedMax
                    + " conflicts with max-entries=" + maxEntries + " of another cache using locmem location '"
                    + location + "'; caches sharing a location share one store and one bound");
        }
        if (!wantedClock.equals(clock)) {
            throw new CacheConfigException("cache '" + alias + "' uses another clock than the caches already"
                    + " sharing locmem location '" + location + "'");
        }
    }

    /**
     * Caffeine measures expiry against its ticker. With the system clock that is
     * {@code System.nanoTime}, the cheapest to read on every get (measured: about 10 ns a get
     * less than reading the clock); with any other clock, such as a fake one in tests, the
     * ticker follows that clock so both agree on "now".
     */
    private static Ticker ticker(Clock clock) {
        if (clock.equals(Clock.systemUTC()) || clock.equals(Clock.systemDefaultZone())) {
            return Ticker.systemTicker();
        }
        return () -> clock.millis() * NANOS_PER_MILLI;
    }

    /**
     * Every write gives its duration explicitly through {@code Policy.VarExpiration}, so these
     * callbacks only keep what is there: an {@code incr} or a read leaves the expiry alone.
     * Keeping the expiry in Caffeine's node, not in a wrapper around each value, saves a
     * memory hop on every get.
     */
    private static final class KeepExpiry implements Expiry<CacheKey, Object> {
        @Override
        public long expireAfterCreate(CacheKey key, Object value, long currentTime) {
            return Long.MAX_VALUE;
        }

        @Override
        public long expireAfterUpdate(CacheKey key, Object value, long currentTime, long currentDuration) {
            return currentDuration;
        }

        @Override
        public long expireAfterRead(CacheKey key, Object value, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}

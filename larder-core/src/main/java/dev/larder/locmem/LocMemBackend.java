package dev.larder.locmem;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Policy;
import dev.larder.CacheKeyNotFoundException;
import dev.larder.CacheValueTooLargeException;
import dev.larder.Capabilities;
import dev.larder.Timeout;
import dev.larder.locmem.LocMemStore.Encoded;
import dev.larder.spi.CacheBackend;
import dev.larder.spi.CacheKey;
import dev.larder.spi.StatsCounter;
import dev.larder.spi.ValueCodec;
import dev.larder.support.Counters;
import dev.larder.support.ImmutableValues;
import dev.larder.support.ReadOnlyBytes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.locks.StampedLock;

/**
 * Local-memory backend over a shared {@link LocMemStore}. In copy mode (the default) a value
 * is serialised on write and decoded on every read, so callers never share a mutable object
 * with the cache; values of immutable JDK types are kept as they are, since a copy of them
 * could not be told apart, and so is a {@link ReadOnlyBytes}, which nobody changes (a stored
 * page: a hit then gets the stored instance, and what was decoded from it, without a copy).
 * In reference mode every value is kept as it is (the fast path, for immutable values). Every write is atomic per key (Caffeine's per-entry compute), and
 * Caffeine alone decides what has expired: an expired entry is absent to every call.
 *
 * <p>{@code setIfUnchanged} is atomic: a write holds its key's lock stripe shared, and a
 * conditional set holds the stripes of all its keys alone while it checks and stores.
 * Eviction and expiry are not writes: an expected key that Caffeine drops during the check is
 * simply gone.
 */
final class LocMemBackend implements CacheBackend {
    private static final Capabilities COPIES = Capabilities.builder().stores().bounded().atomicAdd().atomicIncr()
            .atomicConditionalSet().listsKeys().build();
    private static final Capabilities REFERENCES = Capabilities.builder().stores().bounded().atomicAdd().atomicIncr()
            .atomicConditionalSet().sharesValues().listsKeys().build();
    private final LocMemStore store;
    private final Cache<CacheKey, Object> cache;
    private final Map<CacheKey, Object> map;
    private final Policy.VarExpiration<CacheKey, Object> expiry;
    private final boolean references;
    private final ValueCodec codec;
    private final StatsCounter stats;

    LocMemBackend(LocMemStore store, boolean references, ValueCodec codec, StatsCounter stats) {
        this.store = store;
        this.cache = store.cache;
        this.map = store.cache.asMap();
        this.expiry = store.cache.policy().expireVariably().orElseThrow();
        this.references = references;
        this.codec = codec;
        this.stats = stats;
    }

    @Override
    public Object get(CacheKey key) {
        return valueOf(key, cache.getIfPresent(key));
    }

    @Override
    public Map<CacheKey, Object> getMany(Collection<CacheKey> keys) {
        Map<CacheKey, Object> found = new HashMap<>();
        for (Map.Entry<CacheKey, Object> e : cache.getAllPresent(keys).entrySet()) {
            Object value = valueOf(e.getKey(), e.getValue());
            if (value != null) {
                found.put(e.getKey(), value);
            }
        }
        return found;
    }

    @Override
    public void set(CacheKey key, Object value, Timeout timeout) {
        Object stored = prepare(key, value);
        StampedLock lock = store.stripeFor(key);
        long stamp = lock.readLock();
        try {
            put(key, stored, timeout);
        } finally {
            lock.unlockRead(stamp);
        }
    }

    @Override
    public boolean setIfUnchanged(CacheKey key, Object value, Timeout timeout, Map<CacheKey, Object> expected) {
        Object stored = prepare(key, value);
        // Every stripe involved, locked in ascending order so two conditional sets cannot deadlock.
        TreeSet<Integer> involved = new TreeSet<>();
        involved.add(LocMemStore.stripeOf(key));
        expected.keySet().forEach(k -> involved.add(LocMemStore.stripeOf(k)));
        long[] stamps = new long[involved.size()];
        int held = 0;
        try {
            for (int index : involved) {
                stamps[held] = store.stripe(index).writeLock();
                held++;
            }
            for (Map.Entry<CacheKey, Object> e : expected.entrySet()) {
                Object found = valueOf(e.getKey(), cache.policy().getIfPresentQuietly(e.getKey()));
                if (!Objects.deepEquals(found, e.getValue())) {
                    return false;
                }
            }
            put(key, stored, timeout);
            return true;
        } finally {
            int i = 0;
            for (int index : involved) {
                if (i < held) {
                    store.stripe(index).unlockWrite(stamps[i]);
                }
                i++;
            }
        }
    }

    private void put(CacheKey key, Object stored, Timeout timeout) {
        if (timeout.isExpired()) {
            map.remove(key);
        } else {
            expiry.put(key, stored, duration(timeout));
        }
    }

    @Override
    public List<CacheKey> setMany(Map<CacheKey, Object> entries, Timeout timeout) {
        // Encode every value before storing any, so a value that cannot be serialised leaves
        // the store untouched.
        Map<CacheKey, Object> prepared = new HashMap<>();
        List<CacheKey> tooLarge = new ArrayList<>(0);
        for (Map.Entry<CacheKey, Object> e : entries.entrySet()) {
            try {
                prepared.put(e.getKey(), prepare(e.getKey(), e.getValue()));
            } catch (CacheValueTooLargeException refused) {
                tooLarge.add(e.getKey());
            }
        }
        for (Map.Entry<CacheKey, Object> e : prepared.entrySet()) {
            StampedLock lock = store.stripeFor(e.getKey());
            long stamp = lock.readLock();
            try {
                put(e.getKey(), e.getValue(), timeout);
            } finally {
                lock.unlockRead(stamp);
            }
        }
        return tooLarge;
    }

    @Override
    public boolean add(CacheKey key, Object value, Timeout timeout) {
        Object stored = prepare(key, value);
        if (timeout.isExpired()) {
            // Django: add with a zero timeout succeeds when the key is absent and keeps nothing.
            return !hasKey(key);
        }
        StampedLock lock = store.stripeFor(key);
        long stamp = lock.readLock();
        try {
            return expiry.putIfAbsent(key, stored, duration(timeout)) == null;
        } finally {
            lock.unlockRead(stamp);
        }
    }

    @Override
    public boolean delete(CacheKey key) {
        StampedLock lock = store.stripeFor(key);
        long stamp = lock.readLock();
        try {
            return map.remove(key) != null;
        } finally {
            lock.unlockRead(stamp);
        }
    }

    @Override
    public void clear() {
        // Every stripe, shared: a conditional set either finishes first or starts after.
        long[] stamps = new long[LocMemStore.STRIPES];
        for (int i = 0; i < stamps.length; i++) {
            stamps[i] = store.stripe(i).readLock();
        }
        try {
            cache.invalidateAll();
        } finally {
            for (int i = 0; i < stamps.length; i++) {
                store.stripe(i).unlockRead(stamps[i]);
            }
        }
    }

    /**
     * Every key of the store, as {@link #clear()} removes every one (the store is shared by the
     * caches of one location; the cache in front keeps its own). Caffeine's key view is weakly
     * consistent, copies nothing and skips expired entries; it is read-only here, since a
     * removal through it would bypass the stripe locks.
     */
    @Override
    public Iterator<CacheKey> keys() {
        return Collections.unmodifiableSet(map.keySet()).iterator();
    }

    @Override
    public boolean touch(CacheKey key, Timeout timeout) {
        boolean[] touched = new boolean[1];
        StampedLock lock = store.stripeFor(key);
        long stamp = lock.readLock();
        try {
            expiry.compute(key, (k, old) -> {
                touched[0] = old != null;
                return old == null || timeout.isExpired() ? null : old;
            }, timeout.isExpired() ? Duration.ZERO : duration(timeout));
        } finally {
            lock.unlockRead(stamp);
        }
        return touched[0];
    }

    @Override
    public long incr(CacheKey key, long delta) {
        long[] result = new long[1];
        // A plain compute: the expiry callbacks keep the entry's expiry as it was.
        Object updated;
        StampedLock lock = store.stripeFor(key);
        long stamp = lock.readLock();
        try {
            updated = map.computeIfPresent(key, (k, old) -> {
                result[0] = Counters.add(k, valueOf(k, old), delta);
                return result[0];
            });
        } finally {
            lock.unlockRead(stamp);
        }
        if (updated == null) {
            throw new CacheKeyNotFoundException(key.value());
        }
        return result[0];
    }

    @Override
    public boolean hasKey(CacheKey key) {
        return cache.policy().getIfPresentQuietly(key) != null;
    }

    @Override
    public Map<String, String> inspect() {
        long bytes = store.cache.policy().eviction().map(e -> e.weightedSize().orElse(0L)).orElse(0L);
        return new TreeMap<>(Map.of("entries", Long.toString(store.cache.estimatedSize()), "max-entries",
                Long.toString(store.maxEntries), "bytes", Long.toString(bytes), "max-bytes", Long.toString(store.maxBytes)));
    }

    @Override
    public Capabilities capabilities() {
        return references ? REFERENCES : COPIES;
    }

    @Override
    public void close() {
        LocMemStores.release(store, stats);
    }

    @Override
    public String toString() {
        return "locmem '" + store.location + "' (max " + store.maxEntries + (references ? ", references)" : ", copies)");
    }

    /** What to keep for {@code value}: itself, or its bytes when readers must get copies. */
    private Object prepare(CacheKey key, Object value) {
        if (references) {
            return value;
        }
        if (ImmutableValues.isImmutable(value)) {
            if (value instanceof String s && (long) s.length() * 4 > codec.maxValueSize()) {
                // Measured as it would be stored, so that a string too long for a shared store is
                // refused here too; shorter ones cannot reach the limit in any usual encoding.
                codec.encode(key, value);
            }
            if (value instanceof ReadOnlyBytes b && b.length() >= codec.maxValueSize()) {
                // Stored with a one-byte tag: refused here as a shared store would refuse it.
                codec.encode(key, value);
            }
            return value;
        }
        // Encoded even when the timeout will not keep it: an unserialisable value must fail loudly.
        return new Encoded(codec.encode(key, value));
    }

    /** A stored value as callers get it; bytes over this cache's limit (stored by a cache sharing the store) are a miss. */
    private Object valueOf(CacheKey key, Object stored) {
        if (stored instanceof Encoded e) {
            return codec.storedTooLarge(key, e.bytes.length) ? null : codec.decode(key, e.bytes);
        }
        return stored;
    }

    /** The timeout as Caffeine's duration, relative to the store's ticker. */
    private static Duration duration(Timeout timeout) {
        if (timeout.isNever()) {
            return Duration.ofNanos(Long.MAX_VALUE);
        }
        long millis = timeout.toMillis();
        return millis > Long.MAX_VALUE / LocMemStore.NANOS_PER_MILLI ? Duration.ofNanos(Long.MAX_VALUE)
                : Duration.ofMillis(millis);
    }
}

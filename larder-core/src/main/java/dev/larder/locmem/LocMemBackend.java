package dev.larder.locmem;

import dev.larder.CacheKeyNotFoundException;
import dev.larder.Timeout;
import dev.larder.locmem.LocMemStore.Encoded;
import dev.larder.locmem.LocMemStore.Entry;
import dev.larder.spi.CacheBackend;
import dev.larder.spi.Capabilities;
import dev.larder.spi.Counters;
import dev.larder.spi.StatsCounter;
import dev.larder.spi.ValueCodec;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Local-memory backend over a shared {@link LocMemStore}. In copy mode (the default) a value
 * is serialised on write and decoded on every read, so callers never share a mutable object
 * with the cache; values of immutable JDK types are kept as they are, since a copy of them
 * could not be told apart. In reference mode every value is kept as it is (the fast path, for
 * immutable values). Every write is atomic per key (Caffeine's per-entry compute).
 */
final class LocMemBackend implements CacheBackend {
    private static final Capabilities CAPABILITIES = new Capabilities(true, true, false, true, false);
    private static final Set<Class<?>> IMMUTABLE = Set.of(
            String.class, Long.class, Double.class, Float.class, Boolean.class, Character.class,
            BigInteger.class, BigDecimal.class, UUID.class, URI.class, Instant.class, LocalDate.class,
            LocalDateTime.class, LocalTime.class, OffsetDateTime.class, ZonedDateTime.class, Duration.class);

    private final LocMemStore store;
    private final com.github.benmanes.caffeine.cache.Cache<String, Entry> cache;
    private final Map<String, Entry> map;
    private final boolean references;
    private final ValueCodec codec;
    private final StatsCounter stats;
    private final Clock clock;

    LocMemBackend(LocMemStore store, boolean references, ValueCodec codec, StatsCounter stats) {
        this.store = store;
        this.cache = store.cache;
        this.map = store.cache.asMap();
        this.references = references;
        this.codec = codec;
        this.stats = stats;
        this.clock = store.clock;
    }

    @Override
    public Object get(String key) {
        Entry e = cache.getIfPresent(key);
        return e == null ? null : valueOf(key, e);
    }

    @Override
    public Map<String, Object> getMany(java.util.Collection<String> keys) {
        Map<String, Object> found = new HashMap<>();
        for (Map.Entry<String, Entry> e : cache.getAllPresent(keys).entrySet()) {
            Object value = valueOf(e.getKey(), e.getValue());
            if (value != null) {
                found.put(e.getKey(), value);
            }
        }
        return found;
    }

    @Override
    public void set(String key, Object value, Timeout timeout) {
        Entry entry = entry(key, value, timeout);
        if (entry == null) {
            map.remove(key);
        } else {
            cache.put(key, entry);
        }
    }

    @Override
    public List<String> setMany(Map<String, Object> entries, Timeout timeout) {
        // Encode every value before storing any, so a value that cannot be serialised leaves
        // the store untouched.
        Map<String, Entry> prepared = new HashMap<>();
        for (Map.Entry<String, Object> e : entries.entrySet()) {
            prepared.put(e.getKey(), entry(e.getKey(), e.getValue(), timeout));
        }
        for (Map.Entry<String, Entry> e : prepared.entrySet()) {
            if (e.getValue() == null) {
                map.remove(e.getKey());
            } else {
                cache.put(e.getKey(), e.getValue());
            }
        }
        return new java.util.ArrayList<>(0);
    }

    @Override
    public boolean add(String key, Object value, Timeout timeout) {
        Entry fresh = entry(key, value, timeout);
        boolean[] added = new boolean[1];
        map.compute(key, (k, old) -> {
            if (old != null && isLive(old)) {
                return old;
            }
            added[0] = true;
            return fresh;
        });
        return added[0];
    }

    @Override
    public boolean delete(String key) {
        Entry old = map.remove(key);
        return old != null && isLive(old);
    }

    @Override
    public void clear() {
        cache.invalidateAll();
    }

    @Override
    public boolean touch(String key, Timeout timeout) {
        long expiresAt = timeout.expiresAt(clock.millis());
        boolean[] touched = new boolean[1];
        map.computeIfPresent(key, (k, old) -> {
            if (!isLive(old)) {
                return null;
            }
            touched[0] = true;
            return timeout.isExpired() ? null : old.withExpiry(expiresAt);
        });
        return touched[0];
    }

    @Override
    public long incr(String key, long delta) {
        long[] result = new long[1];
        boolean[] found = new boolean[1];
        map.compute(key, (k, old) -> {
            if (old == null || !isLive(old)) {
                return null;
            }
            found[0] = true;
            result[0] = Counters.add(k, valueOf(k, old), delta);
            return new Entry(result[0], old.expiresAt);
        });
        if (!found[0]) {
            throw new CacheKeyNotFoundException(key);
        }
        return result[0];
    }

    @Override
    public boolean hasKey(String key) {
        Entry e = cache.policy().getIfPresentQuietly(key);
        return e != null && isLive(e);
    }

    @Override
    public Capabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public void close() {
        LocMemStores.release(store, stats);
    }

    @Override
    public String toString() {
        return "locmem '" + store.location + "' (max " + store.maxEntries + (references ? ", references)" : ", copies)");
    }

    /** The entry to store, or null when the timeout says not to keep it. */
    private Entry entry(String key, Object value, Timeout timeout) {
        boolean copy = !references && !IMMUTABLE.contains(value.getClass());
        // Encode even when the entry will not be kept: an unserialisable value must fail loudly.
        byte[] bytes = copy ? codec.encode(key, value) : null;
        if (timeout.isExpired()) {
            return null;
        }
        long expiresAt = timeout.expiresAt(clock.millis());
        return copy ? new Encoded(bytes, expiresAt) : new Entry(value, expiresAt);
    }

    private Object valueOf(String key, Entry e) {
        return e instanceof Encoded ? codec.decode(key, (byte[]) e.value) : e.value;
    }

    private boolean isLive(Entry e) {
        return e.expiresAt > clock.millis();
    }
}

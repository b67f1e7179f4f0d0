package dev.larder;

import dev.larder.spi.CacheBackend;
import dev.larder.spi.CacheKey;
import dev.larder.spi.StatsCounter;
import dev.larder.spi.TimedValue;
import dev.larder.support.Keys;
import java.lang.invoke.MethodType;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The {@link Cache} in front of every backend: makes and validates keys, resolves the default
 * timeout, refuses nulls, normalises integral numbers, counts, and hands {@code getOrSet} to its
 * {@link Loads}. Reads unwrap what {@code getOrSet} stored under a {@link LoadPolicy}, and read
 * it as a miss once it is no longer fresh.
 */
final class DefaultCache implements Cache {
    private final String alias;
    private final CacheBackend backend;
    private final KeyMaker keys;
    private final Timeout defaultTimeout;
    private final StatsCounter stats;
    private final Clock clock;
    private final Shared shared;
    private final boolean root;

    /**
     * What the root and its version views share: {@code getOrSet}'s loads (those in flight, by
     * stored key), and whether the root's {@link #close} ran, after which every view refuses calls.
     */
    private record Shared(Loads loads, AtomicBoolean closed) {
    }

    DefaultCache(String alias, CacheBackend backend, KeyMaker keys, Timeout defaultTimeout, StatsCounter stats,
                 Clock clock, Loads loads) {
        this(alias, backend, keys, defaultTimeout, stats, clock, new Shared(loads, new AtomicBoolean()), true);
    }

    private DefaultCache(String alias, CacheBackend backend, KeyMaker keys, Timeout defaultTimeout,
                         StatsCounter stats, Clock clock, Shared shared, boolean root) {
        this.alias = alias;
        this.backend = backend;
        this.keys = keys;
        this.defaultTimeout = defaultTimeout;
        this.stats = stats;
        this.clock = clock;
        this.shared = shared;
        this.root = root;
    }

    CacheBackend backend() {
        return backend;
    }

    @Override
    public String alias() {
        return alias;
    }

    @Override
    public Object get(String key) {
        Object value = TimedValue.unwrap(backend.get(make(key)), clock.millis());
        if (value == null) {
            stats.recordMiss();
        } else {
            stats.recordHit();
        }
        return value;
    }

    @Override
    public <T> T get(String key, Class<T> type) {
        Object value = get(key);
        return value == null ? null : convert(key, value, type);
    }

    @Override
    public Object getOrDefault(String key, Object defaultValue) {
        Object value = get(key);
        return value == null ? defaultValue : value;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getOrSet(String key, Supplier<? extends T> loader, Timeout timeout) {
        Objects.requireNonNull(loader, "loader");
        Timeout resolved = resolve(timeout);
        return (T) shared.loads().getOrSet(key, make(key), loader, resolved);
    }

    @Override
    public <T> T getOrSet(String key, Class<T> type, Supplier<? extends T> loader, Timeout timeout) {
        Objects.requireNonNull(type, "type");
        Object value = getOrSet(key, loader, timeout);
        return value == null ? null : convert(key, value, type);
    }

    @Override
    public Map<String, Object> getMany(Collection<String> given) {
        ensureOpen();
        Map<CacheKey, String> byMade = new LinkedHashMap<>();
        for (String key : given) {
            byMade.put(make(key), key);
        }
        if (byMade.isEmpty()) {
            return new HashMap<>();
        }
        Map<CacheKey, Object> found = backend.getMany(byMade.keySet());
        Map<String, Object> result = new LinkedHashMap<>();
        long now = clock.millis();
        for (Map.Entry<CacheKey, String> e : byMade.entrySet()) {
            Object value = TimedValue.unwrap(found.get(e.getKey()), now);
            if (value != null) {
                result.put(e.getValue(), value);
            }
        }
        stats.recordHits(result.size());
        stats.recordMisses(byMade.size() - result.size());
        return result;
    }

    @Override
    public void set(String key, Object value, Timeout timeout) {
        CacheKey made = make(key);
        try {
            backend.set(made, checkValue(key, value), resolve(timeout));
            shared.loads().forget(made);
        } catch (CacheValueTooLargeException e) {
            // Django's rule for memcached's item limit: the old value must not outlive a failed replacement.
            backend.delete(made);
            throw e;
        }
        stats.recordSets(1);
    }

    @Override
    public boolean setIfUnchanged(String key, Object value, Timeout timeout, Map<String, ?> expected) {
        Map<CacheKey, Object> made = new LinkedHashMap<>();
        expected.forEach((k, v) -> made.put(make(k), Objects.requireNonNull(v, () -> "expected value of " + k)));
        CacheKey target = make(key);
        Timeout resolved = resolve(timeout);
        boolean stored = backend.setIfUnchanged(target, checkValue(key, value), resolved, made);
        if (stored) {
            // As set and delete do: this process's stale copy must not outlive the write or removal.
            shared.loads().forget(target);
            if (resolved.isExpired()) {
                stats.recordDeletes(1);
            } else {
                stats.recordSets(1);
            }
        }
        return stored;
    }

    @Override
    public boolean add(String key, Object value, Timeout timeout) {
        CacheKey made = make(key);
        Object checked = checkValue(key, value);
        Timeout resolved = resolve(timeout);
        boolean added = backend.add(made, checked, resolved) || shared.loads().addOverStale(made, checked, resolved);
        if (added) {
            shared.loads().forget(made);
            stats.recordSets(1);
        }
        return added;
    }

    @Override
    public List<String> setMany(Map<String, ?> entries, Timeout timeout) {
        ensureOpen();
        Timeout resolved = resolve(timeout);
        Map<CacheKey, Object> byMade = new LinkedHashMap<>();
        Map<CacheKey, String> original = new HashMap<>();
        for (Map.Entry<String, ?> e : entries.entrySet()) {
            CacheKey made = make(e.getKey());
            byMade.put(made, checkValue(e.getKey(), e.getValue()));
            original.put(made, e.getKey());
        }
        if (byMade.isEmpty()) {
            return new ArrayList<>(0);
        }
        List<CacheKey> refused = backend.setMany(byMade, resolved);
        byMade.keySet().forEach(shared.loads()::forget);
        if (!refused.isEmpty()) {
            // As for set: a key whose new value was refused keeps no old one.
            backend.deleteMany(refused);
        }
        List<String> failed = new ArrayList<>(refused.size());
        for (CacheKey made : refused) {
            failed.add(original.get(made));
        }
        stats.recordSets(byMade.size() - failed.size());
        return failed;
    }

    @Override
    public boolean delete(String key) {
        CacheKey made = make(key);
        shared.loads().forget(made);
        boolean deleted = backend.delete(made);
        if (deleted) {
            stats.recordDeletes(1);
        }
        return deleted;
    }

    @Override
    public void deleteMany(Collection<String> given) {
        ensureOpen();
        List<CacheKey> made = new ArrayList<>(given.size());
        for (String key : given) {
            made.add(make(key));
        }
        if (!made.isEmpty()) {
            made.forEach(shared.loads()::forget);
            backend.deleteMany(made);
            stats.recordDeletes(made.size());
        }
    }

    @Override
    public void clear() {
        ensureOpen();
        shared.loads().forgetAll();
        backend.clear();
    }

    @Override
    public Iterator<String> keys() {
        ensureOpen();
        String head = keys.head();
        if (head == null) {
            throw new UnsupportedOperationException("cache '" + alias + "' cannot list its keys: it has a custom key"
                    + " function, whose stored keys cannot be turned back into the keys given");
        }
        if (!backend.capabilities().listsKeys()) {
            throw new UnsupportedOperationException("cache '" + alias + "' cannot list its keys: its backend, "
                    + backend + ", does not list keys");
        }
        return new UserKeys(backend.keys(), head);
    }

    @Override
    public boolean touch(String key, Timeout timeout) {
        return shared.loads().touch(make(key), resolve(timeout));
    }

    @Override
    public long incr(String key, long delta) {
        long value;
        try {
            value = backend.incr(make(key), delta);
        } catch (CacheKeyNotFoundException e) {
            // Backends know only the stored key; name the one the caller gave.
            throw new CacheKeyNotFoundException(key);
        }
        stats.recordSets(1);
        return value;
    }

    @Override
    public boolean hasKey(String key) {
        return backend.hasKey(make(key));
    }

    @Override
    public int decrVersion(String key, int delta) {
        if (delta == Integer.MIN_VALUE) {
            throw new CacheValueTypeException("decrVersion by Integer.MIN_VALUE overflows int");
        }
        return incrVersion(key, -delta);
    }

    @Override
    public int incrVersion(String key, int delta) {
        if (delta == 0) {
            // Django sets then deletes the same key here, losing the value; moving nowhere is a check.
            if (!backend.hasKey(make(key))) {
                throw new CacheKeyNotFoundException(key);
            }
            return keys.version();
        }
        int newVersion;
        try {
            newVersion = Math.addExact(keys.version(), delta);
        } catch (ArithmeticException e) {
            throw new CacheValueTypeException("version " + keys.version() + " + " + delta + " overflows int");
        }
        CacheKey oldKey = make(key);
        Object value = backend.get(oldKey);
        if (TimedValue.unwrap(value, clock.millis()) == null) {
            throw new CacheKeyNotFoundException(key);
        }
        backend.set(keys.withVersion(newVersion).make(key), value, defaultTimeout);
        shared.loads().forget(oldKey);
        backend.delete(oldKey);
        return newVersion;
    }

    @Override
    public Cache version(int version) {
        return new DefaultCache(alias, backend, keys.withVersion(version), defaultTimeout, stats, clock, shared, false);
    }

    @Override
    public int version() {
        return keys.version();
    }

    @Override
    public CacheStats stats() {
        return stats.snapshot();
    }

    @Override
    public Map<String, String> inspect() {
        return backend.inspect();
    }

    @Override
    public Capabilities capabilities() {
        return backend.capabilities();
    }

    @Override
    public void close() {
        // Closing twice must not release a shared store twice.
        if (root && shared.closed().compareAndSet(false, true)) {
            backend.close();
        }
    }

    /** Closes a cache the registry never handed out, undoing what creating its backend made. */
    void discard() {
        if (root && shared.closed().compareAndSet(false, true)) {
            backend.discard();
        }
    }

    @Override
    public String toString() {
        return "Cache[" + alias + ", version " + keys.version() + ", " + backend + "]";
    }

    /** The stored key of {@code key}, on a cache that is still open. */
    private CacheKey make(String key) {
        ensureOpen();
        return keys.make(key);
    }

    private void ensureOpen() {
        if (shared.closed().get()) {
            throw new IllegalStateException("cache '" + alias + "' is closed");
        }
    }

    private Timeout resolve(Timeout timeout) {
        Objects.requireNonNull(timeout, "timeout (use Timeout.DEFAULT for the cache's default)");
        return timeout.orDefault(defaultTimeout);
    }

    private static Object checkValue(String key, Object value) {
        if (value == null) {
            throw new NullPointerException("value for key '" + Keys.printable(key) + "' is null: a cache never stores null"
                    + " (store Optional.empty() to cache an absence)");
        }
        return normalize(value);
    }

    /** Integral numbers become Long so that every backend can count with them. */
    static Object normalize(Object value) {
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    private static <T> T convert(String key, Object value, Class<T> type) {
        Class<T> boxed = (Class<T>) MethodType.methodType(type).wrap().returnType();
        if (boxed.isInstance(value)) {
            return boxed.cast(value);
        }
        if (value instanceof Long l) {
            Object narrowed = narrow(l, boxed);
            if (narrowed != null) {
                return (T) narrowed;
            }
        }
        throw new CacheValueTypeException("key '" + Keys.printable(key) + "' holds a " + value.getClass().getName()
                + ", not a " + type.getName());
    }

    private static Object narrow(long l, Class<?> type) {
        if (type == Integer.class && l == (int) l) {
            return (int) l;
        }
        if (type == Short.class && l == (short) l) {
            return (short) l;
        }
        if (type == Byte.class && l == (byte) l) {
            return (byte) l;
        }
        return null;
    }
}

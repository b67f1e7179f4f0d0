package dev.larder.spring.cache;

import dev.larder.CacheBackendException;
import dev.larder.Timeout;
import dev.larder.spring.cache.Tallies.Operation;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.springframework.cache.Cache;
import org.springframework.cache.support.SimpleValueWrapper;

/**
 * A Spring {@link Cache} over a Larder {@link dev.larder.Cache} (its {@linkplain #getNativeCache()
 * native cache}). Keys become Larder keys through {@link SpringKeys}; values are stored as
 * {@link StoredValues} says ({@code null} as {@code Optional.empty()} when nulls are allowed).
 *
 * <ul>
 *   <li>{@link #get(Object, Callable)} is Larder's {@code getOrSet}: concurrent misses of one key
 *       in this process run the loader once; its failure is a {@link Cache.ValueRetrievalException}.
 *       A loader returning {@code null} when nulls are not allowed stores nothing.</li>
 *   <li>{@link #retrieve(Object)} and {@link #retrieve(Object, Supplier)} never block the caller:
 *       the Larder calls run on the executor given, and loads of one key are shared.</li>
 *   <li>{@link #putIfAbsent} is Larder's atomic {@code add}; {@link #evictIfPresent} reports
 *       Larder's {@code delete}. {@link #invalidate()} is {@code clear()} and returns false, since
 *       Larder cannot tell whether entries were there.</li>
 *   <li>Fail open: when the store fails ({@link CacheBackendException}), reads miss (a loading
 *       {@code get} calls its loader), writes are skipped, and the failure is counted and logged
 *       once per incident under {@code dev.larder.spring.cache}. Other errors (a key of no known
 *       encoding, a value that cannot be serialised) propagate.</li>
 * </ul>
 *
 * <p>Note that {@code clear()} removes what the Larder cache's {@code clear()} removes: on Redis
 * the keys of this cache's prefix, on other backends the whole store (see {@link LarderCacheManager}).
 * Thread-safe.
 */
public final class LarderSpringCache implements Cache {
    private final String name;
    private final dev.larder.Cache cache;
    private final Settings settings;
    private final FailOpenTracker failures;
    private final Tallies tallies = new Tallies();
    private final AsyncLoads async;

    /**
     * How a Spring cache uses its Larder cache.
     *
     * @param allowNullValues whether {@code null} may be cached (Spring's default: true)
     * @param timeout         the entries' timeout; {@link Timeout#DEFAULT} for the Larder cache's
     * @param entryTimeout    chooses a timeout per entry, or null for none
     * @param executor        runs the blocking Larder calls of {@code retrieve}
     */
    public record Settings(boolean allowNullValues, Timeout timeout, EntryTimeout entryTimeout, Executor executor) {
        public Settings {
            Objects.requireNonNull(timeout, "timeout");
            Objects.requireNonNull(executor, "executor");
        }
    }

    public LarderSpringCache(String name, dev.larder.Cache cache, Settings settings) {
        this.name = Objects.requireNonNull(name, "name");
        this.cache = Objects.requireNonNull(cache, "cache");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.failures = new FailOpenTracker(name);
        this.async = new AsyncLoads(settings.executor());
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public dev.larder.Cache getNativeCache() {
        return cache;
    }

    public boolean isAllowNullValues() {
        return settings.allowNullValues();
    }

    /** Incidents of backend failure so far: runs of failures, each ended by a success. */
    public long failOpenIncidents() {
        return failures.incidents();
    }

    /** Calls that failed open so far (each one a miss or a skipped write). */
    public long failOpenCalls() {
        return failures.calls();
    }

    Tallies tallies() {
        return tallies;
    }

    @Override
    public ValueWrapper get(Object key) {
        Object stored = read(SpringKeys.toLarderKey(key));
        return stored == null ? null : new SimpleValueWrapper(StoredValues.fromStore(stored));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T get(Object key, Class<T> type) {
        Object stored = read(SpringKeys.toLarderKey(key));
        Object value = stored == null ? null : StoredValues.fromStore(stored);
        if (value != null && type != null && !type.isInstance(value)) {
            // AbstractValueAdaptingCache's message, so that code written for Spring's caches reads the same.
            throw new IllegalStateException("Cached value is not of required type [" + type.getName() + "]: " + value);
        }
        return (T) value;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T get(Object key, Callable<T> valueLoader) {
        String larderKey = SpringKeys.toLarderKey(key);
        Load load = new Load(key, valueLoader);
        long start = System.nanoTime();
        try {
            Object stored = cache.getOrSet(larderKey, load::storeValue, settings.timeout());
            failures.succeeded();
            tallies.hitOrMiss(!load.ran);
            if (load.ran) {
                applyEntryTimeout(larderKey, key, load.value);
            }
            return (T) (stored == null ? null : StoredValues.fromStore(stored));
        } catch (LoaderFailed e) {
            throw new ValueRetrievalException(key, valueLoader, e.getCause());
        } catch (CacheBackendException e) {
            // Spring calls no CacheErrorHandler for sync=true: failing open is this method's job.
            failures.failed("get", e);
            tallies.hitOrMiss(false);
            return (T) load.valueOrCall();
        } finally {
            tallies.timed(Operation.GET, start);
        }
    }

    @Override
    public CompletableFuture<?> retrieve(Object key) {
        String larderKey = SpringKeys.toLarderKey(key);
        return async.lookup(() -> {
            Object stored = read(larderKey);
            if (stored == null) {
                return null;
            }
            Object value = StoredValues.fromStore(stored);
            // As Spring's own caches do: a wrapper when nulls may be cached, so a cached null is not a miss.
            return settings.allowNullValues() ? new SimpleValueWrapper(value) : value;
        });
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> CompletableFuture<T> retrieve(Object key, Supplier<CompletableFuture<T>> valueLoader) {
        String larderKey = SpringKeys.toLarderKey(key);
        Object absent = new Object();
        Supplier<Object> lookup = () -> {
            Object stored = read(larderKey);
            return stored == null ? absent : StoredValues.fromStore(stored);
        };
        return async.load(larderKey, lookup, absent, valueLoader, value -> {
            if (value != null || settings.allowNullValues()) {
                write(larderKey, key, value);
            }
        });
    }

    @Override
    public void put(Object key, Object value) {
        checkNull(value);
        write(SpringKeys.toLarderKey(key), key, value);
    }

    @Override
    public ValueWrapper putIfAbsent(Object key, Object value) {
        checkNull(value);
        Object stored = StoredValues.toStore(value);
        String larderKey = SpringKeys.toLarderKey(key);
        Timeout timeout = timeoutFor(key, value);
        long start = System.nanoTime();
        try {
            // add, then get: an entry expiring between the two would look absent, so add again.
            for (int attempt = 0; attempt < 3; attempt++) {
                if (cache.add(larderKey, stored, timeout)) {
                    failures.succeeded();
                    tallies.puts.increment();
                    return null;
                }
                Object existing = cache.get(larderKey);
                if (existing != null) {
                    failures.succeeded();
                    return new SimpleValueWrapper(StoredValues.fromStore(existing));
                }
            }
            return null;
        } catch (CacheBackendException e) {
            failures.failed("putIfAbsent", e);
            return null;
        } finally {
            tallies.timed(Operation.PUT, start);
        }
    }

    @Override
    public void evict(Object key) {
        evictIfPresent(key);
    }

    @Override
    public boolean evictIfPresent(Object key) {
        String larderKey = SpringKeys.toLarderKey(key);
        long start = System.nanoTime();
        try {
            boolean removed = cache.delete(larderKey);
            failures.succeeded();
            if (removed) {
                tallies.removals.increment();
            }
            return removed;
        } catch (CacheBackendException e) {
            failures.failed("evict", e);
            return false;
        } finally {
            tallies.timed(Operation.EVICT, start);
        }
    }

    @Override
    public void clear() {
        try {
            cache.clear();
            failures.succeeded();
        } catch (CacheBackendException e) {
            failures.failed("clear", e);
        }
    }

    @Override
    public boolean invalidate() {
        clear();
        return false;
    }

    /** The stored value, or null on a miss or a failing store. */
    private Object read(String larderKey) {
        long start = System.nanoTime();
        try {
            Object stored = cache.get(larderKey);
            failures.succeeded();
            tallies.hitOrMiss(stored != null);
            return stored;
        } catch (CacheBackendException e) {
            failures.failed("get", e);
            tallies.hitOrMiss(false);
            return null;
        } finally {
            tallies.timed(Operation.GET, start);
        }
    }

    private void write(String larderKey, Object key, Object value) {
        long start = System.nanoTime();
        try {
            cache.set(larderKey, StoredValues.toStore(value), timeoutFor(key, value));
            failures.succeeded();
            tallies.puts.increment();
        } catch (CacheBackendException e) {
            failures.failed("put", e);
        } finally {
            tallies.timed(Operation.PUT, start);
        }
    }

    /** Refuses a null the cache does not allow, as Spring's AbstractValueAdaptingCache does. */
    private void checkNull(Object value) {
        if (value == null && !settings.allowNullValues()) {
            throw new IllegalArgumentException("Cache '" + name
                    + "' is configured to not allow null values but null was provided");
        }
    }

    private Timeout timeoutFor(Object key, Object value) {
        EntryTimeout entryTimeout = settings.entryTimeout();
        Timeout chosen = entryTimeout == null ? Timeout.DEFAULT
                : Objects.requireNonNull(entryTimeout.timeoutFor(name, key, value), "EntryTimeout returned null");
        return chosen.orDefault(settings.timeout());
    }

    /** getOrSet takes its timeout before the value is known: an entry's own is applied after. */
    private void applyEntryTimeout(String larderKey, Object key, Object value) {
        if (settings.entryTimeout() == null || (value == null && !settings.allowNullValues())) {
            return;
        }
        Timeout timeout = timeoutFor(key, value);
        if (!timeout.equals(settings.timeout())) {
            try {
                cache.touch(larderKey, timeout);
            } catch (CacheBackendException e) {
                failures.failed("touch", e);
            }
        }
    }

    /** One loading get's loader: run at most once by this call, its result kept for failing open. */
    private final class Load {
        private final Object key;
        private final Callable<?> loader;
        private volatile boolean ran;
        private volatile Object value;

        Load(Object key, Callable<?> loader) {
            this.key = key;
            this.loader = loader;
        }

        Object storeValue() {
            Object loaded = call();
            if (loaded == null && !settings.allowNullValues()) {
                return null;
            }
            return StoredValues.toStore(loaded);
        }

        private Object call() {
            try {
                value = loader.call();
            } catch (Exception e) {
                throw new LoaderFailed(e);
            }
            ran = true;
            return value;
        }

        /** The loaded value, loading it now if the store failed before the loader ran. */
        Object valueOrCall() {
            if (ran) {
                return value;
            }
            try {
                return call();
            } catch (LoaderFailed e) {
                throw new ValueRetrievalException(key, loader, e.getCause());
            }
        }
    }

    /** Carries a loader's exception through getOrSet, which takes a Supplier. */
    private static final class LoaderFailed extends RuntimeException {
        LoaderFailed(Exception cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }
}

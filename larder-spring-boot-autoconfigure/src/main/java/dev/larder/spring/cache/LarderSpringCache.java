package dev.larder.spring.cache;

import dev.larder.CacheBackendException;
import dev.larder.CacheLoadInterruptedException;
import dev.larder.CacheLoadTimeoutException;
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
 *       in this process run the loader once; its failure, a {@code null} when nulls are not
 *       allowed, and an interrupted wait are a {@link Cache.ValueRetrievalException}. A wait for
 *       another thread's load past the cache's {@code load-wait} fails open: this call loads.</li>
 *   <li>{@link #retrieve(Object)} and {@link #retrieve(Object, Supplier)} never block the caller:
 *       the Larder calls run on the executor given, and loads of one key are shared.</li>
 *   <li>{@link #putIfAbsent} is Larder's atomic {@code add}; {@link #evictIfPresent} reports
 *       Larder's {@code delete}. {@link #invalidate()} is {@code clear()} and returns false, since
 *       Larder cannot tell whether entries were there.</li>
 *   <li>Fail open: when the store fails ({@link CacheBackendException}) or the executor refuses
 *       work, reads miss (a loading {@code get} calls its loader), writes are skipped, and the
 *       failure is counted and logged once per incident under {@code dev.larder.spring.cache}.
 *       Other errors (a key of no known encoding, a value that cannot be serialised) propagate.</li>
 * </ul>
 *
 * <p>{@code clear()} removes what the Larder cache's {@code clear()} removes (see
 * {@link LarderCacheManager} for caches it creates). Thread-safe.
 */
public final class LarderSpringCache implements Cache {
    private final String name;
    private final dev.larder.Cache cache;
    private final Settings settings;
    private final FailOpenTracker failures;
    private final Tallies tallies = new Tallies();
    private final AsyncLoads async;
    private final EntryTimeouts timeouts;
    private final Runnable beforeClear;

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
        this(name, cache, settings, new FailOpenTracker(name), () -> { });
    }

    /**
     * @param failures    shared with the stand-in used while the cache could not be created
     * @param beforeClear runs before each {@code clear()}: a warning of what that clear empties
     */
    LarderSpringCache(String name, dev.larder.Cache cache, Settings settings, FailOpenTracker failures,
            Runnable beforeClear) {
        this.name = Objects.requireNonNull(name, "name");
        this.cache = Objects.requireNonNull(cache, "cache");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.failures = Objects.requireNonNull(failures, "failures");
        this.timeouts = new EntryTimeouts(name, settings);
        this.beforeClear = Objects.requireNonNull(beforeClear, "beforeClear");
        this.async = new AsyncLoads(settings.executor(), failures);
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
        SyncLoad load = new SyncLoad(valueLoader, settings.allowNullValues() ? null : nullRefused());
        try {
            // Spring calls no CacheErrorHandler for sync=true: failing open is this method's job.
            Object stored = call("get", Operation.GET, () -> {
                Object found = cache.getOrSet(larderKey, load::toStore, settings.timeout());
                tallies.hitOrMiss(!load.ran());
                return found == null ? null : StoredValues.fromStore(found);
            }, () -> {
                tallies.hitOrMiss(false);
                return load.valueOrCall();
            });
            Timeout touch = load.wentToStore() ? timeouts.afterLoad(key, load.value()) : null;
            if (touch != null) {
                call("touch", null, () -> cache.touch(larderKey, touch), () -> false);
            }
            return (T) stored;
        } catch (SyncLoad.LoaderFailed e) {
            throw new ValueRetrievalException(key, valueLoader, e.getCause());
        } catch (CacheLoadInterruptedException e) {
            // getOrSet has set the interrupt flag again; Spring's callers expect this exception type.
            throw new ValueRetrievalException(key, valueLoader, e);
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

    /**
     * Larder's {@code add}, then a read for the entry that stopped it. An entry that reads as a
     * miss (expired since, or bytes that no longer decode) is overwritten, as {@code getOrSet}
     * does, so that an undecodable entry cannot make every later {@code putIfAbsent} a no-op.
     */
    @Override
    public ValueWrapper putIfAbsent(Object key, Object value) {
        checkNull(value);
        Object stored = StoredValues.toStore(value);
        String larderKey = SpringKeys.toLarderKey(key);
        Timeout timeout = timeouts.forEntry(key, value);
        return call("putIfAbsent", Operation.PUT, () -> {
            if (cache.add(larderKey, stored, timeout)) {
                tallies.puts.increment();
                return null;
            }
            Object existing = cache.get(larderKey);
            if (existing != null) {
                return new SimpleValueWrapper(StoredValues.fromStore(existing));
            }
            cache.set(larderKey, stored, timeout);
            tallies.puts.increment();
            return null;
        }, () -> null);
    }

    @Override
    public void evict(Object key) {
        evictIfPresent(key);
    }

    @Override
    public boolean evictIfPresent(Object key) {
        String larderKey = SpringKeys.toLarderKey(key);
        return call("evict", Operation.EVICT, () -> {
            boolean removed = cache.delete(larderKey);
            if (removed) {
                tallies.removals.increment();
            }
            return removed;
        }, () -> false);
    }

    @Override
    public void clear() {
        beforeClear.run();
        run("clear", null, cache::clear);
    }

    @Override
    public boolean invalidate() {
        clear();
        return false;
    }

    /** The stored value, or null on a miss or a failing store. */
    private Object read(String larderKey) {
        return call("get", Operation.GET, () -> {
            Object stored = cache.get(larderKey);
            tallies.hitOrMiss(stored != null);
            return stored;
        }, () -> {
            tallies.hitOrMiss(false);
            return null;
        });
    }

    private void write(String larderKey, Object key, Object value) {
        run("put", Operation.PUT, () -> {
            cache.set(larderKey, StoredValues.toStore(value), timeouts.forEntry(key, value));
            tallies.puts.increment();
        });
    }

    /**
     * Every store call: {@code body}, then the incident (if any) ends; a failing store (or a
     * waiter timing out on another thread's load) is counted and logged once, and
     * {@code failedOpen} answers instead. {@code timed} may be null for calls not timed.
     */
    private <T> T call(String operation, Operation timed, Supplier<T> body, Supplier<T> failedOpen) {
        long start = System.nanoTime();
        try {
            T result = body.get();
            failures.succeeded();
            return result;
        } catch (CacheBackendException | CacheLoadTimeoutException e) {
            failures.failed(operation, e);
            return failedOpen.get();
        } finally {
            if (timed != null) {
                tallies.timed(timed, start);
            }
        }
    }

    /** {@link #call} for a write, which has nothing to answer when it fails open. */
    private void run(String operation, Operation timed, Runnable body) {
        call(operation, timed, () -> {
            body.run();
            return null;
        }, () -> null);
    }

    /** Refuses a null the cache does not allow, as Spring's AbstractValueAdaptingCache does. */
    private void checkNull(Object value) {
        if (value == null && !settings.allowNullValues()) {
            throw new IllegalArgumentException(nullRefused());
        }
    }

    private String nullRefused() {
        return "Cache '" + name + "' is configured to not allow null values but null was provided";
    }
}

package dev.larder.resilience;

import dev.larder.CacheUnavailableException;
import dev.larder.Capabilities;
import dev.larder.Timeout;
import dev.larder.spi.CacheBackend;
import dev.larder.spi.CacheKey;
import dev.larder.spi.StatsCounter;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * A backend whose every store call passes its store's circuit breaker: while the breaker is
 * open a call throws {@link dev.larder.CacheUnavailableException} at once (counted as an error
 * of the cache) and the backend is not called. Calls of the backend's own defaults (such as
 * {@code getMany}) pass once, as the backend's override would.
 */
final class GuardedBackend implements CacheBackend {
    private final CacheBackend backend;
    private final SharedBreaker shared;
    private final String key;
    private final String alias;
    private final StatsCounter stats;
    private final AtomicBoolean released = new AtomicBoolean();

    GuardedBackend(CacheBackend backend, SharedBreaker shared, String key, String alias, StatsCounter stats) {
        this.backend = backend;
        this.shared = shared;
        this.key = key;
        this.alias = alias;
        this.stats = stats;
    }

    private <T> T guard(Supplier<T> call) {
        CircuitBreaker breaker = shared.breaker();
        if (!breaker.tryAcquirePermission()) {
            stats.recordError();
            throw shared.unavailable(alias);
        }
        long start = System.nanoTime();
        T result;
        try {
            result = call.get();
        } catch (RuntimeException | Error e) {
            // The breaker's predicate decides: store failures count, caller errors are successes.
            breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
            throw e;
        }
        breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        return result;
    }

    private void run(Runnable call) {
        guard(() -> {
            call.run();
            return null;
        });
    }

    /**
     * A value the backend holds in this process (a near cache's entry) is served without the
     * breaker: it costs no I/O, and it is there only while its store's invalidations arrive.
     */
    @Override
    public Object get(CacheKey k) {
        Object local = backend.peek(k);
        return local != null ? local : guard(() -> backend.get(k));
    }

    @Override
    public Object peek(CacheKey k) {
        return backend.peek(k);
    }

    @Override
    public Map<CacheKey, Object> getMany(Collection<CacheKey> keys) {
        Map<CacheKey, Object> local = null;
        for (CacheKey k : keys) {
            Object value = backend.peek(k);
            if (value != null) {
                if (local == null) {
                    local = new java.util.HashMap<>();
                }
                local.put(k, value);
            }
        }
        if (local == null) {
            return guard(() -> backend.getMany(keys));
        }
        List<CacheKey> remote = new java.util.ArrayList<>();
        for (CacheKey k : keys) {
            if (!local.containsKey(k)) {
                remote.add(k);
            }
        }
        if (remote.isEmpty()) {
            return local;
        }
        Map<CacheKey, Object> all = new java.util.HashMap<>(guard(() -> backend.getMany(remote)));
        all.putAll(local);
        return all;
    }

    @Override
    public void set(CacheKey k, Object value, Timeout timeout) {
        run(() -> backend.set(k, value, timeout));
    }

    @Override
    public boolean add(CacheKey k, Object value, Timeout timeout) {
        return guard(() -> backend.add(k, value, timeout));
    }

    @Override
    public List<CacheKey> setMany(Map<CacheKey, Object> entries, Timeout timeout) {
        return guard(() -> backend.setMany(entries, timeout));
    }

    @Override
    public boolean setIfUnchanged(CacheKey k, Object value, Timeout timeout, Map<CacheKey, Object> expected) {
        return guard(() -> backend.setIfUnchanged(k, value, timeout, expected));
    }

    @Override
    public boolean delete(CacheKey k) {
        return guard(() -> backend.delete(k));
    }

    @Override
    public void deleteMany(Collection<CacheKey> keys) {
        run(() -> backend.deleteMany(keys));
    }

    @Override
    public void clear() {
        run(backend::clear);
    }

    /**
     * The backend's listing, each step guarded: starting it, and every {@code hasNext} or
     * {@code next}, where a backend fetches its next batch. While the breaker is open the
     * iteration stops with {@link CacheUnavailableException} instead of waiting on the store.
     */
    @Override
    public Iterator<CacheKey> keys() {
        Iterator<CacheKey> keys = guard(backend::keys);
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return guard(keys::hasNext);
            }

            @Override
            public CacheKey next() {
                return guard(keys::next);
            }
        };
    }

    @Override
    public boolean touch(CacheKey k, Timeout timeout) {
        return guard(() -> backend.touch(k, timeout));
    }

    @Override
    public long incr(CacheKey k, long delta) {
        return guard(() -> backend.incr(k, delta));
    }

    @Override
    public boolean hasKey(CacheKey k) {
        return guard(() -> backend.hasKey(k));
    }

    @Override
    public Capabilities capabilities() {
        return backend.capabilities();
    }

    /**
     * The store's own report and the breaker's state and counts. The store is asked only while
     * the breaker is closed, and its answer is not counted: an operator's report (a row count
     * on a large table, an {@code INFO} a managed Redis refuses) must neither open a healthy
     * store's breaker nor take a probe's place and close one. While it is open or half-open,
     * an operator still sees {@code circuit-breaker.state}.
     */
    @Override
    public Map<String, String> inspect() {
        Map<String, String> out = new LinkedHashMap<>();
        if (shared.breaker().getState() == CircuitBreaker.State.CLOSED) {
            out.putAll(backend.inspect());
        }
        out.putAll(shared.inspect());
        return out;
    }

    @Override
    public String toString() {
        return backend.toString();
    }

    @Override
    public void close() {
        try {
            backend.close();
        } finally {
            release();
        }
    }

    @Override
    public void discard() {
        try {
            backend.discard();
        } finally {
            release();
        }
    }

    private void release() {
        if (released.compareAndSet(false, true)) {
            Breakers.release(key, shared, alias);
        }
    }
}

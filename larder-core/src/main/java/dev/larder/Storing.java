package dev.larder;

import dev.larder.spi.CacheBackend;
import dev.larder.spi.CacheKey;
import dev.larder.spi.StatsCounter;
import dev.larder.spi.TimedValue;
import dev.larder.support.FailOpen;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * How a {@code getOrSet} load is run and stored, a part of {@link Loads}: the value wrapped
 * with its freshness when the {@link LoadPolicy} needs it, added over nothing, or put over the
 * stale entry it replaces only while that entry is still the one stored. Thread-safe.
 */
final class Storing {
    private final CacheBackend backend;
    private final StatsCounter stats;
    private final Clock clock;
    private final LoadPolicy policy;
    /** Null without stale-if-error. */
    private final StaleCopies copies;
    private final FailOpen storeFailures;

    Storing(CacheBackend backend, StatsCounter stats, Clock clock, LoadPolicy policy, StaleCopies copies,
            FailOpen storeFailures) {
        this.backend = backend;
        this.stats = stats;
        this.clock = clock;
        this.policy = policy;
        this.copies = copies;
        this.storeFailures = storeFailures;
    }

    /**
     * Runs the loader and stores its value: added when {@code replaced} is null (on a miss that
     * is one write, since the add's own check tells a racing writer apart, and only a failed
     * add reads again, for the winner's value), else put over {@code replaced} if it is still
     * there. With stale-if-error, a store that fails to take the value still returns it.
     *
     * @return the value this caller gets: its own, or the one a racing writer stored
     */
    Object loadAndStore(CacheKey made, Supplier<?> loader, Timeout timeout, TimedValue replaced) {
        // The cache's clock, like every expiry: a test's fake clock can stand for a slow load.
        long start = clock.millis();
        Object loaded = loader.get();
        if (loaded == null) {
            return null;
        }
        Object value = DefaultCache.normalize(loaded);
        Object stored = stored(made, value, timeout, clock.millis() - start);
        Timeout kept = stored instanceof TimedValue ? Timeout.of(timeout.duration().plus(policy.staleKeep())) : timeout;
        try {
            return replaced == null ? add(made, stored, kept, value) : over(made, replaced, stored, kept, value);
        } catch (CacheBackendException e) {
            if (copies == null) {
                throw e;
            }
            storeFailures.failed("store", e);
            return value;
        }
    }

    /** The value of what was read, or null for a miss or an entry no longer fresh. */
    Object fresh(Object read) {
        return TimedValue.unwrap(read, clock.millis());
    }

    /** The value as stored: with its freshness when the policy needs it and the timeout ends. */
    private Object stored(CacheKey made, Object value, Timeout timeout, long loadMillis) {
        if (!policy.timesEntries() || timeout.isNever() || timeout.isExpired()) {
            return value;
        }
        // At least 1 ms, so that XFetch still refreshes a fast load (just before expiry).
        TimedValue timed = new TimedValue(value, plus(clock.millis(), timeout.duration()), Math.max(1, loadMillis),
                ThreadLocalRandom.current().nextLong());
        if (copies != null) {
            copies.remember(made, timed);
        }
        return timed;
    }

    /** Stores {@code timed}'s value again with a freshness of {@code timeout} from now, for {@code touch}. */
    void retime(CacheKey made, TimedValue timed, Timeout timeout) {
        if (timeout.isNever() || timeout.isExpired()) {
            backend.set(made, timed.value(), timeout);
            return;
        }
        TimedValue retimed = new TimedValue(timed.value(), plus(clock.millis(), timeout.duration()), timed.loadMillis(),
                timed.loadId());
        backend.set(made, retimed, Timeout.of(timeout.duration().plus(policy.staleKeep())));
    }

    private Object add(CacheKey made, Object stored, Timeout kept, Object value) {
        if (backend.add(made, stored, kept)) {
            stats.recordSets(1);
            // The stored copy is the backend's; this caller may keep what its own loader made.
            return value;
        }
        Object winner = fresh(backend.get(made));
        if (winner != null) {
            return winner;
        }
        // The key exists but reads as a miss: its bytes do not decode (another writer's, or an
        // old format), it is past its freshness, or it vanished meanwhile. Without this write,
        // add would keep failing over the entry and every call would run the loader again.
        return put(made, stored, kept, value);
    }

    /**
     * Puts the value over the stale entry it reloaded, unless another writer stored since:
     * their value (a later load, a plain {@code set}) stands, and this caller gets it if it is
     * fresh. Read just before the write, so only a write in between can be lost, not one made
     * during the whole load. Gone since (deleted, expired): added as on a miss.
     */
    private Object over(CacheKey made, TimedValue replaced, Object stored, Timeout kept, Object value) {
        Object now = backend.get(made);
        if (now == null) {
            return add(made, stored, kept, value);
        }
        if (replaced.sameLoad(now)) {
            return put(made, stored, kept, value);
        }
        Object theirs = fresh(now);
        return theirs != null ? theirs : value;
    }

    private Object put(CacheKey made, Object stored, Timeout kept, Object value) {
        backend.set(made, stored, kept);
        stats.recordSets(1);
        return value;
    }

    static long plus(long millis, Duration d) {
        long add = d.toMillis();
        return millis > Long.MAX_VALUE - add ? Long.MAX_VALUE : millis + add;
    }
}

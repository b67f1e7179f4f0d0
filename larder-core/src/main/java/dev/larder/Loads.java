package dev.larder;

import dev.larder.spi.CacheBackend;
import dev.larder.spi.CacheKey;
import dev.larder.spi.Serializer;
import dev.larder.spi.StatsCounter;
import dev.larder.spi.TimedValue;
import dev.larder.support.FailOpen;
import dev.larder.support.Keys;
import dev.larder.support.SingleFlight;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code getOrSet}'s loading, a part of {@link DefaultCache}: one load per key within the
 * process (single flight), and what the cache's {@link LoadPolicy} adds: a lease for one load
 * across processes, early refresh, and stale values served while one caller reloads or while
 * loading fails. The cache's root and its version views share one instance. Thread-safe.
 */
final class Loads {
    private static final System.Logger LOG = System.getLogger("dev.larder.loads");

    private final String alias;
    private final CacheBackend backend;
    private final StatsCounter stats;
    private final Clock clock;
    private final Duration loadWait;
    /** Copies a load's result for each caller that waited on it, as a read of the store would. */
    private final Serializer serializer;
    private final LoadPolicy policy;
    /** Null without a lease. */
    private final Leases leases;
    /** Null without stale-if-error. */
    private final StaleCopies copies;
    private final SingleFlight<CacheKey, Object> flights = new SingleFlight<>();
    private final FailOpen staleServing;

    Loads(String alias, CacheBackend backend, StatsCounter stats, Clock clock, Duration loadWait, Serializer serializer,
          LoadPolicy policy, Function<CacheKey, CacheKey> leaseKeys) {
        this.alias = alias;
        this.backend = backend;
        this.stats = stats;
        this.clock = clock;
        this.loadWait = loadWait;
        this.serializer = serializer;
        this.policy = policy;
        this.leases = policy.leases() ? new Leases(backend, leaseKeys, policy.leaseTime()) : null;
        this.copies = policy.staleIfError().isZero() ? null : new StaleCopies();
        this.staleServing = new FailOpen(LOG, "getOrSet on cache '" + alias + "'",
                "serving current or stale values where the load policy allows");
    }

    LoadPolicy policy() {
        return policy;
    }

    /** {@link Cache#getOrSet(String, Supplier, Timeout)} of {@code key}, stored as {@code made}. */
    Object getOrSet(String key, CacheKey made, Supplier<?> loader, Timeout timeout) {
        long mark = flights.mark(made);
        Object read;
        try {
            read = backend.get(made);
        } catch (CacheBackendException e) {
            return staleOnError(made, null, e);
        }
        if (read instanceof TimedValue timed) {
            return timedRead(key, made, loader, timeout, timed, mark);
        }
        if (read != null) {
            stats.recordHit();
            return read;
        }
        stats.recordMiss();
        return miss(key, made, loader, timeout, mark, null);
    }

    /** An entry with its freshness: fresh (perhaps refreshed early), stale but servable, or a miss. */
    private Object timedRead(String key, CacheKey made, Supplier<?> loader, Timeout timeout, TimedValue timed,
                             long mark) {
        if (copies != null) {
            copies.remember(made, timed);
        }
        long now = clock.millis();
        if (timed.freshAt(now)) {
            stats.recordHit();
            boolean early = policy.earlyRefresh() && dueEarly(timed, now, ThreadLocalRandom.current().nextDouble());
            return early ? refresh(key, made, loader, timeout, timed) : timed.value();
        }
        if (now < plus(timed.freshUntilMillis(), policy.staleWhileRevalidate())) {
            stats.recordHit();
            return refresh(key, made, loader, timeout, timed);
        }
        stats.recordMiss();
        return miss(key, made, loader, timeout, mark, timed);
    }

    /**
     * XFetch's test (Vattani, Chierichetti and Lowenstein, "Optimal Probabilistic Cache Stampede
     * Prevention", VLDB 2015) with β = 1: refresh when {@code now − δ·ln(random) ≥ expiry},
     * δ being how long the entry took to load. The chance rises to 1 as expiry nears, and
     * sooner for slow loads, so one caller of a busy key refreshes it before it expires.
     */
    static boolean dueEarly(TimedValue timed, long nowMillis, double random) {
        return timed.loadMillis() > 0 && nowMillis - timed.loadMillis() * Math.log(random) >= timed.freshUntilMillis();
    }

    /**
     * Reloads an entry that can still be served (fresh, or stale within stale-while-revalidate):
     * one caller reloads; every other caller gets the current value at once. A failed reload
     * serves the current value too, logged once per incident.
     */
    private Object refresh(String key, CacheKey made, Supplier<?> loader, Timeout timeout, TimedValue current) {
        SingleFlight<CacheKey, Object>.Flight flight = flights.join(made);
        if (!flight.leader()) {
            return current.value();
        }
        try {
            Object result = refreshAsLeader(key, made, loader, timeout, current);
            flight.complete(result);
            staleServing.succeeded();
            return result;
        } catch (RuntimeException e) {
            staleServing.failed("reload of key '" + Keys.printable(key) + "'", e);
            flight.complete(current.value());
            return current.value();
        } catch (Error e) {
            flight.fail(e);
            throw e;
        }
    }

    /**
     * Under the lease, if any; another process holding it is reloading, so the current value
     * stands. The store is read again first: a caller here or elsewhere may have stored a newer
     * value since this one's read, and loading again would be a second reload for one expiry.
     */
    private Object refreshAsLeader(String key, CacheKey made, Supplier<?> loader, Timeout timeout, TimedValue current) {
        Leases.Lease lease = leases == null ? null : leases.tryTake(made);
        if (leases != null && lease == null) {
            return current.value();
        }
        try {
            Object newer = newerThan(made, current);
            return newer != null ? newer : loadAndStore(made, loader, timeout, true);
        } finally {
            if (lease != null) {
                leases.release(lease);
            }
        }
    }

    /** The stored value if it is newer than {@code current} (a later load, or a plain {@code set}), else null. */
    private Object newerThan(CacheKey made, TimedValue current) {
        Object read = backend.get(made);
        if (read instanceof TimedValue timed) {
            return timed.freshUntilMillis() > current.freshUntilMillis() ? timed.value() : null;
        }
        return read;
    }

    /**
     * A miss, or an entry past every window but stale-if-error's: callers wait for one load.
     * {@code stale}, if any, is overwritten by the load, or served if the load fails within
     * stale-if-error.
     */
    private Object miss(String key, CacheKey made, Supplier<?> loader, Timeout timeout, long mark, TimedValue stale) {
        SingleFlight<CacheKey, Object>.Flight flight = flights.join(made);
        if (!flight.leader()) {
            if (flight.followsItself()) {
                throw new IllegalStateException("getOrSet of key '" + Keys.printable(key)
                        + "' was called again by its own loader; it would wait for itself");
            }
            return awaitLoad(key, made, flight);
        }
        try {
            Object result = leadLoad(key, made, loader, timeout, flight.endedSince(mark), stale);
            flight.complete(result);
            return result;
        } catch (RuntimeException | Error e) {
            flight.fail(e);
            throw e;
        }
    }

    private Object leadLoad(String key, CacheKey made, Supplier<?> loader, Timeout timeout, boolean anotherEnded,
                            TimedValue stale) {
        try {
            // A load that ended between our read and our registration has stored its value.
            Object stored = anotherEnded ? fresh(backend.get(made)) : null;
            if (stored != null) {
                return stored;
            }
            boolean overwrite = stale != null;
            return leases == null ? loadAndStore(made, loader, timeout, overwrite)
                    : leased(key, made, loader, timeout, overwrite);
        } catch (RuntimeException e) {
            return staleOnError(made, stale, e);
        }
    }

    /**
     * One load across processes: the lease's holder loads; the others poll the store for its
     * value, take the lease over if it ends with no value (its holder died), and load
     * themselves once a whole lease time has passed.
     */
    private Object leased(String key, CacheKey made, Supplier<?> loader, Timeout timeout, boolean overwrite) {
        long deadline = System.nanoTime() + leases.leaseTime().toNanos();
        while (System.nanoTime() - deadline < 0) {
            Leases.Lease lease = leases.tryTake(made);
            if (lease != null) {
                return loadUnderLease(made, loader, timeout, overwrite, lease);
            }
            Leases.Polled polled = poll(key, made, deadline);
            if (polled.value() != null) {
                return polled.value();
            }
        }
        return loadAndStore(made, loader, timeout, overwrite);
    }

    private Object loadUnderLease(CacheKey made, Supplier<?> loader, Timeout timeout, boolean overwrite,
                                  Leases.Lease lease) {
        try {
            // Another holder's value may have landed between our miss and our lease.
            Object stored = fresh(backend.get(made));
            return stored != null ? stored : loadAndStore(made, loader, timeout, overwrite);
        } finally {
            leases.release(lease);
        }
    }

    private Leases.Polled poll(String key, CacheKey made, long deadline) {
        try {
            return leases.await(made, this::fresh, deadline);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CacheLoadInterruptedException("cache '" + alias + "': interrupted while waiting for another"
                    + " process's load of key '" + Keys.printable(key) + "'", e);
        }
    }

    /**
     * Runs the loader and stores its value. Without {@code overwrite} it adds: on a miss that is
     * one write, since the add's own check tells a racing writer apart, and only a failed add
     * reads again, for the winner's value. With stale-if-error, a store that fails to take the
     * value still returns it.
     */
    private Object loadAndStore(CacheKey made, Supplier<?> loader, Timeout timeout, boolean overwrite) {
        // The cache's clock, like every expiry: a test's fake clock can stand for a slow load.
        long start = clock.millis();
        Object loaded = loader.get();
        if (loaded == null) {
            return null;
        }
        Object value = DefaultCache.normalize(loaded);
        Object stored = stored(made, value, timeout, Math.max(0, clock.millis() - start));
        Timeout kept = stored instanceof TimedValue ? Timeout.of(timeout.duration().plus(policy.staleKeep())) : timeout;
        try {
            return overwrite ? set(made, stored, kept, value) : add(made, stored, kept, value);
        } catch (CacheBackendException e) {
            if (copies == null) {
                throw e;
            }
            staleServing.failed("store", e);
            return value;
        }
    }

    /** The value as stored: with its freshness when the policy needs it and the timeout ends. */
    private Object stored(CacheKey made, Object value, Timeout timeout, long loadMillis) {
        if (!policy.timesEntries() || timeout.isNever() || timeout.isExpired()) {
            return value;
        }
        TimedValue timed = new TimedValue(value, plus(clock.millis(), timeout.duration()), loadMillis);
        if (copies != null) {
            copies.remember(made, timed);
        }
        return timed;
    }

    private Object set(CacheKey made, Object stored, Timeout kept, Object value) {
        backend.set(made, stored, kept);
        stats.recordSets(1);
        return value;
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
        return set(made, stored, kept, value);
    }

    /**
     * A failure of the loader or the store: the stale value instead, if one is within
     * stale-if-error (the store's, else this process's copy), else the failure itself.
     */
    private Object staleOnError(CacheKey made, TimedValue stale, RuntimeException failure) {
        TimedValue candidate = stale != null ? stale : copies != null ? copies.find(made) : null;
        if (candidate == null || clock.millis() >= plus(candidate.freshUntilMillis(), policy.staleIfError())) {
            throw failure;
        }
        staleServing.failed("load", failure);
        stats.recordHit();
        return stale != null ? candidate.value() : copyOf(made, candidate.value());
    }

    /** The value of what was read, or null for a miss or an entry no longer fresh. */
    private Object fresh(Object read) {
        return TimedValue.unwrap(read, clock.millis());
    }

    private static long plus(long millis, Duration d) {
        long add = d.toMillis();
        return millis > Long.MAX_VALUE - add ? Long.MAX_VALUE : millis + add;
    }

    /**
     * Waits for another caller's load, at most {@code loadWait} and only while not interrupted,
     * then takes its own copy of the result.
     */
    private Object awaitLoad(String key, CacheKey made, SingleFlight<CacheKey, Object>.Flight running) {
        Object loaded;
        try {
            loaded = running.await(loadWait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CacheLoadInterruptedException("cache '" + alias + "': interrupted while waiting for another"
                    + " thread's load of key '" + Keys.printable(key) + "'", e);
        } catch (TimeoutException e) {
            throw new CacheLoadTimeoutException("cache '" + alias + "': another thread's load of key '"
                    + Keys.printable(key) + "' did not finish within " + loadWait.toMillis()
                    + " ms (" + ConfigNames.setting(alias, "load-wait") + ")");
        } catch (ExecutionException e) {
            // The loader's own exception, which getOrSet completed the load with.
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw (Error) e.getCause();
        }
        return loaded == null ? null : copyOf(made, loaded);
    }

    /**
     * A waiter's own copy of a load's result, made here rather than read back: a stampede of
     * waiters costs the store nothing. The serializer is the one the backend stores with, so
     * the copy is what a read would return.
     */
    private Object copyOf(CacheKey made, Object loaded) {
        Capabilities can = backend.capabilities();
        if (!can.stores() || can.sharesValues()) {
            // Nothing is kept to copy, or every reader shares the stored object anyway.
            return loaded;
        }
        try {
            Object copy = serializer.deserialize(serializer.serialize(loaded));
            if (copy != null) {
                return copy;
            }
        } catch (RuntimeException e) {
            // A serializer that cannot read what it writes; the store's copy counts and logs it.
        }
        Object stored = fresh(backend.get(made));
        return stored != null ? stored : loaded;
    }
}

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
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code getOrSet}'s loading, a part of {@link DefaultCache}: one load per key within the
 * process (single flight), and what the cache's {@link LoadPolicy} adds: a lease for one load
 * across processes, early refresh and stale-while-revalidate ({@link Refreshes}), and stale
 * values served while loading or the store fails; {@link Storing} runs and stores a load, and
 * {@link Followers} hands its result to the callers that waited for it. The cache's root and
 * its version views share one instance. Thread-safe.
 */
final class Loads {
    private static final System.Logger LOG = System.getLogger("dev.larder.loads");

    private final String alias;
    private final CacheBackend backend;
    private final StatsCounter stats;
    private final Clock clock;
    private final LoadPolicy policy;
    /** Null without a lease. */
    private final Leases leases;
    /** Null without stale-if-error. */
    private final StaleCopies copies;
    private final SingleFlight<CacheKey, Object> flights = new SingleFlight<>();
    private final Storing storing;
    private final Refreshes refreshes;
    private final Followers followers;
    private final FailOpen storeFailures;
    private final FailOpen loadFailures;

    Loads(String alias, CacheBackend backend, StatsCounter stats, Clock clock, Duration loadWait, Serializer serializer,
          LoadPolicy policy, Function<CacheKey, CacheKey> leaseKeys) {
        this.alias = alias;
        this.backend = backend;
        this.stats = stats;
        this.clock = clock;
        this.policy = policy;
        this.leases = policy.leases() ? new Leases(backend, leaseKeys, policy.leaseTime()) : null;
        this.copies = policy.staleIfError().isZero() ? null : new StaleCopies(serializer);
        String what = "getOrSet on cache '" + alias + "'";
        this.storeFailures = new FailOpen(LOG, what, "serving this process's copies within stale-if-error");
        this.loadFailures = new FailOpen(LOG, what, "serving stale values where the load policy allows");
        this.storing = new Storing(backend, stats, clock, policy, copies, storeFailures);
        this.refreshes = new Refreshes(backend, flights, leases, storing, loadFailures);
        this.followers = new Followers(alias, backend, loadWait, serializer, storing);
    }

    /** {@link Cache#getOrSet(String, Supplier, Timeout)} of {@code key}, stored as {@code made}. */
    Object getOrSet(String key, CacheKey made, Supplier<?> loader, Timeout timeout) {
        long mark = flights.mark(made);
        Object read;
        try {
            read = backend.get(made);
        } catch (CacheBackendException e) {
            Object copy = copyOnStoreFailure(made, e);
            stats.recordHit();
            return copy;
        }
        if (copies != null) {
            storeFailures.succeeded();
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

    /**
     * {@link Cache#touch}: a timed entry gets the new freshness as well as the new expiry (a
     * read and a write; a write between them is lost); a stale one is missing, as for {@code get}.
     */
    boolean touch(CacheKey made, Timeout timeout) {
        if (!policy.timesEntries()) {
            return backend.touch(made, timeout);
        }
        Object read = backend.get(made);
        if (!(read instanceof TimedValue timed)) {
            return backend.touch(made, timeout);
        }
        if (!timed.freshAt(clock.millis())) {
            return false;
        }
        storing.retime(made, timed, timeout);
        return true;
    }

    /**
     * {@link Cache#add} found the key taken: stores anyway if what it found is a timed entry no
     * longer fresh, which {@code get} reads as missing (a read and a write; not atomic).
     */
    boolean addOverStale(CacheKey made, Object value, Timeout timeout) {
        if (!policy.timesEntries()) {
            return false;
        }
        Object read = backend.get(made);
        if (read instanceof TimedValue timed && !timed.freshAt(clock.millis())) {
            backend.set(made, value, timeout);
            forget(made);
            return true;
        }
        return false;
    }

    /** Drops this process's stale copy of a key written or deleted through the cache. */
    void forget(CacheKey made) {
        if (copies != null) {
            copies.forget(made);
        }
    }

    /** Drops every stale copy: the cache was cleared. */
    void forgetAll() {
        if (copies != null) {
            copies.forgetAll();
        }
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
            boolean early = policy.earlyRefresh()
                    && Refreshes.dueEarly(timed, now, ThreadLocalRandom.current().nextDouble());
            return early ? refreshes.refresh(key, made, loader, timeout, timed) : timed.value();
        }
        if (now < Storing.plus(timed.freshUntilMillis(), policy.staleWhileRevalidate())) {
            stats.recordHit();
            return refreshes.refresh(key, made, loader, timeout, timed);
        }
        stats.recordMiss();
        return miss(key, made, loader, timeout, mark, timed);
    }

    /**
     * A miss, or an entry past every window but stale-if-error's: callers wait for one load.
     * {@code stale}, if any, is replaced by the load, or served if the load fails within
     * stale-if-error.
     */
    private Object miss(String key, CacheKey made, Supplier<?> loader, Timeout timeout, long mark, TimedValue stale) {
        while (true) {
            SingleFlight<CacheKey, Object>.Flight flight = flights.join(made);
            if (flight.leader()) {
                return lead(key, made, loader, timeout, flight.endedSince(mark), stale, flight);
            }
            if (flight.followsItself()) {
                throw new IllegalStateException("getOrSet of key '" + Keys.printable(key)
                        + "' was called again by its own loader; it would wait for itself");
            }
            Object result = followers.await(key, made, flight);
            if (result != Followers.LEADER_INTERRUPTED) {
                return result;
            }
        }
    }

    private Object lead(String key, CacheKey made, Supplier<?> loader, Timeout timeout, boolean anotherEnded,
                        TimedValue stale, SingleFlight<CacheKey, Object>.Flight flight) {
        try {
            Object result = load(key, made, loader, timeout, anotherEnded, stale);
            flight.complete(result);
            return result;
        } catch (RuntimeException | Error e) {
            // Interrupted, this thread failed for a reason of its own (its sleep, or a store read
            // the interrupt closed): the others load again rather than fail with it.
            flight.fail(Thread.currentThread().isInterrupted() ? new Followers.LeaderInterrupted(e) : e);
            throw e;
        }
    }

    private Object load(String key, CacheKey made, Supplier<?> loader, Timeout timeout, boolean anotherEnded,
                        TimedValue stale) {
        try {
            // A load that ended between our read and our registration has stored its value.
            Object stored = anotherEnded ? storing.fresh(backend.get(made)) : null;
            if (stored != null) {
                return stored;
            }
            return leases == null ? storing.loadAndStore(made, loader, timeout, stale)
                    : leased(key, made, loader, timeout, stale);
        } catch (CacheLoadInterruptedException e) {
            throw e;
        } catch (RuntimeException e) {
            return staleOnError(made, stale, e);
        }
    }

    /**
     * One load across processes: the lease's holder loads; the others poll the store for its
     * value, take the lease over if it ends with no value (its holder died), and load
     * themselves once a whole lease time has passed.
     */
    private Object leased(String key, CacheKey made, Supplier<?> loader, Timeout timeout, TimedValue stale) {
        long deadline = System.nanoTime() + leases.leaseTime().toNanos();
        for (int attempt = 0; System.nanoTime() - deadline < 0; attempt++) {
            Leases.Lease lease = leases.tryTake(made);
            if (lease != null) {
                return loadUnderLease(made, loader, timeout, stale, lease);
            }
            Leases.Polled polled = poll(key, made, deadline, attempt);
            if (polled.value() != null) {
                return polled.value();
            }
        }
        return storing.loadAndStore(made, loader, timeout, stale);
    }

    private Object loadUnderLease(CacheKey made, Supplier<?> loader, Timeout timeout, TimedValue stale,
                                  Leases.Lease lease) {
        try {
            // Another holder's value may have landed between our miss and our lease.
            Object stored = storing.fresh(backend.get(made));
            return stored != null ? stored : storing.loadAndStore(made, loader, timeout, stale);
        } finally {
            leases.release(lease);
        }
    }

    private Leases.Polled poll(String key, CacheKey made, long deadline, int attempt) {
        try {
            return leases.await(made, storing::fresh, deadline, attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CacheLoadInterruptedException("cache '" + alias + "': interrupted while waiting for another"
                    + " process's load of key '" + Keys.printable(key) + "'", e);
        }
    }

    /**
     * The loader failed, or the store did while loading: the stale entry read from the store
     * instead, if it is within stale-if-error; when the store failed, this process's copy may
     * stand in for it. Else the failure itself.
     */
    private Object staleOnError(CacheKey made, TimedValue stale, RuntimeException failure) {
        long now = clock.millis();
        if (stale != null && now < Storing.plus(stale.freshUntilMillis(), policy.staleIfError())) {
            loadFailures.failed("load", failure);
            return stale.value();
        }
        if (failure instanceof CacheBackendException storeFailure) {
            return copyOnStoreFailure(made, storeFailure);
        }
        throw failure;
    }

    /** The store failed: this process's copy of the entry if it is within stale-if-error, else the failure. */
    private Object copyOnStoreFailure(CacheKey made, CacheBackendException failure) {
        Object copy = copies == null ? null : copies.find(made, clock.millis(), policy.staleIfError().toMillis());
        if (copy == null) {
            throw failure;
        }
        storeFailures.failed("read", failure);
        return copy;
    }
}

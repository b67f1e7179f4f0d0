package dev.larder;

import dev.larder.spi.CacheBackend;
import dev.larder.spi.CacheKey;
import dev.larder.spi.TimedValue;
import dev.larder.support.FailOpen;
import dev.larder.support.Keys;
import dev.larder.support.SingleFlight;
import java.util.function.Supplier;

/**
 * Reloads of entries that can still be served, a part of {@link Loads}: a fresh entry that
 * early refresh picked, or a stale one within stale-while-revalidate. One caller reloads (one
 * per process through the single flight, one across processes under the lease); every other
 * caller gets the current value at once. A failed reload serves the current value too, logged
 * once per incident. Thread-safe.
 */
final class Refreshes {
    private final CacheBackend backend;
    private final SingleFlight<CacheKey, Object> flights;
    /** Null without a lease. */
    private final Leases leases;
    private final Storing storing;
    private final FailOpen reloadFailures;

    Refreshes(CacheBackend backend, SingleFlight<CacheKey, Object> flights, Leases leases, Storing storing,
              FailOpen reloadFailures) {
        this.backend = backend;
        this.flights = flights;
        this.leases = leases;
        this.storing = storing;
        this.reloadFailures = reloadFailures;
    }

    /**
     * XFetch's test (Vattani, Chierichetti and Lowenstein, "Optimal Probabilistic Cache Stampede
     * Prevention", VLDB 2015) with β = 1: refresh when {@code now − δ·ln(random) ≥ expiry},
     * δ being how long the entry took to load. The chance, e^(−t/δ) with t left before expiry,
     * rises to 1 as expiry nears, and sooner for slow loads, so one caller of a busy key
     * refreshes it before it expires.
     */
    static boolean dueEarly(TimedValue timed, long nowMillis, double random) {
        return timed.loadMillis() > 0 && nowMillis - timed.loadMillis() * Math.log(random) >= timed.freshUntilMillis();
    }

    /** {@code current}'s value, or a reloaded one if this caller is the one to reload. */
    Object refresh(String key, CacheKey made, Supplier<?> loader, Timeout timeout, TimedValue current) {
        SingleFlight<CacheKey, Object>.Flight flight = flights.join(made);
        if (!flight.leader()) {
            return current.value();
        }
        try {
            Object result = asLeader(made, loader, timeout, current);
            flight.complete(result);
            reloadFailures.succeeded();
            return result;
        } catch (RuntimeException e) {
            reloadFailures.failed("reload of key '" + Keys.printable(key) + "'", e);
            flight.complete(current.value());
            return current.value();
        } catch (Error e) {
            flight.fail(e);
            throw e;
        }
    }

    /**
     * Under the lease, if any; another process holding it is reloading, so the current value
     * stands. The store is read again first: a caller here or elsewhere may have stored since
     * this one's read, and loading again would be a second reload for one expiry.
     */
    private Object asLeader(CacheKey made, Supplier<?> loader, Timeout timeout, TimedValue current) {
        Leases.Lease lease = leases == null ? null : leases.tryTake(made);
        if (leases != null && lease == null) {
            return current.value();
        }
        try {
            Object now = backend.get(made);
            if (now != null && !current.sameLoad(now)) {
                Object theirs = storing.fresh(now);
                return theirs != null ? theirs : current.value();
            }
            Object loaded = storing.loadAndStore(made, loader, timeout, current);
            // A loader that finds nothing leaves the entry as it is.
            return loaded != null ? loaded : current.value();
        } finally {
            if (lease != null) {
                leases.release(lease);
            }
        }
    }
}

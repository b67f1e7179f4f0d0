package dev.larder;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link Cache#getOrSet} loads, beyond one load per key within a process: all off by
 * default, which stores exactly what Django stores.
 *
 * <ul>
 *   <li><b>lease</b>: one load across processes. A miss takes a lease on the shared store (an
 *       atomic {@code add} of a short-lived key); the holder loads and stores while the other
 *       processes poll the store for the value. The lease expires after {@code leaseTime}, so a
 *       holder that dies or hangs delays the others by at most that long, after which one of
 *       them takes the lease over (Facebook's memcache leases, Nishtala et al. 2013).</li>
 *   <li><b>early refresh</b>: probabilistic early expiration (XFetch, Vattani et al. 2015). A
 *       caller that reads a fresh entry refreshes it early with a probability that grows as
 *       expiry nears, scaled by how long the entry took to load; the others keep reading the
 *       current value, so a hot key is reloaded once, before it expires, and nobody waits.</li>
 *   <li><b>stale while revalidate</b> (RFC 5861 §3): for this long after an entry stops being
 *       fresh, one caller reloads it while every other caller is served the stale value at once.</li>
 *   <li><b>stale if error</b> (RFC 5861 §4): for this long after an entry stops being fresh, a
 *       failing loader or a failing store serves the stale value instead of an exception. When
 *       the store itself fails, the value comes from a bounded copy this process keeps of the
 *       entries it read or loaded.</li>
 * </ul>
 *
 * <p>Early refresh and both stale windows store the value with when it stops being fresh and
 * how long it took to load (a {@link dev.larder.spi.TimedValue}), kept by the store for the
 * timeout plus the longer window. {@link Cache#get} reads such an entry as a miss once it is no
 * longer fresh.
 *
 * @param leaseTime            how long a lease lasts, or {@link Duration#ZERO} for no lease
 * @param earlyRefresh         whether fresh entries are refreshed early (XFetch, β = 1)
 * @param staleWhileRevalidate how long a stale entry is served while one caller reloads it
 * @param staleIfError         how long a stale entry is served while loading or the store fails
 */
public record LoadPolicy(Duration leaseTime, boolean earlyRefresh, Duration staleWhileRevalidate,
                         Duration staleIfError) {
    /** Nothing beyond one load per key within a process. */
    public static final LoadPolicy NONE = new LoadPolicy(Duration.ZERO, false, Duration.ZERO, Duration.ZERO);
    /** How long a lease lasts when {@code lease=true} names no time. */
    public static final Duration DEFAULT_LEASE_TIME = Duration.ofSeconds(10);

    public LoadPolicy {
        notNegative(Objects.requireNonNull(leaseTime, "leaseTime"), "the lease time");
        notNegative(Objects.requireNonNull(staleWhileRevalidate, "staleWhileRevalidate"), "stale-while-revalidate");
        notNegative(Objects.requireNonNull(staleIfError, "staleIfError"), "stale-if-error");
    }

    /** Whether a miss takes a lease on the shared store. */
    public boolean leases() {
        return !leaseTime.isZero();
    }

    /** Whether entries carry their freshness: early refresh or a stale window is on. */
    public boolean timesEntries() {
        return earlyRefresh || !staleWhileRevalidate.isZero() || !staleIfError.isZero();
    }

    /** How long past its freshness a stored entry must be kept: the longer stale window. */
    Duration staleKeep() {
        return staleWhileRevalidate.compareTo(staleIfError) >= 0 ? staleWhileRevalidate : staleIfError;
    }

    private static void notNegative(Duration d, String what) {
        if (d.isNegative()) {
            throw new IllegalArgumentException(what + " must not be negative, was " + d);
        }
    }
}

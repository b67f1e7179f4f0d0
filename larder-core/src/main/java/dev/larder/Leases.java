package dev.larder;

import dev.larder.spi.CacheBackend;
import dev.larder.spi.CacheKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Leases on a shared store, so that one process loads a missing key while the others wait for
 * its value (Facebook's memcache leases). A lease is an entry added atomically under a key of
 * its own with a short timeout: the store, not the holder, ends it, so a holder that dies or
 * hangs never keeps it past {@code leaseTime}. Thread-safe.
 */
final class Leases {
    /** One process's leases apart from another's, without naming the host in the store. */
    private static final String PROCESS = UUID.randomUUID().toString();
    private static final AtomicLong COUNT = new AtomicLong();
    private static final long FIRST_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
    private static final long MAX_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final CacheBackend backend;
    private final Function<CacheKey, CacheKey> leaseKeys;
    private final Timeout leaseTime;

    Leases(CacheBackend backend, Function<CacheKey, CacheKey> leaseKeys, Duration leaseTime) {
        this.backend = backend;
        this.leaseKeys = leaseKeys;
        this.leaseTime = Timeout.of(leaseTime);
    }

    /** A lease held: its key in the store and the token that tells it from another holder's. */
    record Lease(CacheKey key, String token) {
    }

    /** What a poll found: the stored value (or null), and whether the lease is still held. */
    record Polled(Object value, boolean held) {
    }

    Duration leaseTime() {
        return leaseTime.duration();
    }

    /** The lease on {@code made}, or null when another caller holds it. */
    Lease tryTake(CacheKey made) {
        Lease lease = new Lease(leaseKeys.apply(made), PROCESS + ":" + COUNT.incrementAndGet());
        return backend.add(lease.key(), lease.token(), leaseTime) ? lease : null;
    }

    /**
     * Ends a lease this caller holds, if the store still holds its token: a lease that outlived
     * its time may have passed to another process, whose lease must stand. The check and the
     * delete are two calls, so a lease that expires between them and is taken in that instant
     * is deleted, and a third caller may load too: that takes a holder slower than its lease
     * time, which already lets a second one load. A failure here is left to the lease's timeout
     * rather than hiding the value the caller loaded.
     */
    void release(Lease lease) {
        try {
            if (lease.token().equals(backend.get(lease.key()))) {
                backend.delete(lease.key());
            }
        } catch (CacheException e) {
            // The lease expires by itself within leaseTime.
        }
    }

    /**
     * Polls the store, with a back-off from 2 to 50 ms, until {@code made} has a value for which
     * {@code usable} answers non-null, the lease is no longer held, or {@code deadlineNanos}
     * passes (then the last poll is returned as held, with no value). A caller's later attempts
     * (the lease ended, but another caller took it first) start with a longer pause, so a lease
     * key that cannot be added nor read (bytes that do not decode) costs a poll now and then,
     * not a loop.
     *
     * @throws InterruptedException if interrupted while waiting between polls
     */
    Polled await(CacheKey made, Function<Object, Object> usable, long deadlineNanos, int attempt)
            throws InterruptedException {
        CacheKey leaseKey = leaseKeys.apply(made);
        long pause = Math.min(FIRST_POLL_NANOS << Math.min(attempt, 5), MAX_POLL_NANOS);
        if (attempt > 0) {
            pauseUntil(pause, deadlineNanos);
        }
        while (true) {
            Map<CacheKey, Object> found = backend.getMany(List.of(made, leaseKey));
            Object value = usable.apply(found.get(made));
            if (value != null || !found.containsKey(leaseKey)) {
                return new Polled(value, found.containsKey(leaseKey));
            }
            if (deadlineNanos - System.nanoTime() <= 0) {
                return new Polled(null, true);
            }
            pauseUntil(pause, deadlineNanos);
            pause = Math.min(pause * 2, MAX_POLL_NANOS);
        }
    }

    private static void pauseUntil(long pauseNanos, long deadlineNanos) throws InterruptedException {
        long left = deadlineNanos - System.nanoTime();
        if (left > 0) {
            TimeUnit.NANOSECONDS.sleep(Math.min(pauseNanos, left));
        }
    }
}

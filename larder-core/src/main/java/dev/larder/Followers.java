package dev.larder;

import dev.larder.spi.CacheBackend;
import dev.larder.spi.CacheKey;
import dev.larder.spi.Serializer;
import dev.larder.support.Keys;
import dev.larder.support.SingleFlight;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * What a {@code getOrSet} caller that waits for another's load gets, a part of {@link Loads}:
 * the leader's result as its own copy, the leader's failure, or, when the leader was only
 * interrupted, the word to load again itself. Thread-safe.
 */
final class Followers {
    /** What a follower gets when its leader was interrupted: it loads again, as a leader. */
    static final Object LEADER_INTERRUPTED = new Object();

    /** A load that failed because its leader's thread was interrupted; never thrown to a caller. */
    static final class LeaderInterrupted extends RuntimeException {
        LeaderInterrupted(Throwable cause) {
            super(cause.toString(), cause, false, false);
        }
    }

    private final String alias;
    private final CacheBackend backend;
    private final Duration loadWait;
    /** Copies a load's result for each caller that waited on it, as a read of the store would. */
    private final Serializer serializer;
    private final Storing storing;

    Followers(String alias, CacheBackend backend, Duration loadWait, Serializer serializer, Storing storing) {
        this.alias = alias;
        this.backend = backend;
        this.loadWait = loadWait;
        this.serializer = serializer;
        this.storing = storing;
    }

    /**
     * Waits for another caller's load, at most {@code loadWait} and only while not interrupted,
     * then takes its own copy of the result.
     */
    Object await(String key, CacheKey made, SingleFlight<CacheKey, Object>.Flight running) {
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
            return rethrow(e.getCause());
        }
        return loaded == null ? null : copyOf(made, loaded);
    }

    /** The leader's failure, for its followers: its loader's own exception, unless it was only interrupted. */
    private static Object rethrow(Throwable leaderFailure) {
        if (leaderFailure instanceof LeaderInterrupted || leaderFailure instanceof CacheLoadInterruptedException) {
            // Another thread's interrupt is not this caller's: it loads again.
            return LEADER_INTERRUPTED;
        }
        if (leaderFailure instanceof RuntimeException re) {
            throw re;
        }
        throw (Error) leaderFailure;
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
        Object stored = storing.fresh(backend.get(made));
        return stored != null ? stored : loaded;
    }
}

package dev.larder.support;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Stampede control within one process (spec/invalidation.md §5.1, "single flight"): the first
 * caller to {@link #join} a key leads its flight and does the work; callers of the same key
 * that arrive meanwhile follow, waiting for the leader's result instead of doing it again.
 * Used by {@code getOrSet}'s loads, the page cache's renderings and the Spring adapter's
 * asynchronous loads.
 *
 * <p>Flights that end are counted in stripes by key hash. A caller takes a {@link #mark} before
 * it reads the store; a leader whose stripe moved since then knows that another flight of
 * (perhaps) its key ended in between and stored its result, so it reads the store again
 * instead of repeating the work. Thread-safe.
 *
 * @param <K> the key
 * @param <V> the result a flight hands its followers
 */
public final class SingleFlight<K, V> {
    private static final int STRIPES = 64;

    private final ConcurrentHashMap<K, Flight> inFlight = new ConcurrentHashMap<>();
    private final AtomicLongArray ended = new AtomicLongArray(STRIPES);
    private final AtomicInteger waiting = new AtomicInteger();

    /** The count of flights ended in {@code key}'s stripe, to take before reading the store. */
    public long mark(K key) {
        return ended.get(stripe(key));
    }

    /** Joins the flight of {@code key}, as its leader if none is under way. */
    public Flight join(K key) {
        Flight mine = new Flight(key, Thread.currentThread(), new CompletableFuture<>(), true);
        Flight running = inFlight.putIfAbsent(key, mine);
        return running == null ? mine : new Flight(key, running.leaderThread, running.result, false);
    }

    /** Callers waiting for another's flight right now. */
    public int waiting() {
        return waiting.get();
    }

    private static int stripe(Object key) {
        return key.hashCode() & (STRIPES - 1);
    }

    /** One caller's place in a flight: its leader's or a follower's. */
    public final class Flight {
        private final K key;
        private final Thread leaderThread;
        private final CompletableFuture<V> result;
        private final boolean leader;

        private Flight(K key, Thread leaderThread, CompletableFuture<V> result, boolean leader) {
            this.key = key;
            this.leaderThread = leaderThread;
            this.result = result;
            this.leader = leader;
        }

        public boolean leader() {
            return leader;
        }

        /** Whether the caller follows a flight that it leads itself: it would wait for itself. */
        public boolean followsItself() {
            return !leader && leaderThread == Thread.currentThread();
        }

        /** For the leader: whether another flight of this key's stripe ended since {@code mark}. */
        public boolean endedSince(long mark) {
            return ended.get(stripe(key)) != mark;
        }

        /**
         * For a follower: the leader's result, waiting at most {@code limit}.
         *
         * @throws ExecutionException with the leader's failure as its cause
         */
        public V await(Duration limit) throws InterruptedException, TimeoutException, ExecutionException {
            waiting.incrementAndGet();
            try {
                return result.get(limit.toNanos(), TimeUnit.NANOSECONDS);
            } finally {
                waiting.decrementAndGet();
            }
        }

        /**
         * The flight's result as a future, for callers that must not block (Spring's
         * {@code retrieve}); a copy, so that one caller cancelling it cannot cancel the others'.
         */
        public CompletableFuture<V> future() {
            return result.copy();
        }

        /** For the leader: ends the flight with its result; nothing for a follower. */
        public void complete(V value) {
            if (leader) {
                end();
                result.complete(value);
            }
        }

        /** For the leader: ends the flight with its failure, which followers receive; nothing for a follower. */
        public void fail(Throwable failure) {
            if (leader) {
                end();
                result.completeExceptionally(failure);
            }
        }

        // Counted before the flight leaves the map, so a caller that leads the next one sees the count move.
        private void end() {
            ended.incrementAndGet(stripe(key));
            inFlight.remove(key, this);
        }
    }
}

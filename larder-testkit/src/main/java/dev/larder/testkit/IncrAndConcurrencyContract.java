package dev.larder.testkit;

import static dev.larder.testkit.CacheContract.await;
import static dev.larder.testkit.CacheContract.race;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.larder.CacheKeyNotFoundException;
import dev.larder.CacheValueTypeException;
import dev.larder.Timeout;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Counters ({@code incr}, {@code decr}, their overflow) and the races a backend's
 * capabilities promise to win: atomic add, atomic incr, atomic conditional set, one load per
 * key.
 */
abstract class IncrAndConcurrencyContract extends ContractGroup {
    IncrAndConcurrencyContract(Fixture fixture) {
        super(fixture);
    }

    @Test
    void incrDecr_addAndReturnNewValue() {
        cache.set("n", 10);
        assertThat(cache.incr("n")).isEqualTo(11);
        assertThat(cache.incr("n", 10)).isEqualTo(21);
        assertThat(cache.decr("n")).isEqualTo(20);
        assertThat(cache.incr("n", -5)).isEqualTo(15);
        assertThat(cache.get("n")).isEqualTo(15L);
    }

    @Test
    void incrDecr_crossZeroIntoNegatives() {
        assumeThat(capabilities().signedCounters()).as("backend has signed counters").isTrue();
        cache.set("n", 20);
        assertThat(cache.decr("n", 30)).isEqualTo(-10);
        assertThat(cache.incr("n", -5)).isEqualTo(-15);
        assertThat(cache.get("n")).isEqualTo(-15L);
        assertThat(cache.incr("n", 16)).isEqualTo(1);
    }

    @Test
    void incr_missingKey_throwsNamingKey() {
        assertThatThrownBy(() -> cache.incr("missing"))
                .isInstanceOf(CacheKeyNotFoundException.class).hasMessage("Key 'missing' not found");
        assertThatThrownBy(() -> cache.decr("missing")).isInstanceOf(CacheKeyNotFoundException.class);
    }

    @Test
    void incr_nonNumericValue_throwsAndKeepsValue() {
        cache.set("s", "text");
        assertThatThrownBy(() -> cache.incr("s")).isInstanceOf(CacheValueTypeException.class);
        assertThat(cache.get("s")).isEqualTo("text");
    }

    @Test
    void incr_pastLongMax_throwsAndKeepsValue() {
        cache.set("n", Long.MAX_VALUE);
        assertThatThrownBy(() -> cache.incr("n")).isInstanceOf(CacheValueTypeException.class)
                .hasMessageContaining("overflow");
        assertThat(cache.get("n")).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void decr_pastLongMin_throwsAndKeepsValue() {
        assumeThat(capabilities().signedCounters()).as("backend has signed counters").isTrue();
        cache.set("n", Long.MIN_VALUE + 1);
        assertThatThrownBy(() -> cache.decr("n", 2)).isInstanceOf(CacheValueTypeException.class)
                .hasMessageContaining("overflow");
        assertThat(cache.get("n")).isEqualTo(Long.MIN_VALUE + 1);
        assertThat(cache.decr("n")).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void racingAdds_exactlyOneWins() throws Exception {
        assumeThat(capabilities().atomicAdd()).as("backend promises atomic add").isTrue();
        for (int round = 0; round < 20; round++) {
            String key = "lock" + round;
            List<Boolean> results = race(8, i -> cache.add(key, "thread" + i));
            assertThat(results.stream().filter(b -> b).count()).as("winners of round " + round).isEqualTo(1);
        }
    }

    @Test
    void racingIncrs_loseNoUpdate() throws Exception {
        assumeThat(capabilities().atomicIncr()).as("backend promises atomic incr").isTrue();
        cache.set("counter", 0);
        race(8, i -> {
            for (int n = 0; n < 250; n++) {
                cache.incr("counter");
            }
            return null;
        });
        assertThat(cache.get("counter")).isEqualTo(2000L);
    }

    /**
     * A writer moves a stamp and then removes the entry; fillers store entries recording the
     * stamp they read, if it still holds. With an atomic check, every entry stored after the
     * removal recorded the moved stamp or a later one. A check-then-write lets a filler that
     * checked before the move write after the removal; this test catches that (it failed
     * within a few hundred rounds on every backend when they used the check-then-write
     * default).
     */
    @Test
    void setIfUnchanged_racingAWriterOfTheExpectedKey_neverStoresPastTheMove() throws Exception {
        assumeThat(capabilities().atomicConditionalSet()).as("backend promises an atomic setIfUnchanged").isTrue();
        cache.set("stamp", 0L);
        AtomicBoolean done = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> fillers = new ArrayList<>();
            for (int f = 0; f < 2; f++) {
                fillers.add(pool.submit(() -> {
                    int stored = 0;
                    while (!done.get()) {
                        Object seen = cache.get("stamp");
                        if (cache.setIfUnchanged("entry", seen, Timeout.DEFAULT, Map.of("stamp", seen))) {
                            stored++;
                        }
                    }
                    return stored;
                }));
            }
            List<String> violations = new ArrayList<>();
            for (long round = 1; round <= 2000 && violations.isEmpty(); round++) {
                cache.set("stamp", round);
                cache.delete("entry");
                Object entry = cache.get("entry");
                if (entry != null && ((Number) entry).longValue() < round) {
                    violations.add("round " + round + " found an entry recording stamp " + entry);
                }
            }
            done.set(true);
            int stored = 0;
            for (Future<Integer> f : fillers) {
                stored += f.get(30, TimeUnit.SECONDS);
            }
            assertThat(violations).isEmpty();
            assertThat(stored).as("fillers stored entries at all").isPositive();
        } finally {
            done.set(true);
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentGetOrSet_callsTheLoaderOnce() throws Exception {
        assumeThat(capabilities().stores()).isTrue();
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch loading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Thread> threads = new CopyOnWriteArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r);
            threads.add(t);
            return t;
        });
        try {
            Future<Object> leader = pool.submit(() -> cache.getOrSet("hot", () -> {
                calls.incrementAndGet();
                loading.countDown();
                await(release);
                return new ArrayList<>(List.of("computed"));
            }));
            assertThat(loading.await(10, TimeUnit.SECONDS)).isTrue();
            List<Future<Object>> followers = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                followers.add(pool.submit(() -> cache.getOrSet("hot", () -> "v" + calls.incrementAndGet())));
            }
            awaitAllWaiting(threads, 8);
            release.countDown();
            Object led = leader.get(10, TimeUnit.SECONDS);
            assertThat(led).isEqualTo(List.of("computed"));
            java.util.Set<Object> distinct = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            distinct.add(led);
            for (Future<Object> f : followers) {
                Object followed = f.get(10, TimeUnit.SECONDS);
                assertThat(followed).isEqualTo(List.of("computed"));
                distinct.add(followed);
            }
            assertThat(calls).hasValue(1);
            if (serializesValues()) {
                assertThat(distinct).as("each caller gets its own copy").hasSize(8);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Polls (bounded) until {@code count} threads are parked, so a race really is one. */
    private static void awaitAllWaiting(List<Thread> threads, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (threads.stream().filter(t -> t.getState() == Thread.State.WAITING
                || t.getState() == Thread.State.TIMED_WAITING).count() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("threads did not all block within 10 s: " + threads.stream()
                        .map(Thread::getState).toList());
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }
}

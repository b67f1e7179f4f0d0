package dev.larder.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.larder.Cache;
import dev.larder.Timeout;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * {@code getOrSet} under a {@link dev.larder.LoadPolicy}: stale values served while one caller
 * reloads or while loading fails, early refresh near expiry, and, on stores shared between
 * processes, one load across caches that share nothing but the store (each with its own
 * registry, connections and in-process flights, as two processes would have).
 */
abstract class LoadPolicyContract extends ContractGroup {
    private static final Timeout TEN_SECONDS = Timeout.ofSeconds(10);

    LoadPolicyContract(Fixture fixture) {
        super(fixture);
    }

    @Test
    void staleWhileRevalidate_oneCallerReloads_othersGetTheStaleValueAtOnce() throws Exception {
        Cache swr = newCache(b -> b.staleWhileRevalidate(Duration.ofSeconds(60)));
        swr.getOrSet("k", () -> "v1", TEN_SECONDS);
        clock.advanceSeconds(15);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Object> reload = pool.submit(() -> swr.getOrSet("k", () -> {
                started.countDown();
                await(release);
                return "v2";
            }, TEN_SECONDS));
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat((Object) swr.getOrSet("k", failIfCalled(), TEN_SECONDS)).isEqualTo("v1");
            assertThat(swr.get("k")).as("get reads a stale entry as a miss").isNull();
            release.countDown();
            assertThat(reload.get(10, TimeUnit.SECONDS)).isEqualTo("v2");
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
        assertThat((Object) swr.getOrSet("k", failIfCalled(), TEN_SECONDS)).isEqualTo("v2");
        assertThat(swr.get("k")).isEqualTo("v2");
    }

    @Test
    void staleWhileRevalidate_pastTheWindow_waitsForTheLoad() {
        Cache swr = newCache(b -> b.staleWhileRevalidate(Duration.ofSeconds(60)));
        swr.getOrSet("k", () -> "v1", TEN_SECONDS);
        clock.advanceSeconds(71);
        assertThat((Object) swr.getOrSet("k", () -> "v2", TEN_SECONDS)).isEqualTo("v2");
        assertThat(swr.get("k")).isEqualTo("v2");
    }

    @Test
    void staleWhileRevalidate_failingReload_keepsServingTheStaleValue() {
        Cache swr = newCache(b -> b.staleWhileRevalidate(Duration.ofSeconds(60)));
        swr.getOrSet("k", () -> "v1", TEN_SECONDS);
        clock.advanceSeconds(15);
        assertThat((Object) swr.getOrSet("k", failing(), TEN_SECONDS)).isEqualTo("v1");
        assertThat((Object) swr.getOrSet("k", () -> "v2", TEN_SECONDS)).isEqualTo("v2");
    }

    @Test
    void staleWhileRevalidate_aSetDuringTheReload_standsOverTheReloadedValue() throws Exception {
        Cache swr = newCache(b -> b.staleWhileRevalidate(Duration.ofSeconds(60)));
        swr.getOrSet("k", () -> "v1", TEN_SECONDS);
        clock.advanceSeconds(15);
        Object reloaded = swr.getOrSet("k", () -> {
            swr.set("k", "written during the reload");
            return "reloaded from older data";
        }, TEN_SECONDS);
        assertThat(reloaded).isEqualTo("written during the reload");
        assertThat(swr.get("k")).isEqualTo("written during the reload");
    }

    @Test
    void staleWhileRevalidate_aReloadFindingNothing_keepsTheEntry() {
        Cache swr = newCache(b -> b.staleWhileRevalidate(Duration.ofSeconds(60)));
        swr.getOrSet("k", () -> "v1", TEN_SECONDS);
        clock.advanceSeconds(15);
        assertThat((Object) swr.getOrSet("k", () -> null, TEN_SECONDS)).isEqualTo("v1");
    }

    @Test
    void timedEntries_touchRenewsTheirFreshness_andAddTakesAStaleOne() {
        Cache timed = newCache(b -> b.staleIfError(Duration.ofSeconds(60)));
        timed.getOrSet("touched", () -> "v", TEN_SECONDS);
        assertThat(timed.touch("touched", Timeout.ofSeconds(100))).isTrue();
        timed.getOrSet("stale", () -> "old", TEN_SECONDS);
        clock.advanceSeconds(50);
        assertThat(timed.get("touched")).as("fresh for the touch's 100 s").isEqualTo("v");
        assertThat(timed.get("stale")).isNull();
        assertThat(timed.touch("stale", TEN_SECONDS)).as("a stale entry is missing to touch").isFalse();
        assertThat(timed.add("stale", "added")).as("a stale entry is missing to add").isTrue();
        assertThat(timed.get("stale")).isEqualTo("added");
        assertThat(timed.add("touched", "other")).isFalse();
    }

    @Test
    void staleIfError_aDeletedEntry_isNeverServedAgain() {
        Cache sie = newCache(b -> b.staleIfError(Duration.ofSeconds(60)));
        sie.getOrSet("k", () -> "v1", TEN_SECONDS);
        sie.delete("k");
        assertThatThrownBy(() -> sie.getOrSet("k", failing(), TEN_SECONDS)).hasMessage("loader down");
        sie.getOrSet("k", () -> "v2", TEN_SECONDS);
        sie.clear();
        assertThatThrownBy(() -> sie.getOrSet("k", failing(), TEN_SECONDS)).hasMessage("loader down");
    }

    @Test
    void staleIfError_anEntryRemovedByAConditionalDelete_isNeverServedAgain() {
        Cache sie = newCache(b -> b.staleIfError(Duration.ofSeconds(60)));
        sie.set("stamp", 1L);
        sie.getOrSet("k", () -> "v1", TEN_SECONDS);
        assertThat(sie.setIfUnchanged("k", "unused", Timeout.ofSeconds(0), Map.of("stamp", 1L))).isTrue();
        assertThatThrownBy(() -> sie.getOrSet("k", failing(), TEN_SECONDS)).hasMessage("loader down");
    }

    @Test
    void staleIfError_failingLoader_servesTheStaleValue_untilTheWindowEnds() {
        Cache sie = newCache(b -> b.staleIfError(Duration.ofSeconds(60)));
        sie.getOrSet("k", () -> "v1", TEN_SECONDS);
        clock.advanceSeconds(15);
        assertThat((Object) sie.getOrSet("k", failing(), TEN_SECONDS)).isEqualTo("v1");
        clock.advanceSeconds(60);
        assertThatThrownBy(() -> sie.getOrSet("k", failing(), TEN_SECONDS))
                .isInstanceOf(IllegalStateException.class).hasMessage("loader down");
    }

    @Test
    void staleIfError_aWorkingLoader_replacesTheStaleValue() {
        Cache sie = newCache(b -> b.staleIfError(Duration.ofSeconds(60)));
        sie.getOrSet("k", () -> "v1", TEN_SECONDS);
        clock.advanceSeconds(15);
        assertThat((Object) sie.getOrSet("k", () -> "v2", TEN_SECONDS)).isEqualTo("v2");
        assertThat(sie.get("k")).isEqualTo("v2");
    }

    @Test
    void staleIfError_failingLoaderWithNothingStored_throws() {
        Cache sie = newCache(b -> b.staleIfError(Duration.ofSeconds(60)));
        assertThatThrownBy(() -> sie.getOrSet("k", failing(), TEN_SECONDS)).hasMessage("loader down");
        assertThat(sie.hasKey("k")).isFalse();
    }

    @Test
    void earlyRefresh_reloadsOnceNearExpiry_andNeverFarFromIt() {
        Cache early = newCache(b -> b.earlyRefresh(true));
        AtomicInteger loads = new AtomicInteger();
        // Each load takes one second of the cache's clock: XFetch's δ.
        Supplier<Object> slow = () -> {
            clock.advanceSeconds(1);
            return "v" + loads.incrementAndGet();
        };
        early.getOrSet("k", slow, Timeout.ofSeconds(100));
        clock.advanceSeconds(40);
        for (int i = 0; i < 200; i++) {
            // XFetch refreshes with a chance of e^(-t/δ) a call, t before expiry: here e^-60.
            assertThat((Object) early.getOrSet("k", slow, Timeout.ofSeconds(100))).isEqualTo("v1");
        }
        clock.advance(Duration.ofMillis(59_999));
        for (int i = 0; i < 50; i++) {
            // Here e^-0.001: all 50 calls leave it with a chance of about 10^-150.
            early.getOrSet("k", slow, Timeout.ofSeconds(100));
        }
        assertThat(loads).as("one reload, before the entry expired").hasValue(2);
        assertThat(early.get("k")).isEqualTo("v2");
        assertThat(early.stats().misses()).as("only the first call missed").isEqualTo(1);
    }

    @Test
    void leases_coldKeyInTwoProcesses_loadsOnce() throws Exception {
        requireSharedStore();
        List<Cache> processes = List.of(newCache(b -> b.lease(Duration.ofSeconds(10))),
                newCache(b -> b.lease(Duration.ofSeconds(10))));
        AtomicInteger loads = new AtomicInteger();
        Supplier<Object> slowLoad = () -> {
            sleep(300);
            return "loaded " + loads.incrementAndGet();
        };
        List<Object> results = runTogether(100, processes, c -> c.getOrSet("cold", slowLoad, TEN_SECONDS));
        assertThat(loads).hasValue(1);
        assertThat(results).hasSize(200).containsOnly("loaded 1");
    }

    @Test
    void leases_aHolderThatHangs_delaysTheOthersAtMostTheLeaseTime() throws Exception {
        requireSharedStore();
        Cache holder = newCache(b -> b.lease(Duration.ofSeconds(1)));
        Cache other = newCache(b -> b.lease(Duration.ofSeconds(1)));
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Object> hung = pool.submit(() -> holder.getOrSet("k", () -> {
                holding.countDown();
                await(release);
                return "from the hung holder";
            }, TEN_SECONDS));
            assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
            long start = System.nanoTime();
            assertThat((Object) other.getOrSet("k", () -> "from the other", TEN_SECONDS)).isEqualTo("from the other");
            long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(waitedMillis).as("waited for the lease, then loaded").isBetween(800L, 4_000L);
            release.countDown();
            assertThat(hung.get(10, TimeUnit.SECONDS)).as("the first value stored stands").isEqualTo("from the other");
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
        assertThat(other.get("k")).isEqualTo("from the other");
    }

    /** Leases need a store that other processes see and that adds atomically. */
    private void requireSharedStore() {
        assumeThat(capabilities().outOfProcess() && capabilities().atomicAdd())
                .as("a lease needs a store shared between processes with an atomic add").isTrue();
    }

    /** Runs {@code perCache} calls of {@code call} on each cache at once; their results. */
    private static List<Object> runTogether(int perCache, List<Cache> caches, Function<Cache, Object> call)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(perCache * caches.size());
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Object>> futures = new ArrayList<>();
            for (Cache c : caches) {
                for (int i = 0; i < perCache; i++) {
                    futures.add(pool.submit(() -> {
                        go.await();
                        return call.apply(c);
                    }));
                }
            }
            go.countDown();
            List<Object> results = new ArrayList<>();
            for (Future<Object> f : futures) {
                results.add(f.get(30, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static Supplier<Object> failIfCalled() {
        return () -> {
            throw new AssertionError("the loader ran while a stale value could be served");
        };
    }

    private static Supplier<Object> failing() {
        return () -> {
            throw new IllegalStateException("loader down");
        };
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

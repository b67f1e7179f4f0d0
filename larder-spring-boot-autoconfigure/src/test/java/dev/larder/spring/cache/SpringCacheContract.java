package dev.larder.spring.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.larder.CacheConfig;
import dev.larder.CacheRegistry;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.cache.Cache;
import org.springframework.cache.interceptor.SimpleKey;

/**
 * Spring's cache contract on a Larder backend: the cases of Spring's {@code AbstractCacheTests}
 * and the null handling of {@code AbstractValueAdaptingCacheTests}, plus Larder's promises (keys
 * of every supported shape, long keys, types kept, one load per key). Each backend's subclass
 * says only how to reach its store; the cache under test is created at run time from that
 * configuration, as {@code @Cacheable("name")} would create it.
 */
abstract class SpringCacheContract {
    static final String NAME = "contract";

    protected CacheRegistry registry;
    protected ExecutorService executor;
    protected LarderSpringCache cache;
    /** The same store, with nulls refused. */
    protected LarderSpringCache strict;

    /** The template every cache of the test is made from. */
    protected abstract CacheConfig.Builder store();

    @BeforeEach
    void open() {
        CacheConfig template = store().build();
        registry = CacheRegistry.builder().cache(CacheRegistry.DEFAULT_ALIAS, template).build();
        executor = Executors.newFixedThreadPool(4);
        cache = LarderCacheManager.builder(registry, executor).template(template).build().getCache(NAME);
        strict = new LarderSpringCache("strict", cache.getNativeCache(),
                new LarderSpringCache.Settings(false, dev.larder.Timeout.DEFAULT, null, executor));
        cache.clear();
    }

    @AfterEach
    void close() throws InterruptedException {
        executor.shutdownNow();
        executor.awaitTermination(10, TimeUnit.SECONDS);
        registry.close();
    }

    static String randomKey() {
        return UUID.randomUUID().toString();
    }

    @Test
    void cacheName_isTheSpringName() {
        assertThat(cache.getName()).isEqualTo(NAME);
    }

    @Test
    void nativeCache_isTheLarderCache() {
        assertThat(cache.getNativeCache()).isSameAs(registry.cache(NAME));
    }

    @Test
    void put_thenGet_returnsTheValue() {
        String key = randomKey();
        assertThat(cache.get(key)).isNull();
        assertThat(cache.get(key, String.class)).isNull();
        cache.put(key, "value");
        assertThat(cache.get(key).get()).isEqualTo("value");
        assertThat(cache.get(key, String.class)).isEqualTo("value");
        assertThat(cache.get(key, (Class<String>) null)).isEqualTo("value");
    }

    @Test
    void get_ofAnotherType_throwsIllegalStateException() {
        String key = randomKey();
        cache.put(key, "value");
        assertThatThrownBy(() -> cache.get(key, Long.class)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not of required type [java.lang.Long]");
    }

    @Test
    void putNull_isACachedNull_notAMiss() {
        String key = randomKey();
        cache.put(key, null);
        Cache.ValueWrapper wrapper = cache.get(key);
        assertThat(wrapper).isNotNull();
        assertThat(wrapper.get()).isNull();
        assertThat(cache.get(key, String.class)).isNull();
        assertThat(cache.getNativeCache().get(SpringKeys.toLarderKey(key))).isEqualTo(java.util.Optional.empty());
    }

    @Test
    void putNull_nullsNotAllowed_throwsNamingTheCache() {
        assertThatThrownBy(() -> strict.put(randomKey(), null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Cache 'strict' is configured to not allow null values but null was provided");
        assertThatThrownBy(() -> strict.putIfAbsent(randomKey(), null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void integralNumbers_keepTheirType() {
        String key = randomKey();
        cache.put(key, 42);
        assertThat(cache.get(key).get()).isEqualTo(42).isInstanceOf(Integer.class);
        cache.put(key, (short) 7);
        assertThat(cache.get(key).get()).isInstanceOf(Short.class);
        cache.put(key, 9L);
        assertThat(cache.get(key).get()).isInstanceOf(Long.class);
    }

    @Test
    void putIfAbsent_absentKey_storesAndReturnsNull() {
        String key = randomKey();
        assertThat(cache.putIfAbsent(key, "first")).isNull();
        assertThat(cache.get(key).get()).isEqualTo("first");
    }

    @Test
    void putIfAbsent_existingKey_returnsOldValue() {
        String key = randomKey();
        cache.put(key, "first");
        assertThat(cache.putIfAbsent(key, "second").get()).isEqualTo("first");
        assertThat(cache.get(key).get()).isEqualTo("first");
    }

    @Test
    void putIfAbsent_cachedNull_returnsAWrapperOfNull() {
        String key = randomKey();
        cache.put(key, null);
        Cache.ValueWrapper existing = cache.putIfAbsent(key, "second");
        assertThat(existing).isNotNull();
        assertThat(existing.get()).isNull();
    }

    @Test
    void evict_removesTheEntry() {
        String key = randomKey();
        cache.put(key, "value");
        cache.evict(key);
        assertThat(cache.get(key)).isNull();
    }

    @Test
    void evictIfPresent_saysWhetherTheKeyWasThere() {
        String key = randomKey();
        cache.put(key, "value");
        assertThat(cache.evictIfPresent(key)).isTrue();
        assertThat(cache.evictIfPresent(key)).isFalse();
        assertThat(cache.get(key)).isNull();
    }

    @Test
    void clear_removesEveryEntry() {
        String a = randomKey();
        String b = randomKey();
        cache.put(a, "1");
        cache.put(b, "2");
        cache.clear();
        assertThat(cache.get(a)).isNull();
        assertThat(cache.get(b)).isNull();
    }

    @Test
    void invalidate_removesEveryEntry() {
        String a = randomKey();
        cache.put(a, "1");
        cache.invalidate();
        assertThat(cache.get(a)).isNull();
    }

    @Test
    void getCallable_miss_loadsAndStores() {
        String key = randomKey();
        assertThat(cache.get(key, () -> "loaded")).isEqualTo("loaded");
        assertThat(cache.get(key).get()).isEqualTo("loaded");
    }

    @Test
    void getCallable_nullResult_isCached() {
        String key = randomKey();
        Object loaded = cache.get(key, () -> null);
        assertThat(loaded).isNull();
        assertThat(cache.get(key)).isNotNull();
        assertThat(cache.get(key).get()).isNull();
    }

    @Test
    void getCallable_nullResult_nullsNotAllowed_throwsValueRetrievalException_andStoresNothing() {
        String key = randomKey();
        // As Spring's ConcurrentMapCache: the refused null is the cause.
        assertThatThrownBy(() -> strict.get(key, () -> null)).isInstanceOf(Cache.ValueRetrievalException.class)
                .hasRootCauseInstanceOf(IllegalArgumentException.class)
                .hasRootCauseMessage("Cache 'strict' is configured to not allow null values but null was provided");
        assertThat(strict.get(key)).isNull();
    }

    @Test
    void getCallable_hit_doesNotCallTheLoader() {
        String key = randomKey();
        cache.put(key, "cached");
        String found = cache.get(key, () -> {
            throw new AssertionError("the loader must not run on a hit");
        });
        assertThat(found).isEqualTo("cached");
    }

    @Test
    void getCallable_cachedNull_isAHit() {
        String key = randomKey();
        cache.put(key, null);
        Object found = cache.get(key, () -> {
            throw new AssertionError("a cached null is a hit");
        });
        assertThat(found).isNull();
    }

    @Test
    void getCallable_loaderFails_throwsValueRetrievalException() {
        String key = randomKey();
        assertThatThrownBy(() -> cache.get(key, () -> {
            throw new UnsupportedOperationException("expected");
        })).isInstanceOf(Cache.ValueRetrievalException.class)
                .hasCauseInstanceOf(UnsupportedOperationException.class);
        assertThat(cache.get(key)).isNull();
    }

    @Test
    void getCallable_concurrentMisses_runTheLoaderOnce() throws Exception {
        String key = randomKey();
        AtomicInteger calls = new AtomicInteger();
        List<Object> results = new CopyOnWriteArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            threads.add(new Thread(() -> results.add(cache.get(key, () -> {
                // Hold the load until every other thread waits for it inside get: they overlap it for certain.
                awaitWaitingForTheLoad(threads);
                return calls.incrementAndGet();
            }))));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join(30_000);
        }
        assertThat(results).hasSize(10).containsOnly(1);
        assertThat(calls).hasValue(1);
    }

    /** Until each thread but this one is parked in Larder's single flight, waiting for a load. */
    private static void awaitWaitingForTheLoad(List<Thread> threads) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        for (Thread t : threads) {
            while (t != Thread.currentThread() && !waitsForALoad(t)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(t.getName() + " never waited for the load: " + t.getState());
                }
                Thread.sleep(5);
            }
        }
    }

    private static boolean waitsForALoad(Thread t) {
        for (StackTraceElement frame : t.getStackTrace()) {
            if (frame.getClassName().startsWith("dev.larder.support.SingleFlight") && frame.getMethodName().equals("await")) {
                return true;
            }
        }
        return false;
    }

    @Test
    void retrieve_missThenPut_completesWithNullThenAWrapper() throws Exception {
        String key = randomKey();
        assertThat(cache.retrieve(key).get(10, TimeUnit.SECONDS)).isNull();
        cache.put(key, "value");
        Object found = cache.retrieve(key).get(10, TimeUnit.SECONDS);
        assertThat(found).isInstanceOf(Cache.ValueWrapper.class);
        assertThat(((Cache.ValueWrapper) found).get()).isEqualTo("value");
        strict.put(key, "plain");
        assertThat(strict.retrieve(key).get(10, TimeUnit.SECONDS)).isEqualTo("plain");
    }

    @Test
    void retrieveSupplier_loadsOnce_thenHits() throws Exception {
        String key = randomKey();
        AtomicInteger calls = new AtomicInteger();
        CompletableFuture<String> first = cache.retrieve(key,
                () -> CompletableFuture.completedFuture("v" + calls.incrementAndGet()));
        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("v1");
        CompletableFuture<String> second = cache.retrieve(key,
                () -> CompletableFuture.completedFuture("v" + calls.incrementAndGet()));
        assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo("v1");
        assertThat(calls).hasValue(1);
        assertThat(cache.get(key).get()).isEqualTo("v1");
    }

    @Test
    void retrieveSupplier_concurrentCallers_shareOneLoad() throws Exception {
        String key = randomKey();
        AtomicInteger calls = new AtomicInteger();
        CompletableFuture<Integer> slow = new CompletableFuture<>();
        List<CompletableFuture<Integer>> all = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            all.add(cache.retrieve(key, () -> {
                calls.incrementAndGet();
                return slow;
            }));
        }
        slow.complete(7);
        for (CompletableFuture<Integer> f : all) {
            assertThat(f.get(10, TimeUnit.SECONDS)).isEqualTo(7);
        }
        assertThat(calls).hasValue(1);
    }

    @Test
    void retrieveSupplier_loaderFails_failsTheFuture_andStoresNothing() {
        String key = randomKey();
        CompletableFuture<String> f = cache.retrieve(key,
                () -> CompletableFuture.failedFuture(new IllegalStateException("expected")));
        assertThatThrownBy(() -> f.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalStateException.class);
        assertThat(cache.get(key)).isNull();
    }

    @Test
    void keysOfEveryShape_areDistinctEntries() {
        Object[] keys = { "42", 42, 42L, SimpleKey.EMPTY, new SimpleKey("a", 1), new SimpleKey("a", 1L),
            Color.RED, LocalDate.of(2026, 1, 2), new Isbn("978", 3), List.of("a", "b"), UUID.randomUUID() };
        for (int i = 0; i < keys.length; i++) {
            cache.put(keys[i], "v" + i);
        }
        for (int i = 0; i < keys.length; i++) {
            assertThat(cache.get(keys[i]).get()).as("key %s", keys[i]).isEqualTo("v" + i);
        }
    }

    @Test
    void aLongKey_works() {
        SimpleKey key = new SimpleKey("x".repeat(600), "with spaces and\ttabs", 1);
        cache.put(key, "value");
        assertThat(cache.get(key).get()).isEqualTo("value");
        assertThat(cache.get(new SimpleKey("x".repeat(600), "with spaces and\ttabs", 2))).isNull();
    }

    enum Color { RED, GREEN }

    record Isbn(String prefix, int number) {
    }
}

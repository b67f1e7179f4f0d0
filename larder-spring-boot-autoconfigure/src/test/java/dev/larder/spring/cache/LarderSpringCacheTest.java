package dev.larder.spring.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.CacheConfig;
import dev.larder.CacheRegistry;
import dev.larder.Timeout;
import dev.larder.testing.FakeClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.cache.Cache;

/** What the contract cannot show on every backend: threads, refused work, timeouts by the clock, races. */
class LarderSpringCacheTest {
    private final FakeClock clock = new FakeClock();
    private final CacheRegistry registry = CacheRegistry.builder().clock(clock)
            .cache("default", CacheConfig.builder().location("spring-cache-test").timeout(Timeout.ofMinutes(60)).build())
            .build();

    @AfterEach
    void close() {
        registry.close();
    }

    private LarderSpringCache cache(Executor executor, Timeout timeout, EntryTimeout entryTimeout) {
        registry.defaultCache().clear();
        return new LarderSpringCache("books", registry.defaultCache(),
                new LarderSpringCache.Settings(true, timeout, entryTimeout, executor));
    }

    /** Runs nothing until told: what a caller's thread does is then plain to see. */
    static final class ManualExecutor implements Executor {
        final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();

        @Override
        public void execute(Runnable task) {
            tasks.add(task);
        }

        void runAll() {
            for (Runnable r; (r = tasks.poll()) != null; ) {
                r.run();
            }
        }
    }

    @Test
    void retrieve_doesNoLarderCallOnTheCallersThread() {
        ManualExecutor executor = new ManualExecutor();
        LarderSpringCache books = cache(executor, Timeout.DEFAULT, null);
        books.put("k", "v");
        CompletableFuture<?> found = books.retrieve("k");
        CompletableFuture<String> loaded = books.retrieve("other", () -> CompletableFuture.completedFuture("x"));
        assertThat(found).isNotDone();
        assertThat(loaded).isNotDone();
        executor.runAll();
        assertThat(((Cache.ValueWrapper) found.join()).get()).isEqualTo("v");
        assertThat(loaded.join()).isEqualTo("x");
        assertThat(books.get("other").get()).isEqualTo("x");
    }

    @Test
    void retrieve_refusedByTheExecutor_failsOpen() {
        Executor refusing = task -> {
            throw new RejectedExecutionException("full");
        };
        LarderSpringCache books = cache(refusing, Timeout.DEFAULT, null);
        books.put("k", "v");
        assertThat(books.retrieve("k").join()).isNull();
        assertThat(books.retrieve("new", () -> CompletableFuture.completedFuture("loaded")).join()).isEqualTo("loaded");
        assertThat(books.get("new")).as("nothing is stored without the executor").isNull();
    }

    @Test
    void aCacheTimeout_isUsedForWrites() {
        LarderSpringCache books = cache(Runnable::run, Timeout.ofMinutes(5), null);
        books.put("put", "v");
        books.get("loaded", () -> "v");
        books.putIfAbsent("added", "v");
        clock.advance(Duration.ofMinutes(6));
        assertThat(books.get("put")).isNull();
        assertThat(books.get("loaded")).isNull();
        assertThat(books.get("added")).isNull();
    }

    @Test
    void anEntryTimeout_appliesToLoadedValuesToo() {
        EntryTimeout shortForB = (cache, key, value) -> "b".equals(value) ? Timeout.ofMinutes(1) : Timeout.DEFAULT;
        LarderSpringCache books = cache(Runnable::run, Timeout.DEFAULT, shortForB);
        books.get("a", () -> "a");
        books.get("b", () -> "b");
        clock.advance(Duration.ofMinutes(2));
        assertThat(books.get("a")).isNotNull();
        assertThat(books.get("b")).isNull();
    }

    @Test
    void putIfAbsent_racingWriters_exactlyOneStores_andTheOthersSeeItsValue() throws Exception {
        LarderSpringCache books = cache(Runnable::run, Timeout.DEFAULT, null);
        CountDownLatch go = new CountDownLatch(1);
        List<Object> results = new CopyOnWriteArrayList<>();
        List<Thread> threads = new ArrayList<>();
        AtomicInteger stored = new AtomicInteger();
        for (int i = 0; i < 8; i++) {
            String mine = "v" + i;
            Thread t = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                Cache.ValueWrapper existing = books.putIfAbsent("k", mine);
                if (existing == null) {
                    stored.incrementAndGet();
                    results.add(mine);
                } else {
                    results.add(existing.get());
                }
            });
            threads.add(t);
            t.start();
        }
        go.countDown();
        for (Thread t : threads) {
            t.join(30_000);
        }
        assertThat(stored).hasValue(1);
        assertThat(results).hasSize(8).containsOnly(books.get("k").get());
    }

    @Test
    void aLoadersOwnBackendFailure_isTheLoadersFailure_notAFailOpen() {
        LarderSpringCache books = cache(Runnable::run, Timeout.DEFAULT, null);
        AtomicInteger calls = new AtomicInteger();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> books.get("k", () -> {
            calls.incrementAndGet();
            throw new dev.larder.CacheBackendException("another store is down");
        })).isInstanceOf(Cache.ValueRetrievalException.class).hasCauseInstanceOf(dev.larder.CacheBackendException.class);
        assertThat(calls).hasValue(1);
        assertThat(books.failOpenCalls()).isZero();
    }

    @Test
    void theNullMarker_isNotJavaSerialisation() {
        LarderSpringCache books = cache(Runnable::run, Timeout.DEFAULT, null);
        books.put("k", null);
        assertThat(registry.defaultCache().get(SpringKeys.toLarderKey("k"))).isEqualTo(java.util.Optional.empty());
    }
}

package dev.larder.spring.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.larder.CacheConfig;
import dev.larder.CacheLoadInterruptedException;
import dev.larder.CacheRegistry;
import dev.larder.Timeout;
import dev.larder.testing.FakeClock;
import dev.larder.testing.LogCapture;
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
            .cache("shortWait", CacheConfig.builder().location("spring-cache-test-wait").loadWait(Duration.ofMillis(200)).build())
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
    void retrieve_refusedByTheExecutor_failsOpen_loggedOnceAndCounted() {
        Executor refusing = task -> {
            throw new RejectedExecutionException("full");
        };
        LarderSpringCache books = cache(refusing, Timeout.DEFAULT, null);
        books.put("k", "v");
        try (LogCapture log = LogCapture.of("dev.larder.spring.cache")) {
            assertThat(books.retrieve("k").join()).isNull();
            assertThat(books.retrieve("new", () -> CompletableFuture.completedFuture("loaded")).join()).isEqualTo("loaded");
            assertThat(log.messages()).hasSize(1).allMatch(m -> m.contains("'books'") && m.contains("retrieve"));
        }
        assertThat(books.get("new")).as("nothing is stored without the executor").isNull();
        assertThat(books.failOpenCalls()).as("the refused lookup, and the load's refused read and write").isEqualTo(3);
        assertThat(books.failOpenIncidents()).isEqualTo(1);
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

    /** A cache whose loads in flight are waited for 200 ms, and a thread holding one until released. */
    private LarderSpringCache shortWait() {
        return new LarderSpringCache("books", registry.cache("shortWait"),
                new LarderSpringCache.Settings(true, Timeout.DEFAULT, null, Runnable::run));
    }

    private static Thread holdLoad(LarderSpringCache books, String key, CountDownLatch release) throws InterruptedException {
        CountDownLatch loading = new CountDownLatch(1);
        Thread holder = new Thread(() -> books.get(key, () -> {
            loading.countDown();
            release.await();
            return "holder's";
        }));
        holder.start();
        loading.await();
        return holder;
    }

    @Test
    void getCallable_waitingPastTheLoadWait_failsOpen_andLoadsItself() throws Exception {
        LarderSpringCache books = shortWait();
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = holdLoad(books, "waited", release);
        try (LogCapture log = LogCapture.of("dev.larder.spring.cache")) {
            assertThat(books.get("waited", () -> "mine")).isEqualTo("mine");
            assertThat(books.failOpenCalls()).isEqualTo(1);
            assertThat(log.messages()).hasSize(1);
        } finally {
            release.countDown();
            holder.join(10_000);
        }
        assertThat(books.get("waited").get()).isEqualTo("holder's");
    }

    @Test
    void getCallable_interruptedWhileWaiting_throwsValueRetrievalException_keepingTheInterrupt() throws Exception {
        LarderSpringCache books = shortWait();
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = holdLoad(books, "interrupted", release);
        try {
            Thread.currentThread().interrupt();
            assertThatThrownBy(() -> books.get("interrupted", () -> "mine")).isInstanceOf(Cache.ValueRetrievalException.class)
                    .hasCauseInstanceOf(CacheLoadInterruptedException.class);
            assertThat(Thread.interrupted()).as("the interrupt flag is kept").isTrue();
        } finally {
            Thread.interrupted();
            release.countDown();
            holder.join(10_000);
        }
        assertThat(books.failOpenCalls()).isZero();
    }
}

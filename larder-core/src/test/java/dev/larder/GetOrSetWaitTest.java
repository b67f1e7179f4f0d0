package dev.larder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A caller waiting on another thread's load can be interrupted, and waits no longer than load-wait. */
class GetOrSetWaitTest {
    private final CountDownLatch loading = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final ExecutorService loaderThread = Executors.newSingleThreadExecutor();
    private CacheRegistry registry;

    @AfterEach
    void cleanUp() throws InterruptedException {
        release.countDown();
        loaderThread.shutdown();
        assertThat(loaderThread.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        if (registry != null) {
            registry.close();
        }
    }

    private Cache cache(Properties settings) {
        settings.setProperty("larder.caches.default.location", "load-wait-" + System.nanoTime());
        registry = CacheRegistry.fromProperties(settings);
        return registry.defaultCache();
    }

    /** Starts a load of {@code key} on another thread that runs until the test releases it. */
    private Future<Object> slowLoad(Cache cache, String key) throws InterruptedException {
        Future<Object> load = loaderThread.submit(() -> cache.getOrSet(key, () -> {
            loading.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "slow value";
        }));
        assertThat(loading.await(10, TimeUnit.SECONDS)).as("the loader started").isTrue();
        return load;
    }

    @Test
    void waiterInterrupted_throws_andKeepsItsInterruptFlag() throws Exception {
        Cache cache = cache(new Properties());
        Future<Object> load = slowLoad(cache, "report");
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicBoolean flagAfter = new AtomicBoolean();
        Thread waiter = new Thread(() -> {
            try {
                cache.getOrSet("report", () -> "never called");
            } catch (Throwable t) {
                thrown.set(t);
            }
            flagAfter.set(Thread.currentThread().isInterrupted());
        });
        waiter.start();
        awaitParked(waiter);
        waiter.interrupt();
        waiter.join(5_000);
        assertThat(waiter.isAlive()).as("the waiter gave up on interrupt, without the load finishing").isFalse();
        assertThat(thrown.get()).isInstanceOf(CacheLoadInterruptedException.class)
                .hasMessageContaining("'report'").hasMessageContaining("cache 'default'")
                .hasCauseInstanceOf(InterruptedException.class);
        assertThat(flagAfter).as("interrupt flag restored").isTrue();
        release.countDown();
        assertThat(load.get(10, TimeUnit.SECONDS)).as("the load itself goes on").isEqualTo("slow value");
        assertThat(cache.get("report")).isEqualTo("slow value");
    }

    @Test
    void waiter_givesUpAfterLoadWait_namingKeyCacheAndLimit() throws Exception {
        Properties settings = new Properties();
        settings.setProperty("larder.caches.default.load-wait", "200ms");
        Cache cache = cache(settings);
        slowLoad(cache, "report\n2026");
        long start = System.nanoTime();
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThatThrownBy(
                () -> cache.getOrSet("report\n2026", () -> "never called"))
                .isInstanceOf(CacheLoadTimeoutException.class)
                .hasMessageContaining("'report\\n2026'").hasMessageContaining("cache 'default'")
                .hasMessageContaining("200 ms").hasMessageContaining("larder.caches.default.load-wait"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void versionViews_waitAsLongAsTheirCache() throws Exception {
        Properties settings = new Properties();
        settings.setProperty("larder.caches.default.load-wait", "PT0.2S");
        Cache cache = cache(settings);
        slowLoad(cache.version(2), "report");
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThatThrownBy(
                () -> cache.version(2).getOrSet("report", () -> "never called"))
                .isInstanceOf(CacheLoadTimeoutException.class).hasMessageContaining("200 ms"));
    }

    @Test
    void loadWait_defaultsToThirtySeconds_andBadValuesNameTheSetting() {
        assertThat(CacheConfig.builder().build().loadWait()).isEqualTo(Duration.ofSeconds(30));
        assertThat(CacheConfig.builder().loadWait(Duration.ofMillis(250)).build().loadWait())
                .isEqualTo(Duration.ofMillis(250));
        for (String bad : new String[] {"soon", "0", "-1s", "never"}) {
            Properties p = new Properties();
            p.setProperty("larder.caches.default.load-wait", bad);
            assertThatThrownBy(() -> CacheRegistry.fromProperties(p)).as(bad).isInstanceOf(CacheConfigException.class)
                    .hasMessageContaining("larder.caches.default.load-wait='" + bad + "'");
        }
        assertThatThrownBy(() -> CacheConfig.builder().loadWait(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT0S");
        assertThat(ConfigLoader.propertyForEnv("LARDER_CACHES_DEFAULT_LOAD_WAIT"))
                .isEqualTo("larder.caches.default.load-wait");
    }

    /** Polls (bounded) until {@code thread} parks, so the interrupt reaches it while it waits. */
    private static void awaitParked(Thread thread) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (thread.getState() != Thread.State.WAITING && thread.getState() != Thread.State.TIMED_WAITING) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the waiter did not park within 10 s: " + thread.getState());
            }
            Thread.onSpinWait();
        }
    }
}

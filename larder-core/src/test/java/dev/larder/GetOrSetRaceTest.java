package dev.larder;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Concurrent misses share one load, even when one load ends between another caller's read and its turn. */
class GetOrSetRaceTest {
    @Test
    void aLoadThatEndsBetweenAMissAndItsRegistration_isNotRunAgain() throws Exception {
        Properties settings = new Properties();
        settings.setProperty("larder.caches.default.backend", "pausing");
        settings.setProperty("larder.caches.default.location", "race-" + System.nanoTime());
        PausingBackendFactory.readDone = new CountDownLatch(1);
        PausingBackendFactory.resume = new CountDownLatch(1);
        AtomicInteger loads = new AtomicInteger();
        ExecutorService late = Executors.newSingleThreadExecutor();
        try (CacheRegistry registry = CacheRegistry.fromProperties(settings)) {
            Cache cache = registry.defaultCache();
            // The late caller misses, and its read's answer is held until the first load is over.
            Future<Object> lateResult = late.submit(() -> {
                PausingBackendFactory.pausedThread = Thread.currentThread();
                return cache.getOrSet("report", () -> "late " + loads.incrementAndGet());
            });
            assertThat(PausingBackendFactory.readDone.await(10, TimeUnit.SECONDS)).isTrue();
            Object first = cache.getOrSet("report", () -> "first " + loads.incrementAndGet());
            PausingBackendFactory.resume.countDown();

            assertThat(first).isEqualTo("first 1");
            assertThat(lateResult.get(10, TimeUnit.SECONDS)).isEqualTo("first 1");
            assertThat(loads).hasValue(1);
        } finally {
            late.shutdownNow();
        }
    }
}

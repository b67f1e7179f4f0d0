package dev.larder.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.spring.cache.LarderCacheManager;
import dev.larder.spring.cache.LarderSpringCache;
import dev.larder.testkit.servers.LarderServers;
import dev.larder.testkit.servers.RedisServer;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.cache.autoconfigure.metrics.CacheMetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** A Redis cache with {@code near-cache.enabled} in application properties, and its meters. */
@ExtendWith(LarderServers.class)
class NearCacheMetricsTest {
    private final ApplicationContextRunner runner;

    NearCacheMetricsTest(RedisServer redis) {
        runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(LarderAutoConfiguration.class,
                        LarderCacheManagerAutoConfiguration.class, CacheAutoConfiguration.class,
                        MetricsAutoConfiguration.class, CacheMetricsAutoConfiguration.class))
                .withUserConfiguration(LarderCacheMetricsTest.Meters.class)
                .withPropertyValues("larder.cache-manager.cache-names=books", "larder.caches.default.backend=redis",
                        "larder.caches.default.location=" + redis.uri(), "larder.caches.default.key-prefix=near-metrics",
                        "larder.caches.default.near-cache.enabled=true",
                        "larder.caches.default.near-cache.max-entries=1000");
    }

    private static double near(MeterRegistry meters, String kind) {
        return meters.get("larder.cache.near").tag("cache", "books").tag("kind", kind).functionCounter().count();
    }

    @Test
    void nearCacheCounters_areMeters() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            LarderSpringCache books = context.getBean(LarderCacheManager.class).getCache("books");
            assertThat(books.getNativeCache().capabilities().nearCache()).isTrue();
            books.put("k", "v");
            books.get("k");
            books.get("k");
            books.get("k");
            assertThat(near(meters, "local.fills")).isEqualTo(1);
            assertThat(near(meters, "local.hits")).isEqualTo(2);
            books.clear();
            assertThat(near(meters, "flushes")).isGreaterThanOrEqualTo(1);
            assertThat(near(meters, "invalidations")).isGreaterThanOrEqualTo(0);
        });
    }
}

package dev.larder.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.spring.cache.LarderCacheManager;
import dev.larder.spring.cache.LarderSpringCache;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.cache.autoconfigure.metrics.CacheMetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Meters by name, tag and value after known traffic, bound by Boot's cache metrics. */
class LarderCacheMetricsTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(LarderAutoConfiguration.class,
                    LarderCacheManagerAutoConfiguration.class, CacheAutoConfiguration.class,
                    MetricsAutoConfiguration.class, CacheMetricsAutoConfiguration.class))
            .withUserConfiguration(Meters.class)
            .withPropertyValues("larder.cache-manager.cache-names=books", "larder.caches.default.location=metrics");

    @Configuration(proxyBeanMethods = false)
    @EnableCaching
    static class Meters {
        @Bean
        SimpleMeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }

    private static double counter(MeterRegistry meters, String name, String cache, String... tags) {
        return meters.get(name).tag("cache", cache).tag("cache.manager", "cacheManager").tags(tags)
                .functionCounter().count();
    }

    @Test
    void aStartUpCache_countsHitsMissesPutsRemovals_andTimesOperations() {
        runner.run(context -> {
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            LarderSpringCache books = context.getBean(LarderCacheManager.class).getCache("books");
            books.get("k");
            books.put("k", "v");
            books.get("k");
            books.get("k", String.class);
            books.get("other", () -> "loaded");
            books.evict("k");
            books.evict("k");

            assertThat(counter(meters, "cache.gets", "books", "result", "hit")).isEqualTo(2);
            assertThat(counter(meters, "cache.gets", "books", "result", "miss")).isEqualTo(2);
            assertThat(counter(meters, "cache.puts", "books")).isEqualTo(1);
            assertThat(counter(meters, "cache.removals", "books")).isEqualTo(1);
            assertThat(counter(meters, "cache.evictions", "books")).isZero();
            assertThat(counter(meters, "larder.cache.errors", "books")).isZero();
            assertThat(counter(meters, "larder.cache.fail.open", "books", "kind", "incidents")).isZero();
            assertThat(counter(meters, "larder.cache.fail.open", "books", "kind", "calls")).isZero();
            var get = meters.get("larder.cache.latency").tag("cache", "books").tag("operation", "get").functionTimer();
            assertThat(get.count()).isEqualTo(4);
            assertThat(get.totalTime(TimeUnit.NANOSECONDS)).isPositive();
            assertThat(meters.get("larder.cache.latency").tag("cache", "books").tag("operation", "put")
                    .functionTimer().count()).isEqualTo(1);
            assertThat(meters.get("larder.cache.latency").tag("cache", "books").tag("operation", "evict")
                    .functionTimer().count()).isEqualTo(2);
        });
    }

    @Test
    void aCacheCreatedAfterStartUp_getsMetersToo() {
        runner.run(context -> {
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            assertThat(meters.find("cache.puts").tag("cache", "authors").meters()).isEmpty();
            LarderSpringCache authors = context.getBean(LarderCacheManager.class).getCache("authors");
            authors.put("k", "v");
            authors.get("k");
            assertThat(counter(meters, "cache.puts", "authors")).isEqualTo(1);
            assertThat(counter(meters, "cache.gets", "authors", "result", "hit")).isEqualTo(1);
        });
    }
}

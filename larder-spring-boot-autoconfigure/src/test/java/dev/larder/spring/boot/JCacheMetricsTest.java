package dev.larder.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.jcache.LarderCachingProvider;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.JCacheMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.cache.autoconfigure.metrics.CacheMetricsAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Micrometer's {@link JCacheMetrics} reads a Larder JCache cache's statistics from the MXBean
 * Larder registers on the platform MBean server, by the name Micrometer builds from the
 * manager's URI and the cache's name; and Boot's cache metrics bind the caches of its
 * {@code JCACHE} cache type that way by themselves.
 */
class JCacheMetricsTest {
    private static final URI MANAGER = URI.create("larder:jcache-metrics");

    private static CacheManager manager() {
        Properties config = new Properties();
        config.setProperty("larder.caches.default.backend", "locmem");
        config.setProperty("larder.caches.default.location", "jcache-metrics");
        return Caching.getCachingProvider(LarderCachingProvider.class.getName())
                .getCacheManager(MANAGER, JCacheMetricsTest.class.getClassLoader(), config);
    }

    private static MutableConfiguration<String, String> strings() {
        return new MutableConfiguration<String, String>().setTypes(String.class, String.class);
    }

    /** Two puts, two hits, three misses, one removal. */
    private static void knownSequence(Cache<String, String> cache) {
        cache.put("a", "1");
        cache.put("b", "2");
        assertThat(cache.get("a")).isEqualTo("1");
        assertThat(cache.get("c")).isNull();
        assertThat(cache.get("b")).isEqualTo("2");
        assertThat(cache.get("d")).isNull();
        assertThat(cache.remove("b")).isTrue();
        assertThat(cache.get("b")).isNull();
    }

    @Test
    void statisticsEnabledInTheConfiguration_jcacheMetricsReportThem() throws Exception {
        try (CacheManager manager = manager()) {
            Cache<String, String> orders = manager.createCache("orders", strings().setStatisticsEnabled(true));
            MeterRegistry registry = new SimpleMeterRegistry();
            JCacheMetrics.monitor(registry, orders, "app", "shop");

            knownSequence(orders);

            assertThat(gets(registry, "orders", "hit")).isEqualTo(2);
            assertThat(gets(registry, "orders", "miss")).isEqualTo(3);
            assertThat(registry.get("cache.puts").tags("cache", "orders", "app", "shop").functionCounter().count())
                    .isEqualTo(2);
            assertThat(registry.get("cache.removals").tag("cache", "orders").gauge().value()).isEqualTo(1);
            // The name Micrometer looks up: the URI with ':' as '.', and the cache's name.
            assertThat(ManagementFactory.getPlatformMBeanServer().isRegistered(
                    new ObjectName("javax.cache:type=CacheStatistics,CacheManager=larder.jcache-metrics,Cache=orders")))
                    .isTrue();
        }
    }

    @Test
    void statisticsEnabledThroughTheManager_countFromThen() {
        try (CacheManager manager = manager()) {
            Cache<String, String> invoices = manager.createCache("invoices", strings());
            MeterRegistry registry = new SimpleMeterRegistry();
            JCacheMetrics.monitor(registry, invoices);
            invoices.put("before", "x");
            invoices.get("before");
            invoices.get("missing");

            manager.enableStatistics("invoices", true);
            knownSequence(invoices);

            assertThat(gets(registry, "invoices", "hit")).isEqualTo(2);
            assertThat(gets(registry, "invoices", "miss")).isEqualTo(3);
            assertThat(registry.get("cache.puts").tag("cache", "invoices").functionCounter().count()).isEqualTo(2);
        }
    }

    @Test
    void bootsCacheMetrics_bindTheJCacheTypesCaches(@TempDir Path dir) throws IOException {
        // A file: URI, as spring.cache.jcache.config gives the manager: Micrometer and Larder name its bean alike.
        Path config = Files.writeString(dir.resolve("larder.properties"),
                "larder.caches.default.backend=locmem\nlarder.caches.default.location=boot-jcache-metrics\n");
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(LarderAutoConfiguration.class,
                        LarderCacheManagerAutoConfiguration.class, CacheAutoConfiguration.class,
                        CacheMetricsAutoConfiguration.class))
                .withUserConfiguration(JCacheCacheTypeTest.Catalogue.class, StatisticsOn.class)
                .withPropertyValues("spring.cache.type=jcache", "spring.cache.cache-names=books",
                        "spring.cache.jcache.config=" + config.toUri())
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    JCacheCacheTypeTest.Titles titles = context.getBean(JCacheCacheTypeTest.Titles.class);
                    titles.title("9780441013593");
                    titles.title("9780441013593");
                    titles.title("9780261103573");
                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    assertThat(titles.calls()).isEqualTo(2);
                    assertThat(gets(registry, "books", "hit")).isEqualTo(1);
                    assertThat(gets(registry, "books", "miss")).isEqualTo(2);
                    assertThat(registry.get("cache.puts").tags("cache", "books", "cache.manager", "cacheManager")
                            .functionCounter().count()).isEqualTo(2);
                });
    }

    @Configuration(proxyBeanMethods = false)
    static class StatisticsOn {
        @Bean
        SimpleMeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }

        /** The configuration Boot gives each cache of spring.cache.cache-names. */
        @Bean
        MutableConfiguration<Object, Object> jcacheConfiguration() {
            return new MutableConfiguration<>().setStatisticsEnabled(true);
        }
    }

    private static double gets(MeterRegistry registry, String cache, String result) {
        return registry.get("cache.gets").tags("cache", cache, "result", result).functionCounter().count();
    }
}

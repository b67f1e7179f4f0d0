package dev.larder.spring.boot;

import dev.larder.CacheRegistry;

/**
 * Changes the {@link CacheRegistry} that Larder's auto-configuration builds, after the
 * properties are read and before any cache is created: add caches in code, attach objects a
 * properties file cannot hold, or set the clock.
 *
 * <pre>{@code
 * @Bean
 * CacheRegistryCustomizer reportsCache(DataSource reports) {
 *     return caches -> caches.cache("reports", CacheConfig.builder().backend("jdbc")
 *             .location("report_cache").attach(DataSource.class, reports).build());
 * }
 * }</pre>
 */
@FunctionalInterface
public interface CacheRegistryCustomizer {
    void customize(CacheRegistry.Builder builder);
}

package dev.larder.spring.boot;

import dev.larder.CacheConfig;
import dev.larder.CacheRegistry;
import java.util.Map;
import java.util.Properties;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The {@link CacheRegistry} bean, from {@code larder.caches.*} in Spring's environment. With
 * none given there, the registry is the one {@link CacheRegistry#load()} builds
 * ({@code larder.properties} on the class path, {@code LARDER_CACHES_*} variables, or a
 * local-memory {@code default}), so an application moving to Spring Boot keeps its file.
 *
 * <p>A {@code jdbc} cache with neither {@code options.url} nor a {@code DataSource} attached
 * uses the application's {@code DataSource}, when there is exactly one. Every cache is created
 * at start-up, so a bad setting or an unreachable server fails it, and closed with the context.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration" })
@EnableConfigurationProperties(LarderProperties.class)
public class LarderAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public CacheRegistry larderCacheRegistry(LarderProperties properties, ObjectProvider<DataSource> dataSource,
            ObjectProvider<CacheRegistryCustomizer> customizers) {
        Properties settings = properties.asLarderProperties();
        CacheRegistry.Builder read = settings.isEmpty() ? CacheRegistry.configured() : CacheRegistry.configured(settings);
        CacheRegistry.Builder builder = CacheRegistry.builder();
        DataSource shared = dataSource.getIfUnique();
        for (Map.Entry<String, CacheConfig> e : read.configs().entrySet()) {
            builder.cache(e.getKey(), withDataSource(e.getValue(), shared));
        }
        if (read.configs().isEmpty()) {
            // What an empty registry would get, added now so that a customizer's caches come beside it.
            builder.cache(CacheRegistry.DEFAULT_ALIAS, CacheConfig.builder().build());
        }
        customizers.orderedStream().forEach(c -> c.customize(builder));
        return builder.build();
    }

    private static CacheConfig withDataSource(CacheConfig config, DataSource dataSource) {
        boolean needsOne = config.backend().equals("jdbc") && !config.options().containsKey("url")
                && !config.attachments().containsKey(DataSource.class);
        return needsOne && dataSource != null ? config.withAttachment(DataSource.class, dataSource) : config;
    }
}
